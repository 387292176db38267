import ExcelJS from "exceljs";
import type { ReportGrouping, ReportRow, ReportView } from "./reports-schema.ts";
import { csvCell } from "./spend-service.ts";

// A funding report as a spreadsheet: CSV for any tool, or an Excel workbook with money as numbers.

const rowHeadings: Record<ReportGrouping, string> = {
  stream: "Stream",
  project: "Project",
  force: "Force area",
};

const figureColumns = [
  { key: "allocation", heading: "Allocation" },
  { key: "commitment", heading: "Commitment" },
  { key: "actual", heading: "Actual" },
  { key: "forecast", heading: "Forecast" },
  { key: "variance", heading: "Variance" },
  { key: "lapseRisk", heading: "Lapse risk" },
] as const;
type Figures = ReportView["totals"];
const penceOf = (figures: Figures, key: (typeof figureColumns)[number]["key"]): number | null =>
  figures[`${key}Pence`];

/** "funding-report-2018-19-q1-by-stream": the file's name without its extension. */
export const reportFileName = (view: ReportView) =>
  `funding-report-${view.title.toLowerCase().replaceAll("/", "-").replaceAll(" ", "-")}`;

/**
 * The report as CSV: a header row, a row per group with each figure in pence and in pounds, and a
 * totals row. Free text that a spreadsheet would run as a formula is prefixed with '.
 */
export function reportCsv(view: ReportView): string {
  const header = [
    rowHeadings[view.groupBy].toLowerCase().replaceAll(" ", "_"),
    "id",
    "period",
    ...figureColumns.flatMap((column) => {
      const name = column.key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
      return [`${name}_pence`, name];
    }),
    "note",
  ];
  const line = (label: string, id: string, figures: Figures, note: string) => [
    label,
    id,
    view.period,
    ...figureColumns.flatMap((column) => {
      const pence = penceOf(figures, column.key);
      return [pence ?? "", figures[column.key] ?? ""];
    }),
    note,
  ];
  const rows: (string | number)[][] = [
    header,
    ...view.rows.map((row) => line(row.label, row.key, row, row.lapseMessage ?? "")),
    line("Total", "", view.totals, ""),
  ];
  return `${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

/** Pounds and pence, negatives with a minus sign, as finance spreadsheets show money. */
export const poundsFormat = '"£"#,##0.00;-"£"#,##0.00';
/** Exact for any whole number of pence a report holds: pence ÷ 100 is the nearest double. */
const pounds = (pence: number | null) => (pence === null ? null : pence / 100);

/**
 * The report as an Excel workbook: one sheet named for the period and grouping, its title in the
 * first row, its protective marking and period in the second, a header row, a row per group with money as numbers in pounds (formatted £), a bold
 * totals row, and the definitions beneath.
 */
export async function reportXlsx(view: ReportView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "ROCU Hub";
  // Sheet names may not hold "/" and are at most 31 characters.
  const sheet = workbook.addWorksheet(view.title.replaceAll("/", "-").slice(0, 31));
  const lastColumn = 1 + figureColumns.length + 1;
  sheet.columns = [
    { width: 48 },
    ...figureColumns.map(() => ({ width: 16, style: { numFmt: poundsFormat } })),
    { width: 48 },
  ];
  const title = sheet.getRow(1);
  title.getCell(1).value = `Funding report: ${view.title}`;
  title.font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, lastColumn);
  const period =
    view.quarter === null
      ? `Financial year ${view.financialYear}`
      : `${view.period}: actual spend in ${view.months.join(", ")}; the other figures are the whole year's`;
  sheet.getRow(2).getCell(1).value = `${view.classification}. ${period}`;
  // Printed pages carry the marking at the top and bottom, as the screens do.
  sheet.headerFooter = { oddHeader: `&C${view.classification}`, oddFooter: `&C${view.classification}` };

  const header = sheet.getRow(3);
  header.values = [rowHeadings[view.groupBy], ...figureColumns.map((column) => column.heading), "Note"];
  header.font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 3 }];

  const write = (rowNumber: number, label: string, figures: Figures, note: string) => {
    const row = sheet.getRow(rowNumber);
    row.getCell(1).value = label;
    figureColumns.forEach((column, index) => {
      row.getCell(2 + index).value = pounds(penceOf(figures, column.key));
    });
    row.getCell(lastColumn).value = note;
    return row;
  };
  view.rows.forEach((row: ReportRow, index) => {
    write(4 + index, row.label, row, row.lapseMessage ?? "");
  });
  const totals = write(4 + view.rows.length, "Total", view.totals, "The sum of the rows above");
  totals.font = { bold: true };
  totals.border = { top: { style: "thin" } };

  view.notes.forEach((note, index) => {
    sheet.getRow(6 + view.rows.length + index).getCell(1).value = note;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
