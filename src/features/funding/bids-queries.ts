import { and, asc, count, desc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import { type Actor, can, classifications, clearanceCovers, visibleTo } from "#src/auth/policy.ts";
import { type Queryable, queryRows } from "#src/db/database.ts";
import {
  forces,
  fundingBidCosts,
  fundingBidEvents,
  fundingBidShares,
  fundingBids,
  fundingDecisionAmounts,
  fundingDecisions,
  fundingFormulas,
  fundingPotAmounts,
  fundingPotContributors,
  fundingPots,
  fundingStreams,
  organisations,
} from "#src/db/schema.ts";
import { containsPattern, offsetOf } from "#src/lib/paging.ts";
import type { ListBidsQuery, ListDecisionsQuery, ListPotsQuery } from "./bids-schema.ts";

export type BidRow = typeof fundingBids.$inferSelect;
export type DecisionRow = typeof fundingDecisions.$inferSelect;
export type PotRow = typeof fundingPots.$inferSelect;

/**
 * Bids the actor may see, as SQL: those who read funding see bids in their scope (the applicant's
 * force and region, and the force areas a bid covers); applicants see their own organisation's.
 * Both within clearance. The same rule as canSeeBid in bids-service.ts.
 */
function bidsVisibleTo(actor: Actor): SQL {
  const visible: SQL[] = [];
  if (can(actor, "funding.read")) {
    visible.push(
      visibleTo(actor, {
        forceId: fundingBids.forceId,
        regionId: fundingBids.regionId,
        classification: fundingBids.classification,
        sharedWithForces: fundingBids.forceAreas,
      }),
    );
  }
  if (can(actor, "funding.bid")) {
    const cleared = classifications.filter((level) => clearanceCovers(actor.clearance, level));
    visible.push(
      and(
        eq(fundingBids.applicantOrganisationId, actor.organisationId),
        inArray(fundingBids.classification, cleared),
      ) as SQL,
    );
  }
  return visible.length > 0 ? (or(...visible) as SQL) : sql`false`;
}

export async function findBid(db: Queryable, id: string, lock = false): Promise<BidRow | undefined> {
  const query = db.select().from(fundingBids).where(eq(fundingBids.id, id));
  // Locked inside a transaction, so that two decisions on one bid are made one after the other.
  const [row] = lock ? await query.for("update") : await query;
  return row;
}

export async function listBids(db: Queryable, actor: Actor, query: ListBidsQuery, year: number | null) {
  const conditions: SQL[] = [bidsVisibleTo(actor)];
  if (query.q) conditions.push(sql`${fundingBids.title} ILIKE ${containsPattern(query.q)}`);
  if (query.status) conditions.push(eq(fundingBids.status, query.status));
  if (query.applicantOrganisationId) {
    conditions.push(eq(fundingBids.applicantOrganisationId, query.applicantOrganisationId));
  }
  if (query.crimeArea) conditions.push(eq(fundingBids.crimeArea, query.crimeArea));
  if (query.strand) conditions.push(eq(fundingBids.strand, query.strand));
  if (year !== null) {
    conditions.push(sql`EXISTS (
      SELECT 1 FROM ${fundingBidCosts}
      WHERE ${fundingBidCosts.bidId} = ${fundingBids.id} AND ${fundingBidCosts.financialYear} = ${year}
    )`);
  }
  const where = and(...conditions);
  const order = {
    title: asc(sql`lower(${fundingBids.title})`),
    "-title": desc(sql`lower(${fundingBids.title})`),
    status: asc(fundingBids.status),
    "-status": desc(fundingBids.status),
    updatedAt: asc(fundingBids.updatedAt),
    "-updatedAt": desc(fundingBids.updatedAt),
  }[query.sort];
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(fundingBids)
      .where(where)
      .orderBy(order, asc(fundingBids.id))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ total: count() }).from(fundingBids).where(where),
  ]);
  return { rows, total: Number(total?.total ?? 0) };
}

export async function costsOf(db: Queryable, bidIds: readonly string[]) {
  if (bidIds.length === 0) return [];
  return db
    .select()
    .from(fundingBidCosts)
    .where(inArray(fundingBidCosts.bidId, [...bidIds]))
    .orderBy(asc(fundingBidCosts.financialYear), asc(fundingBidCosts.category));
}

export async function sharesOf(db: Queryable, bidIds: readonly string[]) {
  if (bidIds.length === 0) return [];
  return db
    .select({
      bidId: fundingBidShares.bidId,
      decisionMakerOrganisationId: fundingBidShares.decisionMakerOrganisationId,
      decisionMakerName: organisations.name,
      financialYear: fundingBidShares.financialYear,
      amountPence: fundingBidShares.amountPence,
    })
    .from(fundingBidShares)
    .innerJoin(organisations, eq(organisations.id, fundingBidShares.decisionMakerOrganisationId))
    .where(inArray(fundingBidShares.bidId, [...bidIds]))
    .orderBy(asc(fundingBidShares.financialYear), asc(organisations.name));
}
export type ShareRow = Awaited<ReturnType<typeof sharesOf>>[number];

export async function eventsOf(db: Queryable, bidIds: readonly string[]) {
  if (bidIds.length === 0) return [];
  return db
    .select()
    .from(fundingBidEvents)
    .where(inArray(fundingBidEvents.bidId, [...bidIds]))
    .orderBy(asc(fundingBidEvents.id));
}

/** The decisions on these bids, with who made them. */
export async function decisionsOnBids(db: Queryable, bidIds: readonly string[]) {
  if (bidIds.length === 0) return [];
  return db
    .select({
      id: fundingDecisions.id,
      bidId: fundingDecisions.bidId,
      reference: fundingDecisions.reference,
      decisionMakerOrganisationId: fundingDecisions.decisionMakerOrganisationId,
      decisionMakerName: organisations.name,
      outcome: fundingDecisions.outcome,
    })
    .from(fundingDecisions)
    .innerJoin(organisations, eq(organisations.id, fundingDecisions.decisionMakerOrganisationId))
    .where(inArray(fundingDecisions.bidId, [...bidIds]))
    .orderBy(asc(fundingDecisions.createdAt));
}

export async function forcesWithIds(db: Queryable, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: forces.id, name: forces.name })
    .from(forces)
    .where(inArray(forces.id, [...ids]));
}

/** The commissioners' offices of these force areas. */
export async function opccsOf(db: Queryable, forceIds: readonly string[]) {
  if (forceIds.length === 0) return [];
  return db
    .select()
    .from(organisations)
    .where(and(eq(organisations.kind, "opcc"), inArray(organisations.forceId, [...forceIds])));
}

/** Formulas paid by exactly these forces (directly or through nested formulas), by name. */
export async function formulasPaidBy(db: Queryable, forceIds: readonly string[]) {
  const areas = sql`ARRAY[${sql.join(
    forceIds.map((id) => sql`${id}`),
    sql`, `,
  )}]::text[]`;
  return db
    .select({ id: fundingFormulas.id, name: fundingFormulas.name })
    .from(fundingFormulas)
    .where(sql`${fundingFormulas.partyForces} @> ${areas} AND ${fundingFormulas.partyForces} <@ ${areas}`)
    .orderBy(asc(sql`lower(${fundingFormulas.name})`));
}

// --- Decisions ---

const decisionColumns = {
  forceId: fundingDecisions.forceId,
  regionId: fundingDecisions.regionId,
  classification: fundingDecisions.classification,
};

export async function findDecision(db: Queryable, id: string): Promise<DecisionRow | undefined> {
  const [row] = await db.select().from(fundingDecisions).where(eq(fundingDecisions.id, id));
  return row;
}

export async function findDecisionByReference(db: Queryable, reference: string) {
  const [row] = await db
    .select({ id: fundingDecisions.id })
    .from(fundingDecisions)
    .where(sql`lower(${fundingDecisions.reference}) = lower(${reference})`);
  return row;
}

export async function listDecisions(
  db: Queryable,
  actor: Actor,
  query: ListDecisionsQuery,
  year: number | null,
) {
  const conditions: SQL[] = [visibleTo(actor, decisionColumns)];
  if (query.q) conditions.push(sql`${fundingDecisions.reference} ILIKE ${containsPattern(query.q)}`);
  if (query.bidId) conditions.push(eq(fundingDecisions.bidId, query.bidId));
  if (query.decisionMakerOrganisationId) {
    conditions.push(eq(fundingDecisions.decisionMakerOrganisationId, query.decisionMakerOrganisationId));
  }
  if (query.potId) conditions.push(eq(fundingDecisions.potId, query.potId));
  if (query.outcome) conditions.push(eq(fundingDecisions.outcome, query.outcome));
  if (year !== null) {
    conditions.push(sql`EXISTS (
      SELECT 1 FROM ${fundingDecisionAmounts}
      WHERE ${fundingDecisionAmounts.decisionId} = ${fundingDecisions.id}
        AND ${fundingDecisionAmounts.financialYear} = ${year}
    )`);
  }
  const where = and(...conditions);
  const order = {
    decidedOn: asc(fundingDecisions.decidedOn),
    "-decidedOn": desc(fundingDecisions.decidedOn),
    reference: asc(sql`lower(${fundingDecisions.reference})`),
    "-reference": desc(sql`lower(${fundingDecisions.reference})`),
  }[query.sort];
  const yearOnly = year === null ? sql`true` : sql`${fundingDecisionAmounts.financialYear} = ${year}`;
  const [rows, [total], [sum]] = await Promise.all([
    db
      .select()
      .from(fundingDecisions)
      .where(where)
      .orderBy(order, asc(fundingDecisions.reference))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ total: count() }).from(fundingDecisions).where(where),
    // As text: the same from pg and PGlite.
    db
      .select({ sum: sql<string>`coalesce(sum(${fundingDecisionAmounts.amountPence}), 0)::text` })
      .from(fundingDecisionAmounts)
      .innerJoin(fundingDecisions, eq(fundingDecisions.id, fundingDecisionAmounts.decisionId))
      .where(and(where, yearOnly)),
  ]);
  return { rows, total: Number(total?.total ?? 0), sumPence: BigInt(sum?.sum ?? "0") };
}

/** The amount lines of these decisions, with the streams they come from. */
export async function decisionAmountsOf(db: Queryable, decisionIds: readonly string[]) {
  if (decisionIds.length === 0) return [];
  return db
    .select({
      decisionId: fundingDecisionAmounts.decisionId,
      financialYear: fundingDecisionAmounts.financialYear,
      amountPence: fundingDecisionAmounts.amountPence,
      fundingStreamId: fundingDecisionAmounts.fundingStreamId,
      fundingStreamName: fundingStreams.name,
    })
    .from(fundingDecisionAmounts)
    .leftJoin(fundingStreams, eq(fundingStreams.id, fundingDecisionAmounts.fundingStreamId))
    .where(inArray(fundingDecisionAmounts.decisionId, [...decisionIds]))
    .orderBy(asc(fundingDecisionAmounts.decisionId), asc(fundingDecisionAmounts.position));
}

// --- Pots ---

const potColumns = {
  forceId: fundingPots.forceId,
  regionId: fundingPots.regionId,
  classification: fundingPots.classification,
  sharedWithForces: fundingPots.contributorForces,
};

export async function findPot(db: Queryable, id: string, lock = false): Promise<PotRow | undefined> {
  const query = db.select().from(fundingPots).where(eq(fundingPots.id, id));
  // Locked while a decision draws on it, so two approvals cannot both spend the last of it.
  const [row] = lock ? await query.for("update") : await query;
  return row;
}

export async function findPotByName(db: Queryable, name: string) {
  const [row] = await db
    .select({ id: fundingPots.id })
    .from(fundingPots)
    .where(sql`lower(${fundingPots.name}) = lower(${name})`);
  return row;
}

export async function listPots(db: Queryable, actor: Actor, query: ListPotsQuery, year: number | null) {
  const conditions: SQL[] = [visibleTo(actor, potColumns)];
  if (query.q) conditions.push(sql`${fundingPots.name} ILIKE ${containsPattern(query.q)}`);
  if (query.crimeArea) {
    conditions.push(
      sql`(cardinality(${fundingPots.crimeAreas}) = 0 OR ${query.crimeArea} = ANY(${fundingPots.crimeAreas}))`,
    );
  }
  if (year !== null) {
    conditions.push(sql`EXISTS (
      SELECT 1 FROM ${fundingPotAmounts}
      WHERE ${fundingPotAmounts.potId} = ${fundingPots.id} AND ${fundingPotAmounts.financialYear} = ${year}
    )`);
  }
  const where = and(...conditions);
  const byName = asc(sql`lower(${fundingPots.name})`);
  const order = {
    name: byName,
    "-name": desc(sql`lower(${fundingPots.name})`),
    updatedAt: asc(fundingPots.updatedAt),
    "-updatedAt": desc(fundingPots.updatedAt),
  }[query.sort];
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(fundingPots)
      .where(where)
      .orderBy(order, byName)
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ total: count() }).from(fundingPots).where(where),
  ]);
  return { rows, total: Number(total?.total ?? 0) };
}

export async function potContributorsOf(db: Queryable, potIds: readonly string[]) {
  if (potIds.length === 0) return [];
  return db
    .select({
      potId: fundingPotContributors.potId,
      organisationId: fundingPotContributors.organisationId,
      name: organisations.name,
    })
    .from(fundingPotContributors)
    .innerJoin(organisations, eq(organisations.id, fundingPotContributors.organisationId))
    .where(inArray(fundingPotContributors.potId, [...potIds]))
    .orderBy(asc(fundingPotContributors.potId), asc(fundingPotContributors.position));
}

export async function potAmountsOf(db: Queryable, potIds: readonly string[]) {
  if (potIds.length === 0) return [];
  return db
    .select()
    .from(fundingPotAmounts)
    .where(inArray(fundingPotAmounts.potId, [...potIds]))
    .orderBy(asc(fundingPotAmounts.financialYear));
}

/**
 * What approvals have committed from these pots, per year: the amounts of approving decisions,
 * except on bids another commissioner declined (a declined bid goes ahead nowhere, so its
 * approvals release their money).
 */
export async function potCommitments(db: Queryable, potIds: readonly string[]) {
  if (potIds.length === 0) return [];
  const rows = await queryRows<{ pot_id: string; financial_year: number; committed: string }>(
    db,
    sql`
      SELECT d.pot_id::text AS pot_id, a.financial_year, sum(a.amount_pence)::text AS committed
      FROM funding_decision_amounts a
      JOIN funding_decisions d ON d.id = a.decision_id
      WHERE d.pot_id IN (${sql.join(
        potIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
        AND d.outcome <> 'declined'
        AND NOT EXISTS (
          SELECT 1 FROM funding_decisions other
          WHERE other.bid_id = d.bid_id AND other.outcome = 'declined'
        )
      GROUP BY d.pot_id, a.financial_year`,
  );
  return rows.map((row) => ({
    potId: row.pot_id,
    financialYear: Number(row.financial_year),
    committedPence: Number(row.committed),
  }));
}
