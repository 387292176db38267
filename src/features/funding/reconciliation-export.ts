import ExcelJS from "exceljs";
import { formatPence } from "#src/lib/money.ts";
import type { ReconciliationView } from "./posts-schema.ts";
import { poundsFormat } from "./reports-export.ts";
import { csvCell } from "./spend-service.ts";

// The contributions reconciliation as a spreadsheet, for the finance leads who settle it.

type Row = ReconciliationView["rows"][number];

/** "contributions-west-midlands-rocu-force-contributions-2018-19": the file's name without its extension. */
export const reconciliationFileName = (view: ReconciliationView) =>
  `contributions-${view.formula.name}-${view.financialYear}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** What the force pays or is paid to settle, in the words the screen uses. */
const settlementOf = (view: ReconciliationView, row: Row) =>
  view.transfers
    .filter((transfer) => transfer.from.id === row.party.id || transfer.to.id === row.party.id)
    .map((transfer) => transfer.sentence)
    .join("; ");

/** Every payment is paid by one force and received by another, so the two totals are the same. */
const paidTotal = (view: ReconciliationView) =>
  view.payments.reduce((sum, payment) => sum + payment.amountPence, 0);

const viaOf = (row: Row) => row.via.map((party) => party.name).join(" › ");

/**
 * The reconciliation as CSV: a row per force with its share, posts, FTE, actual, due, payments made
 * and received, and balance (money in pence and in pounds) and the transfers it is part of, then a
 * totals row.
 */
export function reconciliationCsv(view: ReconciliationView): string {
  const header = [
    "force",
    "force_id",
    "via",
    "share",
    "share_basis_points",
    "posts",
    "fte",
    "actual_pence",
    "actual",
    "due_pence",
    "due",
    "paid_pence",
    "paid",
    "received_pence",
    "received",
    "balance_pence",
    "balance",
    "settlement",
  ];
  const rows: (string | number)[][] = [
    header,
    ...view.rows.map((row) => [
      row.party.name,
      row.party.id,
      viaOf(row),
      row.share,
      row.shareBasisPoints,
      row.postIds.length,
      row.fte,
      row.actualPence,
      row.actual,
      row.duePence,
      row.due,
      row.paidPence,
      row.paid,
      row.receivedPence,
      row.received,
      row.balancePence,
      row.balance,
      settlementOf(view, row),
    ]),
    [
      "Total",
      "",
      "",
      "100%",
      10_000,
      view.rows.reduce((sum, row) => sum + row.postIds.length, 0),
      "",
      view.totalPence,
      view.total,
      view.totalPence,
      view.total,
      paidTotal(view),
      formatPence(paidTotal(view)),
      paidTotal(view),
      formatPence(paidTotal(view)),
      0,
      "£0.00",
      "",
    ],
  ];
  return `${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

/**
 * The reconciliation as an Excel workbook: its title, marking and the shares it used at the top,
 * a row per force with money as numbers in pounds, a totals row, then the transfers that settle it
 * and how the figures are worked out.
 */
export async function reconciliationXlsx(view: ReconciliationView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "ROCU Hub";
  // Sheet names may not hold "/" and are at most 31 characters.
  const sheet = workbook.addWorksheet(`Contributions ${view.financialYear.replace("/", "-")}`);
  sheet.columns = [
    { width: 36 },
    { width: 10 },
    { width: 8 },
    { width: 8 },
    ...[0, 1, 2, 3, 4].map(() => ({ width: 16, style: { numFmt: poundsFormat } })),
    { width: 60 },
  ];
  const title = sheet.getRow(1);
  title.getCell(1).value = `Contributions: ${view.formula.name}, ${view.financialYear}`;
  title.font = { bold: true, size: 14 };
  sheet
    .getRow(2)
    .getCell(
      1,
    ).value = `${view.classification}. Shares as decided for ${view.versionFinancialYear} (${view.decisionReference})`;
  // Printed pages carry the marking at the top and bottom, as the screens do.
  sheet.headerFooter = { oddHeader: `&C${view.classification}`, oddFooter: `&C${view.classification}` };

  const header = sheet.getRow(3);
  header.values = [
    "Force",
    "Share",
    "Posts",
    "FTE",
    "Actual",
    "Due",
    "Paid",
    "Received",
    "Balance",
    "Still to settle",
  ];
  header.font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 3 }];
  view.rows.forEach((row, index) => {
    sheet.getRow(4 + index).values = [
      row.party.name,
      row.share,
      row.postIds.length,
      row.fteBasisPoints / 10_000,
      row.actualPence / 100,
      row.duePence / 100,
      row.paidPence / 100,
      row.receivedPence / 100,
      row.balancePence / 100,
      settlementOf(view, row),
    ];
  });
  const totals = sheet.getRow(4 + view.rows.length);
  totals.values = [
    "Total",
    "100%",
    view.rows.reduce((sum, row) => sum + row.postIds.length, 0),
    view.rows.reduce((sum, row) => sum + row.fteBasisPoints, 0) / 10_000,
    view.totalPence / 100,
    view.totalPence / 100,
    paidTotal(view) / 100,
    paidTotal(view) / 100,
    0,
    "The sum of the rows above",
  ];
  totals.font = { bold: true };
  totals.border = { top: { style: "thin" } };

  let next = 6 + view.rows.length;
  const section = (heading: string, lines: readonly string[]) => {
    sheet.getRow(next).getCell(1).value = heading;
    sheet.getRow(next).font = { bold: true };
    for (const [index, line] of lines.entries()) sheet.getRow(next + 1 + index).getCell(1).value = line;
    next += lines.length + 2;
  };
  section(
    "Still to settle",
    view.transfers.length === 0
      ? ["Nothing: every balance is settled."]
      : view.transfers.map((transfer) => transfer.sentence),
  );
  if (view.payments.length > 0) {
    section(
      "Payments made",
      view.payments.map((payment) => `${payment.sentence} (${payment.reference})`),
    );
  }
  section("How these figures are worked out", [view.method]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
