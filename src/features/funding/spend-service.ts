import { and, asc, count, eq, inArray, isNotNull, isNull, type SQL, sql, sum } from "drizzle-orm";
import { actorOf, type RequestContext, recordAudit } from "#src/audit/audit.ts";
import { type Actor, can, canSee, visibleTo } from "#src/auth/policy.ts";
import type { Db, Queryable } from "#src/db/database.ts";
import {
  type AuditChanges,
  fundingBids,
  fundingDecisionAmounts,
  fundingDecisions,
  fundingSpendLines,
  fundingStreamAmounts,
  fundingStreams,
} from "#src/db/schema.ts";
import { type FieldError, forbidden, notFound } from "#src/lib/errors.ts";
import { formatPence } from "#src/lib/money.ts";
import { offsetOf } from "#src/lib/paging.ts";
import {
  financialYearLabel,
  financialYearOf,
  monthsOfFinancialYear,
  parseFinancialYearLabel,
  ukToday,
} from "#src/lib/periods.ts";
import { type CategoryAmount, type Monitoring, monitor } from "./forecast.ts";
import { loadStream, validationError } from "./service.ts";
import type {
  ListSpendQuery,
  MonitoringQuery,
  MonitoringView,
  RecordSpendInput,
  ScrutinyPackQuery,
  ScrutinyPackView,
  SpendLineView,
} from "./spend-schema.ts";
import type { BidStatus, CostCategory } from "./vocabulary.ts";

// Spend monitoring (docs/funding.md, "Spend monitoring"): finance records monthly actuals against
// a stream it manages; whoever reads the stream reads its spend and forecast.

type StreamRow = typeof fundingStreams.$inferSelect;
type SpendRow = typeof fundingSpendLines.$inferSelect;

/** Only money a commissioner has approved can be spent on a project. */
const spendableBidStatuses: readonly BidStatus[] = ["approved", "approved-with-conditions", "funded"];

const method =
  "Run rate: the average of the months recorded so far, for each month not yet recorded, rounded down to the penny; the last month left takes the pennies over";

/** The nil uuid stands for "no project" in the unique key, as in the migration. */
const noBid = "00000000-0000-0000-0000-000000000000";
const lineKey = (line: { bidId?: string | null; month: string; category: string }) =>
  `${line.bidId ?? noBid} ${line.month} ${line.category}`;

const yearOfMonth = (month: string) => financialYearOf(`${month}-01`);

const isEligible = (stream: Pick<StreamRow, "allowedCategories">, category: CostCategory) =>
  stream.allowedCategories.length === 0 || stream.allowedCategories.includes(category);

async function bidTitles(db: Queryable, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: fundingBids.id, title: fundingBids.title })
    .from(fundingBids)
    .where(inArray(fundingBids.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row.title]));
}

async function presentLines(
  db: Queryable,
  rows: readonly SpendRow[],
  streams: readonly Pick<StreamRow, "id" | "name" | "allowedCategories">[],
): Promise<SpendLineView[]> {
  const titles = await bidTitles(
    db,
    rows.flatMap((row) => (row.bidId ? [row.bidId] : [])),
  );
  return rows.map((row) => {
    const stream = streams.find((candidate) => candidate.id === row.streamId);
    return {
      id: row.id,
      stream: { id: row.streamId, name: stream?.name ?? row.streamId },
      bid: row.bidId ? { id: row.bidId, title: titles.get(row.bidId) ?? row.bidId } : null,
      month: row.month,
      financialYear: financialYearLabel(row.financialYear),
      category: row.category,
      amountPence: row.amountPence,
      amount: formatPence(row.amountPence),
      note: row.note,
      eligible: stream ? isEligible(stream, row.category) : true,
      recordedBy: row.recordedBy,
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

async function streamYears(db: Queryable, streamId: string) {
  return db
    .select()
    .from(fundingStreamAmounts)
    .where(eq(fundingStreamAmounts.streamId, streamId))
    .orderBy(asc(fundingStreamAmounts.financialYear));
}

/**
 * Checks every line and reports every problem at once, naming the field: months in a year the
 * stream has no money for, projects that are not approved (or not visible), and the same month
 * and category given twice.
 */
async function checkLines(
  db: Queryable,
  actor: Actor,
  stream: StreamRow,
  input: RecordSpendInput,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const years = (await streamYears(db, stream.id)).map((amount) => amount.financialYear);
  const yearNames = years.map(financialYearLabel).join(", ") || "no year";
  const bidIds = input.lines.flatMap((line) => (line.bidId ? [line.bidId] : []));
  const bids =
    bidIds.length === 0
      ? []
      : await db
          .select()
          .from(fundingBids)
          .where(inArray(fundingBids.id, [...new Set(bidIds)]));
  const seen = new Set<string>();
  for (const [index, line] of input.lines.entries()) {
    const year = yearOfMonth(line.month);
    if (!years.includes(year)) {
      errors.push({
        field: `lines.${index}.month`,
        message: `${line.month} is in ${financialYearLabel(year)}, but ${stream.name} has money only in ${yearNames}`,
      });
    }
    if (line.bidId) {
      const bid = bids.find((candidate) => candidate.id === line.bidId);
      if (!bid || !canSee(actor, { ...bid, sharedWithForces: bid.forceAreas })) {
        errors.push({ field: `lines.${index}.bidId`, message: "No bid with this id" });
      } else if (!spendableBidStatuses.includes(bid.status)) {
        errors.push({
          field: `lines.${index}.bidId`,
          message: `Spend can be recorded only on an approved or funded project: "${bid.title}" is ${bid.status}`,
        });
      }
    }
    const key = lineKey(line);
    if (seen.has(key)) {
      errors.push({
        field: `lines.${index}`,
        message: `${line.category} for ${line.month} is given more than once: give each month and category once`,
      });
    }
    seen.add(key);
  }
  return errors;
}

/**
 * Records a month's (or several months') actual spend, all or nothing. A line for a stream,
 * project, month and category already recorded is replaced, and the audit keeps the amount and
 * note before and after; a line recorded again unchanged writes nothing.
 */
export async function recordSpend(
  db: Db,
  context: RequestContext,
  streamId: string,
  input: RecordSpendInput,
): Promise<{ items: SpendLineView[] }> {
  const actor = actorOf(context);
  const stream = await loadStream(db, actor, streamId, "funding.manage");
  const errors = await checkLines(db, actor, stream, input);
  if (errors.length > 0) throw validationError(errors);
  const written = await db.transaction(async (tx) => {
    // Locking the stream serialises recording against it, so two people recording the same
    // month cannot both insert the line.
    await tx
      .select({ id: fundingStreams.id })
      .from(fundingStreams)
      .where(eq(fundingStreams.id, streamId))
      .for("update");
    const rows: SpendRow[] = [];
    for (const line of input.lines) {
      const [existing] = await tx
        .select()
        .from(fundingSpendLines)
        .where(
          and(
            eq(fundingSpendLines.streamId, streamId),
            line.bidId ? eq(fundingSpendLines.bidId, line.bidId) : isNull(fundingSpendLines.bidId),
            eq(fundingSpendLines.month, line.month),
            eq(fundingSpendLines.category, line.category),
          ),
        );
      if (existing && existing.amountPence === line.amountPence && existing.note === line.note) {
        rows.push(existing);
        continue;
      }
      const [row] = existing
        ? await tx
            .update(fundingSpendLines)
            .set({
              amountPence: line.amountPence,
              note: line.note,
              recordedBy: actor.id,
              updatedAt: new Date(),
            })
            .where(eq(fundingSpendLines.id, existing.id))
            .returning()
        : await tx
            .insert(fundingSpendLines)
            .values({
              streamId,
              bidId: line.bidId ?? null,
              month: line.month,
              financialYear: yearOfMonth(line.month),
              category: line.category,
              amountPence: line.amountPence,
              note: line.note,
              recordedBy: actor.id,
            })
            .returning();
      if (!row) throw notFound("Spend line");
      const changes: AuditChanges = {
        streamId: { after: streamId },
        bidId: { after: row.bidId },
        month: { after: row.month },
        category: { after: row.category },
        amountPence: existing
          ? { before: existing.amountPence, after: row.amountPence }
          : { after: row.amountPence },
        note: existing ? { before: existing.note, after: row.note } : { after: row.note },
      };
      await recordAudit(tx, context, {
        action: existing ? "funding-spend.rerecord" : "funding-spend.record",
        entityType: "funding-spend-line",
        entityId: row.id,
        forceId: stream.forceId,
        regionId: stream.regionId,
        classification: stream.classification,
        changes,
      });
      rows.push(row);
    }
    return rows;
  });
  return { items: await presentLines(db, written, [stream]) };
}

export async function listSpend(db: Db, context: RequestContext, query: ListSpendQuery) {
  const actor = actorOf(context);
  if (!can(actor, "funding.read")) throw forbidden();
  const conditions: SQL[] = [
    visibleTo(actor, {
      forceId: fundingStreams.forceId,
      regionId: fundingStreams.regionId,
      classification: fundingStreams.classification,
    }),
  ];
  if (query.streamId) conditions.push(eq(fundingSpendLines.streamId, query.streamId));
  if (query.bidId) conditions.push(eq(fundingSpendLines.bidId, query.bidId));
  if (query.financialYear) {
    conditions.push(eq(fundingSpendLines.financialYear, parseFinancialYearLabel(query.financialYear)));
  }
  if (query.month) conditions.push(eq(fundingSpendLines.month, query.month));
  if (query.category) conditions.push(eq(fundingSpendLines.category, query.category));
  const where = and(...conditions);
  const [totals] = await db
    .select({ total: count(), sumPence: sum(fundingSpendLines.amountPence).mapWith(Number) })
    .from(fundingSpendLines)
    .innerJoin(fundingStreams, eq(fundingStreams.id, fundingSpendLines.streamId))
    .where(where);
  const rows = await db
    .select({ line: fundingSpendLines, stream: fundingStreams })
    .from(fundingSpendLines)
    .innerJoin(fundingStreams, eq(fundingStreams.id, fundingSpendLines.streamId))
    .where(where)
    .orderBy(
      asc(fundingSpendLines.month),
      asc(fundingStreams.name),
      asc(fundingSpendLines.category),
      asc(fundingSpendLines.id),
    )
    .limit(query.pageSize)
    .offset(offsetOf(query));
  const sumPence = totals?.sumPence ?? 0;
  return {
    items: await presentLines(
      db,
      rows.map((row) => row.line),
      rows.map((row) => row.stream),
    ),
    total: totals?.total ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    sumPence,
    sum: formatPence(sumPence),
  };
}

/** The current financial year if the stream has money in it, else its latest (or the current). */
function defaultYear(years: readonly number[]): number {
  const current = financialYearOf(ukToday());
  if (years.includes(current) || years.length === 0) return current;
  return years[years.length - 1] ?? current;
}

/**
 * What commissioners' decisions gave each project from this stream in the year: approvals with or
 * without conditions, leaving out bids another commissioner declined, as the reports count
 * commitments (docs/funding.md, "Reports").
 */
async function projectAllocations(db: Queryable, streamId: string, year: number, bidId?: string) {
  const rows = await db
    .select({ bidId: fundingDecisions.bidId, total: sum(fundingDecisionAmounts.amountPence).mapWith(Number) })
    .from(fundingDecisionAmounts)
    .innerJoin(fundingDecisions, eq(fundingDecisions.id, fundingDecisionAmounts.decisionId))
    .where(
      and(
        bidId ? eq(fundingDecisions.bidId, bidId) : undefined,
        inArray(fundingDecisions.outcome, ["approved", "approved-with-conditions"]),
        sql`NOT EXISTS (SELECT 1 FROM funding_decisions other
          WHERE other.bid_id = ${fundingDecisions.bidId} AND other.outcome = 'declined')`,
        eq(fundingDecisionAmounts.fundingStreamId, streamId),
        eq(fundingDecisionAmounts.financialYear, year),
      ),
    )
    .groupBy(fundingDecisions.bidId);
  return new Map(rows.map((row) => [row.bidId, row.total]));
}

/** The projects a stream pays for in the year: those its decisions fund or its spend names. */
async function streamProjects(db: Queryable, actor: Actor, streamId: string, year: number) {
  const allocations = await projectAllocations(db, streamId, year);
  const spent = await db
    .select({ bidId: fundingSpendLines.bidId, total: sum(fundingSpendLines.amountPence).mapWith(Number) })
    .from(fundingSpendLines)
    .where(
      and(
        eq(fundingSpendLines.streamId, streamId),
        eq(fundingSpendLines.financialYear, year),
        isNotNull(fundingSpendLines.bidId),
      ),
    )
    .groupBy(fundingSpendLines.bidId);
  const actuals = new Map(spent.flatMap((row) => (row.bidId ? [[row.bidId, row.total] as const] : [])));
  const ids = [...new Set([...allocations.keys(), ...actuals.keys()])];
  if (ids.length === 0) return [];
  const bids = await db.select().from(fundingBids).where(inArray(fundingBids.id, ids));
  return bids
    .filter((bid) => canSee(actor, { ...bid, sharedWithForces: bid.forceAreas }))
    .sort((a, b) => a.title.localeCompare(b.title, "en-GB"))
    .map((bid) => {
      const allocationPence = allocations.get(bid.id) ?? 0;
      const actualPence = actuals.get(bid.id) ?? 0;
      return {
        id: bid.id,
        title: bid.title,
        allocationPence,
        allocation: formatPence(allocationPence),
        actualPence,
        actual: formatPence(actualPence),
      };
    });
}

interface Position {
  stream: StreamRow;
  bid: { id: string; title: string } | null;
  year: number;
  result: Monitoring<SpendRow>;
  lines: SpendLineView[];
}

async function position(
  db: Db,
  context: RequestContext,
  streamId: string,
  options: { year: number | null; bidId: string | null; throughMonth?: string },
): Promise<Position> {
  const actor = actorOf(context);
  const stream = await loadStream(db, actor, streamId, "funding.read");
  const amounts = await streamYears(db, streamId);
  const year =
    options.year ??
    (options.throughMonth
      ? yearOfMonth(options.throughMonth)
      : defaultYear(amounts.map((amount) => amount.financialYear)));
  let bid: Position["bid"] = null;
  let allocationPence = amounts.find((amount) => amount.financialYear === year)?.amountPence ?? 0;
  if (options.bidId) {
    const [found] = await db.select().from(fundingBids).where(eq(fundingBids.id, options.bidId));
    // A bid out of the reader's reach looks like no bid, so its title does not leak.
    if (!found || !canSee(actor, { ...found, sharedWithForces: found.forceAreas })) {
      throw validationError([{ field: "bidId", message: "No bid with this id" }]);
    }
    bid = { id: found.id, title: found.title };
    allocationPence = (await projectAllocations(db, streamId, year, options.bidId)).get(options.bidId) ?? 0;
  }
  const rows = await db
    .select()
    .from(fundingSpendLines)
    .where(
      and(
        eq(fundingSpendLines.streamId, streamId),
        eq(fundingSpendLines.financialYear, year),
        options.bidId ? eq(fundingSpendLines.bidId, options.bidId) : undefined,
      ),
    )
    .orderBy(asc(fundingSpendLines.month), asc(fundingSpendLines.category), asc(fundingSpendLines.id));
  const result = monitor({
    financialYear: year,
    allocationPence,
    carriesOver: stream.carriesOver,
    allowedCategories: stream.allowedCategories,
    lines: rows,
    throughMonth: options.throughMonth,
  });
  return { stream, bid, year, result, lines: await presentLines(db, rows, [stream]) };
}

const categoryAmounts = (stream: StreamRow, amounts: readonly CategoryAmount[]) =>
  amounts.map((amount) => ({
    category: amount.category,
    amountPence: amount.amountPence,
    amount: formatPence(amount.amountPence),
    eligible: isEligible(stream, amount.category),
  }));

const maybePence = (pence: number | null) => (pence === null ? null : formatPence(pence));

function forecastView({ stream, result, lines }: Position) {
  const ineligibleIds = new Set(result.ineligible.lines.map((line) => line.id));
  return {
    allocationPence: result.allocationPence,
    allocation: formatPence(result.allocationPence),
    monthsRecorded: result.monthsRecorded,
    monthsLeft: result.monthsLeft,
    runRatePence: result.runRatePence,
    forecastPence: result.forecastPence,
    forecast: maybePence(result.forecastPence),
    variancePence: result.variancePence,
    variance: maybePence(result.variancePence),
    lapseRisk: result.lapseRisk && {
      ...result.lapseRisk,
      amount: formatPence(result.lapseRisk.amountPence),
    },
    ineligible: {
      totalPence: result.ineligible.totalPence,
      total: formatPence(result.ineligible.totalPence),
      lines: lines.filter((line) => ineligibleIds.has(line.id)),
    },
    method:
      result.monthsRecorded === 0 ? `${method}. No month is recorded yet, so there is no forecast.` : method,
    streamSummary: {
      id: stream.id,
      name: stream.name,
      carriesOver: stream.carriesOver,
      allowedCategories: stream.allowedCategories,
    },
  };
}

export async function streamMonitoring(
  db: Db,
  context: RequestContext,
  streamId: string,
  query: MonitoringQuery,
): Promise<MonitoringView> {
  const found = await position(db, context, streamId, {
    year: query.financialYear ? parseFinancialYearLabel(query.financialYear) : null,
    bidId: query.bidId ?? null,
  });
  const { streamSummary, ...forecast } = forecastView(found);
  return {
    stream: streamSummary,
    bid: found.bid,
    financialYear: financialYearLabel(found.year),
    months: found.result.months.map((month) => ({
      month: month.month,
      recorded: month.recorded,
      actualPence: month.actualPence,
      actual: formatPence(month.actualPence),
      byCategory: categoryAmounts(found.stream, month.byCategory),
      forecastPence: month.forecastPence,
    })),
    byCategory: categoryAmounts(found.stream, found.result.byCategory),
    actualPence: found.result.actualPence,
    actual: formatPence(found.result.actualPence),
    ...forecast,
    projects: await streamProjects(db, actorOf(context), streamId, found.year),
  };
}

async function latestMonth(db: Queryable, streamId: string): Promise<string | null> {
  const [row] = await db
    .select({ month: sql<string | null>`max(${fundingSpendLines.month})` })
    .from(fundingSpendLines)
    .where(eq(fundingSpendLines.streamId, streamId));
  return row?.month ?? null;
}

/**
 * The monthly scrutiny pack: the month's spend by category, the year to date through that month,
 * and the forecast, variance, lapse risk and ineligible items as they stood at the month's end.
 */
export async function scrutinyPack(
  db: Db,
  context: RequestContext,
  streamId: string,
  query: Pick<ScrutinyPackQuery, "month">,
): Promise<ScrutinyPackView> {
  // Checked before anything about the stream's spend is read.
  await loadStream(db, actorOf(context), streamId, "funding.read");
  const month =
    query.month ??
    (await latestMonth(db, streamId)) ??
    monthsOfFinancialYear(
      defaultYear((await streamYears(db, streamId)).map((amount) => amount.financialYear)),
    )[0] ??
    `${financialYearOf(ukToday())}-04`;
  const found = await position(db, context, streamId, { year: null, bidId: null, throughMonth: month });
  const { streamSummary, ...forecast } = forecastView(found);
  const ofMonth = found.result.months.find((candidate) => candidate.month === month);
  return {
    stream: streamSummary,
    financialYear: financialYearLabel(found.year),
    month,
    monthSpend: {
      byCategory: categoryAmounts(found.stream, ofMonth?.byCategory ?? []),
      totalPence: ofMonth?.actualPence ?? 0,
      total: formatPence(ofMonth?.actualPence ?? 0),
    },
    yearToDate: {
      byCategory: categoryAmounts(found.stream, found.result.byCategory),
      totalPence: found.result.actualPence,
      total: formatPence(found.result.actualPence),
    },
    ...forecast,
  };
}

export const csvCell = (value: string | number) => {
  const text = String(value);
  // Free text starting =, +, @ or - (other than a negative amount) would run as a spreadsheet formula.
  const safe = /^([=+@]|-(?![£\d]))/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** The pack as CSV for the funder's spreadsheet: one row a figure, amounts in pence and pounds. */
export function scrutinyPackCsv(pack: ScrutinyPackView): string {
  const rows: (string | number)[][] = [["section", "month", "category", "amount_pence", "amount", "note"]];
  for (const line of pack.monthSpend.byCategory) {
    rows.push([
      "month",
      pack.month,
      line.category,
      line.amountPence,
      line.amount,
      line.eligible ? "" : "ineligible",
    ]);
  }
  rows.push(["month total", pack.month, "", pack.monthSpend.totalPence, pack.monthSpend.total, ""]);
  for (const line of pack.yearToDate.byCategory) {
    rows.push([
      "year to date",
      pack.month,
      line.category,
      line.amountPence,
      line.amount,
      line.eligible ? "" : "ineligible",
    ]);
  }
  rows.push(["year to date total", pack.month, "", pack.yearToDate.totalPence, pack.yearToDate.total, ""]);
  rows.push(["allocation", pack.financialYear, "", pack.allocationPence, pack.allocation, ""]);
  rows.push(["forecast", pack.financialYear, "", pack.forecastPence ?? "", pack.forecast ?? "", pack.method]);
  rows.push(["variance", pack.financialYear, "", pack.variancePence ?? "", pack.variance ?? "", ""]);
  if (pack.lapseRisk) {
    rows.push([
      "lapse risk",
      pack.financialYear,
      "",
      pack.lapseRisk.amountPence,
      pack.lapseRisk.amount,
      pack.lapseRisk.message,
    ]);
  }
  for (const line of pack.ineligible.lines) {
    rows.push(["ineligible", line.month, line.category, line.amountPence, line.amount, line.note]);
  }
  return `${rows.map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
