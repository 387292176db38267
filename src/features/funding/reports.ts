import { and, eq, inArray, sql } from "drizzle-orm";
import { actorOf, type RequestContext } from "#src/audit/audit.ts";
import { type Actor, type Classification, can, classifications, visibleTo } from "#src/auth/policy.ts";
import { type Queryable, queryRows } from "#src/db/database.ts";
import { forces, fundingBids, fundingDecisions, fundingStreams, organisations } from "#src/db/schema.ts";
import { forbidden } from "#src/lib/errors.ts";
import { formatPence } from "#src/lib/money.ts";
import {
  financialYearLabel,
  financialYearOf,
  monthsOfFinancialYear,
  parseFinancialYearLabel,
  ukToday,
} from "#src/lib/periods.ts";
import { lapseDate, monitor } from "./forecast.ts";
import type { ReportGrouping, ReportQuarter, ReportQuery, ReportRow, ReportView } from "./reports-schema.ts";
import type { CostCategory } from "./vocabulary.ts";

/**
 * Funding reports (docs/funding.md, "Reports"): for a financial year, or one of its quarters, the
 * allocation, commitment, actual, forecast, variance and lapse risk by stream, project or force
 * area. The money is summed in SQL; the forecast is forecast.ts's run rate, applied to each
 * funded thing exactly as its monitoring does; every total is the sum of its rows.
 */

interface StreamFacts {
  id: string;
  name: string;
  forceId: string | null;
  carriesOver: boolean;
  allowedCategories: CostCategory[];
  classification: Classification;
  /** Null when the stream has no amount for the year. */
  allocationPence: number | null;
}

interface SpendSum {
  streamId: string;
  bidId: string | null;
  month: string;
  category: CostCategory;
  amountPence: number;
}

interface Commitment {
  bidId: string;
  streamId: string | null;
  /** The deciding commissioner's office's force area. */
  forceId: string | null;
  classification: Classification;
  amountPence: number;
}

/** The figures of one funded thing (a stream, or a project within a stream) before grouping. */
interface Part {
  allocationPence: number;
  actualPence: number;
  forecastPence: number | null;
  variancePence: number | null;
  lapseRiskPence: number | null;
  /** forecast.ts's words: "£43,200.00 at risk of lapsing on 31 March 2019". */
  lapseMessage: string | null;
}

/** A row being built: its parts, commitments and what it traces to. */
interface Group {
  key: string;
  label: string;
  sortLast: boolean;
  parts: Part[];
  commitmentPence: number;
  streamIds: Set<string>;
  bidIds: Set<string>;
  links: { label: string; href: string }[];
}

const streamColumns = {
  forceId: fundingStreams.forceId,
  regionId: fundingStreams.regionId,
  classification: fundingStreams.classification,
};
const decisionColumns = {
  forceId: fundingDecisions.forceId,
  regionId: fundingDecisions.regionId,
  classification: fundingDecisions.classification,
};

/** Visible streams with their amount for the year (as text: the same from pg and PGlite). */
async function loadStreams(db: Queryable, actor: Actor, year: number): Promise<StreamFacts[]> {
  const rows = await queryRows<{
    id: string;
    name: string;
    force_id: string | null;
    carries_over: boolean;
    allowed_categories: CostCategory[];
    classification: Classification;
    allocation: string | null;
  }>(
    db,
    sql`
      SELECT ${fundingStreams.id}::text AS id, ${fundingStreams.name} AS name, ${fundingStreams.forceId} AS force_id,
        ${fundingStreams.carriesOver} AS carries_over, ${fundingStreams.allowedCategories} AS allowed_categories,
        ${fundingStreams.classification} AS classification, a.amount_pence::text AS allocation
      FROM ${fundingStreams}
      LEFT JOIN funding_stream_amounts a ON a.stream_id = ${fundingStreams.id} AND a.financial_year = ${year}
      WHERE ${visibleTo(actor, streamColumns)}
      ORDER BY lower(${fundingStreams.name}), ${fundingStreams.id}`,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    forceId: row.force_id,
    carriesOver: row.carries_over,
    allowedCategories: row.allowed_categories,
    classification: row.classification,
    allocationPence: row.allocation === null ? null : Number(row.allocation),
  }));
}

/** The year's spend on visible streams, summed by stream, project, month and category. */
async function loadSpend(db: Queryable, actor: Actor, year: number): Promise<SpendSum[]> {
  const rows = await queryRows<{
    stream_id: string;
    bid_id: string | null;
    month: string;
    category: CostCategory;
    amount: string;
  }>(
    db,
    sql`
      SELECT l.stream_id::text AS stream_id, l.bid_id::text AS bid_id, l.month, l.category,
        sum(l.amount_pence)::text AS amount
      FROM funding_spend_lines l
      JOIN ${fundingStreams} ON ${fundingStreams.id} = l.stream_id
      WHERE l.financial_year = ${year} AND ${visibleTo(actor, streamColumns)}
      GROUP BY l.stream_id, l.bid_id, l.month, l.category`,
  );
  return rows.map((row) => ({
    streamId: row.stream_id,
    bidId: row.bid_id,
    month: row.month,
    category: row.category,
    amountPence: Number(row.amount),
  }));
}

/**
 * The year's commitments: amounts of visible decisions that approve (with or without conditions),
 * leaving out bids another commissioner declined, as budget pots count them (decision 007).
 */
async function loadCommitments(db: Queryable, actor: Actor, year: number): Promise<Commitment[]> {
  const rows = await queryRows<{
    bid_id: string;
    stream_id: string | null;
    force_id: string | null;
    classification: Classification;
    amount: string;
  }>(
    db,
    sql`
      SELECT ${fundingDecisions.bidId}::text AS bid_id, a.funding_stream_id::text AS stream_id,
        ${fundingDecisions.forceId} AS force_id, ${fundingDecisions.classification} AS classification,
        sum(a.amount_pence)::text AS amount
      FROM funding_decision_amounts a
      JOIN ${fundingDecisions} ON ${fundingDecisions.id} = a.decision_id
      WHERE a.financial_year = ${year}
        AND ${fundingDecisions.outcome} IN ('approved', 'approved-with-conditions')
        AND NOT EXISTS (
          SELECT 1 FROM funding_decisions other
          WHERE other.bid_id = ${fundingDecisions.bidId} AND other.outcome = 'declined'
        )
        AND ${visibleTo(actor, decisionColumns)}
      GROUP BY ${fundingDecisions.bidId}, a.funding_stream_id, ${fundingDecisions.forceId},
        ${fundingDecisions.classification}`,
  );
  return rows.map((row) => ({
    bidId: row.bid_id,
    streamId: row.stream_id,
    forceId: row.force_id,
    classification: row.classification,
    amountPence: Number(row.amount),
  }));
}

async function bidTitles(db: Queryable, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: fundingBids.id, title: fundingBids.title })
    .from(fundingBids)
    .where(inArray(fundingBids.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row.title]));
}

/** Force areas' names, and their commissioners' offices, whose decisions a force row links to. */
async function forceFacts(db: Queryable, ids: readonly string[]) {
  if (ids.length === 0) return { names: new Map<string, string>(), offices: new Map<string, string>() };
  const [named, offices] = await Promise.all([
    db
      .select({ id: forces.id, name: forces.name })
      .from(forces)
      .where(inArray(forces.id, [...ids])),
    db
      .select({ id: organisations.id, forceId: organisations.forceId })
      .from(organisations)
      .where(and(eq(organisations.kind, "opcc"), inArray(organisations.forceId, [...ids]))),
  ]);
  return {
    names: new Map(named.map((row) => [row.id, row.name])),
    offices: new Map(offices.map((row) => [row.forceId ?? "", row.id])),
  };
}

const sumOf = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** The sum of the values that exist; null when none does. */
function sumPresent(values: readonly (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0 ? null : sumOf(present);
}

/** One funded thing's figures: its actual in the period, and forecast.ts's year. */
function partOf(
  lines: readonly SpendSum[],
  options: {
    year: number;
    months: readonly string[];
    allocationPence: number;
    carriesOver: boolean;
    allowedCategories: readonly CostCategory[];
  },
): Part {
  const result = monitor({
    financialYear: options.year,
    allocationPence: options.allocationPence,
    carriesOver: options.carriesOver,
    allowedCategories: options.allowedCategories,
    lines,
  });
  return {
    allocationPence: options.allocationPence,
    actualPence: sumOf(
      lines.filter((line) => options.months.includes(line.month)).map((line) => line.amountPence),
    ),
    forecastPence: result.forecastPence,
    variancePence: result.variancePence,
    lapseRiskPence: result.lapseRisk?.amountPence ?? null,
    lapseMessage: result.lapseRisk?.message ?? null,
  };
}

const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

function newGroup(key: string, label: string, sortLast = false): Group {
  return {
    key,
    label,
    sortLast,
    parts: [],
    commitmentPence: 0,
    streamIds: new Set(),
    bidIds: new Set(),
    links: [],
  };
}

function groupFor(groups: Map<string, Group>, key: string, make: () => Group): Group {
  const existing = groups.get(key);
  if (existing) return existing;
  const made = make();
  groups.set(key, made);
  return made;
}

const maybeMoney = (pence: number | null) => (pence === null ? null : formatPence(pence));

function figuresOf(values: {
  allocationPence: number;
  commitmentPence: number;
  actualPence: number;
  forecastPence: number | null;
  variancePence: number | null;
  lapseRiskPence: number | null;
}) {
  return {
    allocationPence: values.allocationPence,
    allocation: formatPence(values.allocationPence),
    commitmentPence: values.commitmentPence,
    commitment: formatPence(values.commitmentPence),
    actualPence: values.actualPence,
    actual: formatPence(values.actualPence),
    forecastPence: values.forecastPence,
    forecast: maybeMoney(values.forecastPence),
    variancePence: values.variancePence,
    variance: maybeMoney(values.variancePence),
    lapseRiskPence: values.lapseRiskPence,
    lapseRisk: maybeMoney(values.lapseRiskPence),
  };
}

function rowOf(group: Group, year: number): ReportRow {
  const lapseRiskPence = sumPresent(group.parts.map((part) => part.lapseRiskPence));
  return {
    key: group.key,
    label: group.label,
    ...figuresOf({
      allocationPence: sumOf(group.parts.map((part) => part.allocationPence)),
      commitmentPence: group.commitmentPence,
      actualPence: sumOf(group.parts.map((part) => part.actualPence)),
      forecastPence: sumPresent(group.parts.map((part) => part.forecastPence)),
      variancePence: sumPresent(group.parts.map((part) => part.variancePence)),
      lapseRiskPence,
    }),
    // One part says it in forecast.ts's words; several add up to the same sentence.
    lapseMessage:
      group.parts.length === 1
        ? (group.parts[0]?.lapseMessage ?? null)
        : lapseRiskPence === null
          ? null
          : `${formatPence(lapseRiskPence)} at risk of lapsing on ${lapseDate(year)}`,
    streamIds: [...group.streamIds],
    bidIds: [...group.bidIds],
    links: group.links,
  };
}

const notes = (period: string, quarter: ReportQuarter | null) => [
  "Allocation: the funding streams' amounts for the financial year.",
  "Commitment: the amounts commissioners' decisions approved (with or without conditions) for the year, leaving out bids another commissioner declined.",
  quarter
    ? `Actual: spend recorded in the months of ${period}. Allocation, commitment, forecast, variance and lapse risk are the whole year's.`
    : "Actual: spend recorded in the year.",
  "Forecast: the run rate to 31 March (the average of the months recorded, for each month not recorded, rounded down to the penny); none when no month is recorded.",
  "Variance: forecast − allocation (negative is an underspend). Lapse risk: allocation − forecast when the forecast is under it, for money that does not carry over.",
  "By force: streams by their recipient's force area, commitments by the deciding commissioner's force area. By project: a stream's spend and allocation given to a project go to that project; the rest is the stream's own.",
  "Totals are the sums of the rows; a row with no forecast adds nothing to the forecast, variance or lapse risk.",
];

interface Loaded {
  year: number;
  months: string[];
  streams: StreamFacts[];
  spend: SpendSum[];
  /** The spend by stream, and by stream and project (pairKey; "" for the stream's own). */
  spendByStream: Map<string, SpendSum[]>;
  spendByPair: Map<string, SpendSum[]>;
  commitments: Commitment[];
}

const pairKey = (streamId: string, bidId: string | null) => `${streamId} ${bidId ?? ""}`;

function listed<Value>(map: Map<string, Value[]>, key: string, value: Value) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function indexSpend(spend: readonly SpendSum[]) {
  const spendByStream = new Map<string, SpendSum[]>();
  const spendByPair = new Map<string, SpendSum[]>();
  for (const line of spend) {
    listed(spendByStream, line.streamId, line);
    listed(spendByPair, pairKey(line.streamId, line.bidId), line);
  }
  return { spendByStream, spendByPair };
}

const yearParam = (year: number) => financialYearLabel(year);
const streamLinks = (stream: StreamFacts, year: number) => [
  { label: "Stream", href: `/funding/streams/${stream.id}` },
  {
    label: "Spend lines",
    href: `/api/v1/funding/spend?${query({ streamId: stream.id, financialYear: yearParam(year) })}`,
  },
  {
    label: "Spend monitoring",
    href: `/funding/streams/${stream.id}/monitoring?${query({ financialYear: yearParam(year) })}`,
  },
];

/** Streams that figure in the year: an amount for it, spend in it, or commitments from it. */
function streamsInYear({ streams, spendByStream, commitments }: Loaded): StreamFacts[] {
  const committed = new Set(commitments.map((commitment) => commitment.streamId));
  return streams.filter(
    (stream) => stream.allocationPence !== null || spendByStream.has(stream.id) || committed.has(stream.id),
  );
}

function streamPart(loaded: Loaded, stream: StreamFacts) {
  return partOf(loaded.spendByStream.get(stream.id) ?? [], {
    year: loaded.year,
    months: loaded.months,
    allocationPence: stream.allocationPence ?? 0,
    carriesOver: stream.carriesOver,
    allowedCategories: stream.allowedCategories,
  });
}

function byStream(loaded: Loaded): Group[] {
  const groups = new Map<string, Group>();
  for (const stream of streamsInYear(loaded)) {
    const group = newGroup(stream.id, stream.name);
    group.parts.push(streamPart(loaded, stream));
    group.streamIds.add(stream.id);
    group.links = streamLinks(stream, loaded.year);
    groups.set(stream.id, group);
  }
  for (const commitment of loaded.commitments) {
    const group =
      (commitment.streamId ? groups.get(commitment.streamId) : undefined) ??
      groupFor(groups, "no-stream", () => {
        const made = newGroup("no-stream", "Commitments not from a stream you can see", true);
        made.links = [
          {
            label: "Decisions",
            href: `/funding/decisions?${query({ financialYear: yearParam(loaded.year) })}`,
          },
        ];
        return made;
      });
    group.commitmentPence += commitment.amountPence;
    group.bidIds.add(commitment.bidId);
  }
  return [...groups.values()];
}

async function byProject(db: Queryable, loaded: Loaded): Promise<Group[]> {
  const { year, months, spend, spendByPair, commitments } = loaded;
  const streams = streamsInYear(loaded);
  const visible = new Map(streams.map((stream) => [stream.id, stream]));
  const titles = await bidTitles(db, [
    ...spend.flatMap((line) => line.bidId ?? []),
    ...commitments.map((commitment) => commitment.bidId),
  ]);
  const groups = new Map<string, Group>();
  const projectGroup = (bidId: string) =>
    groupFor(groups, bidId, () => {
      const made = newGroup(bidId, titles.get(bidId) ?? bidId);
      made.bidIds.add(bidId);
      made.links = [
        { label: "Bid", href: `/funding/bids/${bidId}` },
        {
          label: "Decisions",
          href: `/funding/decisions?${query({ bidId, financialYear: yearParam(year) })}`,
        },
        {
          label: "Spend lines",
          href: `/api/v1/funding/spend?${query({ bidId, financialYear: yearParam(year) })}`,
        },
      ];
      return made;
    });

  // What the decisions gave each project from each stream it may spend: the project's allocation.
  const projectAllocations = new Map<string, number>();
  const givenFromStream = new Map<string, number>();
  for (const commitment of commitments) {
    projectGroup(commitment.bidId).commitmentPence += commitment.amountPence;
    if (commitment.streamId && visible.has(commitment.streamId)) {
      const key = pairKey(commitment.streamId, commitment.bidId);
      projectAllocations.set(key, (projectAllocations.get(key) ?? 0) + commitment.amountPence);
      givenFromStream.set(
        commitment.streamId,
        (givenFromStream.get(commitment.streamId) ?? 0) + commitment.amountPence,
      );
    }
  }
  const pairs = new Set([
    ...projectAllocations.keys(),
    ...spend.flatMap((line) => (line.bidId ? [pairKey(line.streamId, line.bidId)] : [])),
  ]);
  const own = newGroup("stream-own-spend", "(stream's own spend)", true);
  own.links = [{ label: "Streams", href: `/funding/streams?${query({ financialYear: yearParam(year) })}` }];
  for (const stream of streams) {
    const part = partOf(spendByPair.get(pairKey(stream.id, null)) ?? [], {
      year,
      months,
      allocationPence: (stream.allocationPence ?? 0) - (givenFromStream.get(stream.id) ?? 0),
      carriesOver: stream.carriesOver,
      allowedCategories: stream.allowedCategories,
    });
    own.parts.push(part);
    own.streamIds.add(stream.id);
  }
  for (const key of pairs) {
    const [streamId = "", bidId = ""] = key.split(" ");
    const stream = visible.get(streamId);
    if (!stream) continue;
    const group = projectGroup(bidId);
    const part = partOf(spendByPair.get(key) ?? [], {
      year,
      months,
      allocationPence: projectAllocations.get(key) ?? 0,
      carriesOver: stream.carriesOver,
      allowedCategories: stream.allowedCategories,
    });
    group.parts.push(part);
    group.streamIds.add(streamId);
  }
  // A project's spend monitoring on each stream it spends; the actual links to it when there is one.
  for (const group of groups.values()) {
    const [bidId = ""] = group.bidIds;
    const paidFrom = [...group.streamIds].flatMap((streamId) => visible.get(streamId) ?? []);
    for (const stream of paidFrom) {
      group.links.push({
        label: paidFrom.length === 1 ? "Spend monitoring" : `Spend monitoring: ${stream.name}`,
        href: `/funding/streams/${stream.id}/monitoring?${query({ financialYear: yearParam(year), bidId })}`,
      });
    }
  }
  if (own.parts.length > 0) groups.set(own.key, own);
  return [...groups.values()];
}

async function byForce(db: Queryable, loaded: Loaded): Promise<Group[]> {
  const streams = streamsInYear(loaded);
  const forceIds = [
    ...new Set([
      ...streams.flatMap((stream) => stream.forceId ?? []),
      ...loaded.commitments.flatMap((commitment) => commitment.forceId ?? []),
    ]),
  ];
  const { names, offices } = await forceFacts(db, forceIds);
  const groups = new Map<string, Group>();
  const forceGroup = (forceId: string | null) =>
    groupFor(groups, forceId ?? "no-force", () => {
      if (forceId === null) return newGroup("no-force", "No force area (regional and national bodies)", true);
      const made = newGroup(forceId, names.get(forceId) ?? forceId);
      const office = offices.get(forceId);
      if (office) {
        made.links.push({
          label: "Decisions",
          href: `/funding/decisions?${query({ decisionMakerOrganisationId: office, financialYear: yearParam(loaded.year) })}`,
        });
      }
      return made;
    });
  for (const stream of streams) {
    const group = forceGroup(stream.forceId);
    group.parts.push(streamPart(loaded, stream));
    group.streamIds.add(stream.id);
    group.links.push({ label: stream.name, href: `/funding/streams/${stream.id}` });
  }
  for (const commitment of loaded.commitments) {
    const group = forceGroup(commitment.forceId);
    group.commitmentPence += commitment.amountPence;
    group.bidIds.add(commitment.bidId);
  }
  return [...groups.values()];
}

const groupings: Record<ReportGrouping, (db: Queryable, loaded: Loaded) => Group[] | Promise<Group[]>> = {
  stream: (_db, loaded) => byStream(loaded),
  project: byProject,
  force: byForce,
};

const groupWords: Record<ReportGrouping, string> = {
  stream: "by stream",
  project: "by project",
  force: "by force",
};

/**
 * With no year asked for: the current financial year if a stream the reader can see has money in
 * it, else the latest year one has (as a stream's monitoring chooses), else the current year.
 */
async function defaultYear(db: Queryable, actor: Actor): Promise<number> {
  const current = financialYearOf(ukToday());
  const [row] = await queryRows<{ current_year: boolean; latest: number | null }>(
    db,
    sql`
      SELECT bool_or(a.financial_year = ${current}) AS current_year, max(a.financial_year) AS latest
      FROM funding_stream_amounts a
      JOIN ${fundingStreams} ON ${fundingStreams.id} = a.stream_id
      WHERE ${visibleTo(actor, streamColumns)}`,
  );
  if (!row || row.current_year || row.latest === null) return current;
  return Number(row.latest);
}

/** One collator for every comparison: localeCompare with options builds one each time. */
const byLabel = new Intl.Collator("en-GB", { sensitivity: "base", numeric: true });

export async function fundingReport(
  db: Queryable,
  context: RequestContext,
  input: Pick<ReportQuery, "financialYear" | "quarter" | "groupBy">,
): Promise<ReportView> {
  const actor = actorOf(context);
  if (!can(actor, "funding.read")) throw forbidden();
  const year = input.financialYear
    ? parseFinancialYearLabel(input.financialYear)
    : await defaultYear(db, actor);
  const quarter = input.quarter ?? null;
  const groupBy = input.groupBy ?? "stream";
  const yearMonths = monthsOfFinancialYear(year);
  const quarterIndex = quarter ? Number(quarter.slice(1)) - 1 : null;
  const months =
    quarterIndex === null ? yearMonths : yearMonths.slice(quarterIndex * 3, quarterIndex * 3 + 3);
  const [streams, spend, commitments] = await Promise.all([
    loadStreams(db, actor, year),
    loadSpend(db, actor, year),
    loadCommitments(db, actor, year),
  ]);
  const loaded: Loaded = { year, months, streams, spend, ...indexSpend(spend), commitments };
  const groups = await groupings[groupBy](db, loaded);
  const rows = groups
    .sort(
      (a, b) =>
        Number(a.sortLast) - Number(b.sortLast) ||
        byLabel.compare(a.label, b.label) ||
        a.key.localeCompare(b.key),
    )
    .map((group) => rowOf(group, year));
  const period = quarter ? `${financialYearLabel(year)} ${quarter}` : financialYearLabel(year);
  // The report is marked as the most sensitive record it counts.
  const marking =
    classifications[
      Math.max(
        0,
        ...streamsInYear(loaded).map((stream) => classifications.indexOf(stream.classification)),
        ...commitments.map((commitment) => classifications.indexOf(commitment.classification)),
      )
    ];
  return {
    financialYear: financialYearLabel(year),
    quarter,
    period,
    months,
    groupBy,
    title: `${period} ${groupWords[groupBy]}`,
    classification: marking ?? "OFFICIAL",
    rows,
    totals: figuresOf({
      allocationPence: sumOf(rows.map((row) => row.allocationPence)),
      commitmentPence: sumOf(rows.map((row) => row.commitmentPence)),
      actualPence: sumOf(rows.map((row) => row.actualPence)),
      forecastPence: sumPresent(rows.map((row) => row.forecastPence)),
      variancePence: sumPresent(rows.map((row) => row.variancePence)),
      lapseRiskPence: sumPresent(rows.map((row) => row.lapseRiskPence)),
    }),
    notes: notes(period, quarter),
  };
}
