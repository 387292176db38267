import {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  gte,
  inArray,
  isNotNull,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { alias, type SelectedFields } from "drizzle-orm/pg-core";
import { type Actor, classifications, clearanceCovers, visibleTo } from "#src/auth/policy.ts";
import type { Queryable, Tx } from "#src/db/database.ts";
import {
  crimeTypes,
  disruptionDecisions,
  disruptions,
  forces,
  moderationPanels,
  ocgs,
  operations,
  operationTargets,
  organisations,
  referenceCounters,
  regions,
  users,
} from "#src/db/schema.ts";
import { containsPattern, offsetOf } from "#src/lib/paging.ts";
import { type Period, periodStartSql } from "#src/lib/periods.ts";
import type { ListClaimsQuery, ListPanelsQuery, TotalsQuery } from "./schema.ts";

export type ClaimRow = typeof disruptions.$inferSelect;
export type PanelRow = typeof moderationPanels.$inferSelect;
export type DecisionRow = typeof disruptionDecisions.$inferSelect;

const clearedFor = (actor: Actor) =>
  inArray(
    disruptions.classification,
    classifications.filter((classification) => clearanceCovers(actor.clearance, classification)),
  );

/**
 * The claims an actor may see, as SQL: those owned (through their OCG's lead force) within the
 * actor's scope, and those their own organisation made — an affected force claiming against
 * another force's group must still see its claim. Never above the actor's clearance.
 */
export function claimVisibleTo(actor: Actor): SQL {
  return or(
    visibleTo(actor, {
      forceId: disruptions.forceId,
      regionId: disruptions.regionId,
      classification: disruptions.classification,
    }),
    and(eq(disruptions.claimingOrganisationId, actor.organisationId), clearedFor(actor)),
  ) as SQL;
}

/** Panels belong to a region: its users (of any scope) and national users see them. */
export function panelVisibleTo(actor: Actor): SQL {
  if (actor.scope === "national") return sql`true`;
  return actor.regionId ? eq(moderationPanels.regionId, actor.regionId) : sql`false`;
}

/** A claim with the panel it is on (if any), for the service to check access and state. */
export async function findClaimRow(db: Queryable, id: string) {
  const [row] = await db
    .select({ claim: disruptions, panelStatus: moderationPanels.status })
    .from(disruptions)
    .leftJoin(moderationPanels, eq(moderationPanels.id, disruptions.panelId))
    .where(eq(disruptions.id, id));
  return row;
}

const claimingOrganisation = alias(organisations, "claiming_organisation");

const claimSummarySelection = {
  claim: disruptions,
  ocg: { id: ocgs.id, reference: ocgs.reference, name: ocgs.name },
  operationCodeName: operations.codeName,
  crimeTypeName: crimeTypes.name,
  organisationName: claimingOrganisation.name,
  leadForceName: forces.name,
};

function claimSummaryQuery<Extra extends SelectedFields>(db: Queryable, extra: Extra) {
  return db
    .select({ ...claimSummarySelection, ...extra })
    .from(disruptions)
    .innerJoin(ocgs, eq(ocgs.id, disruptions.ocgId))
    .leftJoin(operations, eq(operations.id, disruptions.operationId))
    .innerJoin(crimeTypes, eq(crimeTypes.code, disruptions.crimeType))
    .innerJoin(claimingOrganisation, eq(claimingOrganisation.id, disruptions.claimingOrganisationId))
    .innerJoin(forces, eq(forces.id, disruptions.forceId));
}

export interface ClaimSummaryRow {
  claim: ClaimRow;
  ocg: { id: string; reference: string; name: string };
  operationCodeName: string | null;
  crimeTypeName: string;
  organisationName: string;
  leadForceName: string;
}

const claimant = alias(users, "claimant");

/** One claim with everything its page shows (the service decides whether the actor may see it). */
export async function findClaim(db: Queryable, id: string) {
  const [row] = await claimSummaryQuery(db, {
    claimantName: claimant.name,
    panel: {
      id: moderationPanels.id,
      periodMonth: moderationPanels.periodMonth,
      status: moderationPanels.status,
    },
  })
    .innerJoin(claimant, eq(claimant.id, disruptions.claimantUserId))
    .leftJoin(moderationPanels, eq(moderationPanels.id, disruptions.panelId))
    .where(eq(disruptions.id, id));
  return row;
}

export async function listClaims(db: Queryable, actor: Actor, query: ListClaimsQuery) {
  const conditions: SQL[] = [claimVisibleTo(actor)];
  if (query.q) conditions.push(sql`${disruptions.reference} ILIKE ${containsPattern(query.q)}`);
  if (query.status) conditions.push(eq(disruptions.status, query.status));
  if (query.grade === "any") conditions.push(isNotNull(disruptions.moderatedGrade));
  else if (query.grade) conditions.push(eq(disruptions.moderatedGrade, query.grade));
  if (query.claimedGrade) conditions.push(eq(disruptions.claimedGrade, query.claimedGrade));
  if (query.ocgId) conditions.push(eq(disruptions.ocgId, query.ocgId));
  if (query.operationId) conditions.push(eq(disruptions.operationId, query.operationId));
  if (query.panelId) conditions.push(eq(disruptions.panelId, query.panelId));
  if (query.forceId) conditions.push(eq(disruptions.forceId, query.forceId));
  if (query.regionId) conditions.push(eq(disruptions.regionId, query.regionId));
  if (query.claimingOrganisationId) {
    conditions.push(eq(disruptions.claimingOrganisationId, query.claimingOrganisationId));
  }
  if (query.strand) conditions.push(eq(disruptions.strand, query.strand));
  if (query.crimeType) conditions.push(eq(disruptions.crimeType, query.crimeType));
  if (query.from) conditions.push(gte(disruptions.disruptedOn, query.from));
  if (query.to) conditions.push(lte(disruptions.disruptedOn, query.to));
  const where = and(...conditions);
  const sortColumns = {
    reference: disruptions.reference,
    disruptedOn: disruptions.disruptedOn,
    status: disruptions.status,
    updatedAt: disruptions.updatedAt,
  };
  const column = sortColumns[query.sort.replace("-", "") as keyof typeof sortColumns];
  const order = query.sort.startsWith("-") ? desc(column) : asc(column);
  const [rows, [total]] = await Promise.all([
    claimSummaryQuery(db, {})
      .where(where)
      .orderBy(order, asc(disruptions.reference))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ total: count() }).from(disruptions).where(where),
  ]);
  return { rows, total: Number(total?.total ?? 0) };
}

const decider = alias(users, "decider");

/** A claim's decisions at every panel that heard it, oldest first. */
export async function decisionsOf(db: Queryable, claimId: string) {
  return db
    .select({
      decision: disruptionDecisions,
      periodMonth: moderationPanels.periodMonth,
      deciderName: decider.name,
    })
    .from(disruptionDecisions)
    .innerJoin(moderationPanels, eq(moderationPanels.id, disruptionDecisions.panelId))
    .innerJoin(decider, eq(decider.id, disruptionDecisions.decidedBy))
    .where(eq(disruptionDecisions.disruptionId, claimId))
    .orderBy(asc(disruptionDecisions.decidedAt));
}

/** Takes the next number of a series in a region; the counter only goes up, so none is reused. */
export async function nextReference(tx: Tx, series: "disruption", regionId: string): Promise<string> {
  const [counter] = await tx
    .insert(referenceCounters)
    .values({ series, regionId, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [referenceCounters.series, referenceCounters.regionId],
      set: { lastNumber: sql`${referenceCounters.lastNumber} + 1` },
    })
    .returning();
  const [region] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.id, regionId));
  if (!counter || !region) throw new Error(`no reference counter for region ${regionId}`);
  return `${region.code}-DIS-${String(counter.lastNumber).padStart(4, "0")}`;
}

/** An operation, and whether it targets the OCG, for checking a claim's link to it. */
export async function findOperationFor(db: Queryable, operationId: string, ocgId: string) {
  const [row] = await db
    .select({
      operation: operations,
      targetsOcg: exists(
        db
          .select({ one: sql`1` })
          .from(operationTargets)
          .where(and(eq(operationTargets.operationId, operations.id), eq(operationTargets.ocgId, ocgId))),
      ),
    })
    .from(operations)
    .where(eq(operations.id, operationId));
  return row;
}

export async function findOrganisation(db: Queryable, id: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

/** Whether the user exists, is active and holds the moderator role (to chair a panel). */
export async function isActiveModerator(db: Queryable, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, id), sql`${users.disabledAt} IS NULL`, sql`'moderator' = ANY(${users.roles})`));
  return row !== undefined;
}

export async function insertDecision(tx: Tx, values: typeof disruptionDecisions.$inferInsert) {
  await tx
    .insert(disruptionDecisions)
    .values(values)
    .onConflictDoUpdate({
      target: [disruptionDecisions.disruptionId, disruptionDecisions.panelId],
      set: {
        decision: values.decision,
        grade: values.grade ?? null,
        reason: values.reason ?? null,
        decidedBy: values.decidedBy,
        decidedAt: sql`now()`,
      },
    });
}

// ---------------------------------------------------------------------------------------------
// Panels

export async function findPanelRow(db: Queryable, id: string): Promise<PanelRow | undefined> {
  const [row] = await db.select().from(moderationPanels).where(eq(moderationPanels.id, id));
  return row;
}

/** The panel row locked until the transaction ends, so that deciding and closing take turns. */
export async function lockPanel(tx: Tx, id: string): Promise<PanelRow | undefined> {
  const [row] = await tx.select().from(moderationPanels).where(eq(moderationPanels.id, id)).for("update");
  return row;
}

export async function findPanelFor(db: Queryable, regionId: string, periodMonth: string) {
  const [row] = await db
    .select({ id: moderationPanels.id })
    .from(moderationPanels)
    .where(and(eq(moderationPanels.regionId, regionId), eq(moderationPanels.periodMonth, periodMonth)));
  return row;
}

export async function findRegion(db: Queryable, id: string) {
  const [row] = await db.select().from(regions).where(eq(regions.id, id));
  return row;
}

const decidedAtPanel = (panelId: SQL | string) =>
  exists(
    sql`(SELECT 1 FROM ${disruptionDecisions} WHERE ${disruptionDecisions.disruptionId} = ${disruptions.id} AND ${disruptionDecisions.panelId} = ${panelId})`,
  );

/**
 * The claims a new or refreshed agenda takes, locked: the region's submitted claims disrupted
 * before the end of the panel's month (a backlog from earlier months comes too). A claim this
 * panel already returned waits for the next panel once resubmitted.
 */
export async function claimsToList(tx: Tx, panel: PanelRow, periodEnd: string) {
  return tx
    .select()
    .from(disruptions)
    .where(
      and(
        eq(disruptions.regionId, panel.regionId),
        eq(disruptions.status, "submitted"),
        lt(disruptions.disruptedOn, periodEnd),
        sql`NOT ${decidedAtPanel(panel.id)}`,
      ),
    )
    .orderBy(asc(disruptions.reference))
    .for("update");
}

const chair = alias(users, "chair");
const closer = alias(users, "closer");

/** Counts over the whole agenda: claims listed on the panel, and claims it decided. */
const agendaCounts = {
  undecided: sql<number>`(SELECT count(*)::int FROM ${disruptions} WHERE ${disruptions.panelId} = ${moderationPanels.id} AND ${disruptions.status} = 'listed')`,
  decided: sql<number>`(SELECT count(*)::int FROM ${disruptionDecisions} WHERE ${disruptionDecisions.panelId} = ${moderationPanels.id})`,
};

function panelSummaryQuery(db: Queryable, actor: Actor) {
  // How many agenda claims the actor may see, to say how many are hidden.
  const visibleOnAgenda = sql<number>`(SELECT count(*)::int FROM ${disruptions} WHERE (${disruptions.panelId} = ${moderationPanels.id} OR ${decidedAtPanel(sql`${moderationPanels.id}`)}) AND ${claimVisibleTo(actor)})`;
  return db
    .select({
      panel: moderationPanels,
      regionName: regions.name,
      chairName: chair.name,
      closerName: closer.name,
      ...agendaCounts,
      visibleOnAgenda,
    })
    .from(moderationPanels)
    .innerJoin(regions, eq(regions.id, moderationPanels.regionId))
    .innerJoin(chair, eq(chair.id, moderationPanels.chairUserId))
    .leftJoin(closer, eq(closer.id, moderationPanels.closedBy));
}

export type PanelSummaryRow = Awaited<ReturnType<ReturnType<typeof panelSummaryQuery>["execute"]>>[number];

export async function findPanel(db: Queryable, actor: Actor, id: string) {
  const [row] = await panelSummaryQuery(db, actor).where(eq(moderationPanels.id, id));
  return row;
}

export async function listPanels(db: Queryable, actor: Actor, query: ListPanelsQuery) {
  const conditions: SQL[] = [panelVisibleTo(actor)];
  if (query.regionId) conditions.push(eq(moderationPanels.regionId, query.regionId));
  if (query.status) conditions.push(eq(moderationPanels.status, query.status));
  const where = and(...conditions);
  const column = query.sort.endsWith("heldOn") ? moderationPanels.heldOn : moderationPanels.periodMonth;
  const order = query.sort.startsWith("-") ? desc(column) : asc(column);
  const [rows, [total]] = await Promise.all([
    panelSummaryQuery(db, actor)
      .where(where)
      .orderBy(order, asc(regions.name))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ total: count() }).from(moderationPanels).where(where),
  ]);
  return { rows, total: Number(total?.total ?? 0) };
}

const agendaDecision = alias(disruptionDecisions, "agenda_decision");

/** The agenda claims the actor may see, in order of reference, with this panel's decision. */
export async function agendaOf(db: Queryable, actor: Actor, panelId: string) {
  return claimSummaryQuery(db, { decision: agendaDecision, deciderName: decider.name })
    .leftJoin(
      agendaDecision,
      and(eq(agendaDecision.disruptionId, disruptions.id), eq(agendaDecision.panelId, panelId)),
    )
    .leftJoin(decider, eq(decider.id, agendaDecision.decidedBy))
    .where(
      and(or(eq(disruptions.panelId, panelId), sql`${agendaDecision.id} IS NOT NULL`), claimVisibleTo(actor)),
    )
    .orderBy(asc(disruptions.reference));
}

export async function countUndecided(tx: Tx, panelId: string): Promise<number> {
  const [row] = await tx
    .select({ undecided: count() })
    .from(disruptions)
    .where(and(eq(disruptions.panelId, panelId), eq(disruptions.status, "listed")));
  return Number(row?.undecided ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Totals

const groupColumns = {
  force: { id: disruptions.forceId, name: forces.name },
  region: { id: disruptions.regionId, name: regions.name },
  crimeType: { id: disruptions.crimeType, name: crimeTypes.name },
  strand: { id: disruptions.strand, name: sql<string>`initcap(${disruptions.strand})` },
  organisation: { id: disruptions.claimingOrganisationId, name: claimingOrganisation.name },
} as const;

const countOf = (grade: "major" | "moderate" | "minor") =>
  sql<number>`(count(*) FILTER (WHERE ${disruptions.moderatedGrade} = ${sql.raw(`'${grade}'`)}))::int`;

/**
 * Moderated disruptions by period (and group): only claims a panel accepted or regraded, counted
 * at the grade the panel gave, and only those the actor could see. Numbers only.
 */
export async function moderatedTotals(db: Queryable, actor: Actor, query: TotalsQuery & { period: Period }) {
  const periodStart = periodStartSql(disruptions.disruptedOn, query.period);
  const group = query.groupBy === "none" ? null : groupColumns[query.groupBy];
  const conditions: SQL[] = [
    claimVisibleTo(actor),
    inArray(disruptions.status, ["accepted", "regraded"]),
    sql`${disruptions.moderatedGrade} IS NOT NULL`,
  ];
  if (query.from) conditions.push(gte(disruptions.disruptedOn, query.from));
  if (query.to) conditions.push(lte(disruptions.disruptedOn, query.to));
  if (query.regionId) conditions.push(eq(disruptions.regionId, query.regionId));
  if (query.forceId) conditions.push(eq(disruptions.forceId, query.forceId));
  const groupId = group ? sql<string>`${group.id}` : sql<string>`''`;
  const groupName = group ? sql<string>`${group.name}` : sql<string>`''`;
  return db
    .select({
      periodStart,
      groupId,
      groupName,
      major: countOf("major"),
      moderate: countOf("moderate"),
      minor: countOf("minor"),
    })
    .from(disruptions)
    .innerJoin(forces, eq(forces.id, disruptions.forceId))
    .innerJoin(regions, eq(regions.id, disruptions.regionId))
    .innerJoin(crimeTypes, eq(crimeTypes.code, disruptions.crimeType))
    .innerJoin(claimingOrganisation, eq(claimingOrganisation.id, disruptions.claimingOrganisationId))
    .where(and(...conditions))
    .groupBy(sql`1, 2, 3`)
    .orderBy(sql`1, 3`);
}
