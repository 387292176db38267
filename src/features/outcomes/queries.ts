import { and, asc, count, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import { type Actor, visibleTo } from "#src/auth/policy.ts";
import type { Queryable } from "#src/db/database.ts";
import {
  disruptions,
  forces,
  ocgs,
  operations,
  operationTargets,
  outcomes,
  regions,
} from "#src/db/schema.ts";
import { offsetOf } from "#src/lib/paging.ts";
import { periodStartSql } from "#src/lib/periods.ts";
import type { ListOutcomesQuery, TotalsQuery } from "./schema.ts";

export type OutcomeRow = typeof outcomes.$inferSelect;
export type OperationRow = typeof operations.$inferSelect;

const outcomeColumns = {
  forceId: outcomes.forceId,
  regionId: outcomes.regionId,
  classification: outcomes.classification,
};

/** An outcome with what its view shows of the records it links to, and what it takes to see them. */
const outcomeSelection = {
  outcome: outcomes,
  forceName: forces.name,
  ocg: {
    id: ocgs.id,
    reference: ocgs.reference,
    name: ocgs.name,
    forceId: ocgs.forceId,
    regionId: ocgs.regionId,
    classification: ocgs.classification,
    forcesAffected: ocgs.forcesAffected,
  },
  operation: {
    id: operations.id,
    codeName: operations.codeName,
    forceId: operations.forceId,
    regionId: operations.regionId,
    classification: operations.classification,
    forcesInvolved: operations.forcesInvolved,
  },
  disruption: {
    id: disruptions.id,
    reference: disruptions.reference,
    forceId: disruptions.forceId,
    regionId: disruptions.regionId,
    classification: disruptions.classification,
  },
};

function outcomeQuery(db: Queryable) {
  return db
    .select(outcomeSelection)
    .from(outcomes)
    .innerJoin(forces, eq(forces.id, outcomes.forceId))
    .innerJoin(ocgs, eq(ocgs.id, outcomes.ocgId))
    .innerJoin(operations, eq(operations.id, outcomes.operationId))
    .leftJoin(disruptions, eq(disruptions.id, outcomes.disruptionId));
}

export type OutcomeWithLinks = Awaited<ReturnType<ReturnType<typeof outcomeQuery>["execute"]>>[number];

export async function findOutcome(db: Queryable, id: string): Promise<OutcomeWithLinks | undefined> {
  const [row] = await outcomeQuery(db).where(eq(outcomes.id, id));
  return row;
}

/** The filters the list and the totals share, so a total and the list behind it agree. */
function sharedConditions(query: {
  from?: string | undefined;
  to?: string | undefined;
  forceId?: string | undefined;
  regionId?: string | undefined;
  ocgId?: string | undefined;
}): SQL[] {
  const conditions: SQL[] = [];
  if (query.ocgId) conditions.push(eq(outcomes.ocgId, query.ocgId));
  if (query.from) conditions.push(gte(outcomes.occurredOn, query.from));
  if (query.to) conditions.push(lte(outcomes.occurredOn, query.to));
  if (query.forceId) conditions.push(eq(outcomes.forceId, query.forceId));
  if (query.regionId) conditions.push(eq(outcomes.regionId, query.regionId));
  return conditions;
}

export async function listOutcomes(db: Queryable, actor: Actor, query: ListOutcomesQuery) {
  const conditions: SQL[] = [visibleTo(actor, outcomeColumns), ...sharedConditions(query)];
  if (query.kind) conditions.push(eq(outcomes.kind, query.kind));
  if (query.operationId) conditions.push(eq(outcomes.operationId, query.operationId));
  if (query.disruptionId) conditions.push(eq(outcomes.disruptionId, query.disruptionId));
  if (query.commodity) conditions.push(eq(outcomes.commodity, query.commodity));
  if (query.safeguardedGroup) conditions.push(eq(outcomes.safeguardedGroup, query.safeguardedGroup));
  const where = and(...conditions);
  const sortColumns = { occurredOn: outcomes.occurredOn, kind: outcomes.kind, quantity: outcomes.quantity };
  const field = query.sort.replace("-", "") as keyof typeof sortColumns;
  const order = query.sort.startsWith("-") ? desc(sortColumns[field]) : asc(sortColumns[field]);
  const [rows, [total]] = await Promise.all([
    outcomeQuery(db)
      .where(where)
      .orderBy(order, desc(outcomes.occurredOn), desc(outcomes.createdAt), asc(outcomes.id))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ total: count() }).from(outcomes).where(where),
  ]);
  return { rows, total: Number(total?.total ?? 0) };
}

export async function findOperation(db: Queryable, id: string): Promise<OperationRow | undefined> {
  const [row] = await db.select().from(operations).where(eq(operations.id, id));
  return row;
}

export async function isTargetOf(db: Queryable, operationId: string, ocgId: string): Promise<boolean> {
  const [row] = await db
    .select({ ocgId: operationTargets.ocgId })
    .from(operationTargets)
    .where(and(eq(operationTargets.operationId, operationId), eq(operationTargets.ocgId, ocgId)));
  return row !== undefined;
}

export async function findDisruption(db: Queryable, id: string) {
  const [row] = await db.select().from(disruptions).where(eq(disruptions.id, id));
  return row;
}

// Sums of numeric stay numeric in SQL and come back as text, so no float ever adds money up;
// the service parses each figure once. Whole counts are cast to int (a number from both drivers).
const sumOf = (condition: SQL) =>
  sql<string>`coalesce(sum(${outcomes.quantity}) FILTER (WHERE ${condition}), 0)`;
const countOf = (condition: SQL) => sql<number>`(count(*) FILTER (WHERE ${condition}))::int`;
const wholeSum = (condition: SQL) => sql<number>`(${sumOf(condition)})::int`;
const kilograms = (condition: SQL) => sql<string>`(${sumOf(condition)})::text`;
const pounds = (condition: SQL) => sql<string>`round(${sumOf(condition)}, 2)::text`;
const kindIs = (kind: OutcomeRow["kind"]) => sql`${outcomes.kind} = ${kind}`;
const seized = (commodity: NonNullable<OutcomeRow["commodity"]>) =>
  sql`${outcomes.kind} = 'seizure' AND ${outcomes.commodity} = ${commodity}`;
const safeguarded = (group: NonNullable<OutcomeRow["safeguardedGroup"]>) =>
  sql`${outcomes.kind} = 'safeguarding' AND ${outcomes.safeguardedGroup} = ${group}`;

const figures = {
  arrests: wholeSum(kindIs("arrest")),
  charges: wholeSum(kindIs("charge")),
  convictions: countOf(kindIs("conviction")),
  sentenceYears: sql<string>`round(coalesce(sum(${outcomes.sentenceMonths}) FILTER (WHERE ${kindIs("conviction")}), 0)::numeric / 12, 1)::text`,
  cocaineKg: kilograms(seized("cocaine")),
  heroinKg: kilograms(seized("heroin")),
  cannabisKg: kilograms(seized("cannabis")),
  otherDrugsKg: kilograms(seized("other-drugs")),
  firearms: wholeSum(seized("firearms")),
  ammunition: wholeSum(seized("ammunition")),
  cashPounds: pounds(seized("cash")),
  confiscationOrders: countOf(kindIs("confiscation-order")),
  confiscationPounds: pounds(kindIs("confiscation-order")),
  restraintOrders: countOf(kindIs("restraint-order")),
  restraintPounds: pounds(kindIs("restraint-order")),
  children: wholeSum(safeguarded("children")),
  adults: wholeSum(safeguarded("adults")),
};

/**
 * Outcome figures per period (and per force or region), over the records the actor may see, and
 * the same figures over all of them. Everything is added up in the database.
 */
export async function outcomeTotals(db: Queryable, actor: Actor, query: TotalsQuery) {
  const where = and(visibleTo(actor, outcomeColumns), ...sharedConditions(query));
  const periodStart = periodStartSql(outcomes.occurredOn, query.period);
  const group =
    query.groupBy === "force"
      ? { id: forces.id, name: forces.name }
      : query.groupBy === "region"
        ? { id: regions.id, name: regions.name }
        : null;
  const select = db
    .select({
      ...figures,
      periodStart,
      groupId: group ? sql<string | null>`${group.id}` : sql<string | null>`null`,
      groupName: group ? sql<string | null>`${group.name}` : sql<string | null>`null`,
    })
    .from(outcomes)
    .innerJoin(forces, eq(forces.id, outcomes.forceId))
    .innerJoin(regions, eq(regions.id, outcomes.regionId))
    .where(where);
  const [rows, [total]] = await Promise.all([
    group
      ? select.groupBy(periodStart, group.id, group.name).orderBy(periodStart, group.name)
      : select.groupBy(periodStart).orderBy(periodStart),
    db.select(figures).from(outcomes).where(where),
  ]);
  if (!total) throw new Error("an aggregate without GROUP BY returned no row");
  return { rows, total };
}

export type FiguresRow = Awaited<ReturnType<typeof outcomeTotals>>["total"];
