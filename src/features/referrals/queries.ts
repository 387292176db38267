import { aliasedTable, and, asc, desc, eq, gte, inArray, lt, lte, ne, type SQL, sql } from "drizzle-orm";
import type { Actor } from "#src/auth/policy.ts";
import type { Queryable } from "#src/db/database.ts";
import { forces, nfibCodes, referralDecisions, referrals, referralVersions, users } from "#src/db/schema.ts";
import { offsetOf } from "#src/lib/paging.ts";
import { referralsVisibleTo } from "./access.ts";
import { countLimit, type ListReferralsQuery } from "./schema.ts";

export type ReferralRow = typeof referrals.$inferSelect;

const decider = aliasedTable(users, "decider");

const referralSelection = {
  referral: referrals,
  forceName: forces.name,
  nfibName: nfibCodes.name,
  nfibCategory: nfibCodes.category,
  decidedByName: decider.name,
};

function referralQuery(db: Queryable) {
  return db
    .select(referralSelection)
    .from(referrals)
    .innerJoin(forces, eq(forces.id, referrals.forceId))
    .innerJoin(nfibCodes, eq(nfibCodes.code, referrals.nfibCode))
    .leftJoin(decider, eq(decider.id, referrals.decidedBy));
}

export type ReferralWithNames = Awaited<ReturnType<ReturnType<typeof referralQuery>["execute"]>>[number];

export async function findReferral(db: Queryable, id: string): Promise<ReferralWithNames | undefined> {
  const [row] = await referralQuery(db).where(eq(referrals.id, id));
  return row;
}

export async function findReferralByReference(db: Queryable, crimeReference: string) {
  const [row] = await db.select().from(referrals).where(eq(referrals.crimeReference, crimeReference));
  return row;
}

/**
 * Victim-contact target, the same rule as the victim-care module: met when contacted by the due
 * moment; missed when contacted later, or still not contacted after it; pending until then.
 */
export function contactTargetCondition(target: "met" | "missed" | "pending"): SQL {
  switch (target) {
    case "met":
      return sql`(${referrals.contactedAt} IS NOT NULL AND ${referrals.contactedAt} <= ${referrals.contactDueAt})`;
    case "missed":
      return sql`(${referrals.contactDueAt} IS NOT NULL AND (${referrals.contactedAt} > ${referrals.contactDueAt} OR (${referrals.contactedAt} IS NULL AND now() > ${referrals.contactDueAt})))`;
    case "pending":
      return sql`(${referrals.contactDueAt} IS NOT NULL AND ${referrals.contactedAt} IS NULL AND now() <= ${referrals.contactDueAt})`;
  }
}

/** The first day of the month after YYYY-MM, as YYYY-MM-DD. */
function nextMonth(month: string): string {
  const [year = 0, monthNumber = 1] = month.split("-").map(Number);
  return monthNumber === 12 ? `${year + 1}-01-01` : `${year}-${String(monthNumber + 1).padStart(2, "0")}-01`;
}

function listConditions(actor: Actor, query: ListReferralsQuery, identifierKey: string | null): SQL {
  const conditions: (SQL | undefined)[] = [referralsVisibleTo(actor)];
  if (query.status) conditions.push(eq(referrals.status, query.status));
  if (query.band) conditions.push(eq(referrals.priorityBand, query.band));
  if (query.nfibCode) conditions.push(eq(referrals.nfibCode, query.nfibCode.toUpperCase()));
  if (query.category)
    conditions.push(
      inArray(
        referrals.nfibCode,
        sql`(SELECT ${nfibCodes.code} FROM ${nfibCodes} WHERE ${nfibCodes.category} = ${query.category})`,
      ),
    );
  if (query.victimType) conditions.push(eq(referrals.victimType, query.victimType));
  if (query.victimAgeBand) conditions.push(eq(referrals.victimAgeBand, query.victimAgeBand));
  if (query.vulnerability) conditions.push(eq(referrals.vulnerability, query.vulnerability));
  if (query.allocatedUnit) conditions.push(eq(referrals.allocatedUnit, query.allocatedUnit));
  if (query.contactTarget) conditions.push(contactTargetCondition(query.contactTarget));
  if (query.forceId) conditions.push(eq(referrals.forceId, query.forceId));
  if (query.month) {
    conditions.push(gte(referrals.reportedOn, `${query.month}-01`));
    conditions.push(lt(referrals.reportedOn, nextMonth(query.month)));
  }
  if (query.reportedFrom) conditions.push(gte(referrals.reportedOn, query.reportedFrom));
  if (query.reportedTo) conditions.push(lte(referrals.reportedOn, query.reportedTo));
  if (query.overdue === "true")
    conditions.push(and(eq(referrals.status, "awaiting-triage"), lt(referrals.triageDueAt, sql`now()`)));
  if (query.repeatVictim) conditions.push(eq(referrals.repeatVictim, query.repeatVictim === "true"));
  if (identifierKey) conditions.push(sql`${referrals.identifierKeys} @> ARRAY[${identifierKey}]::text[]`);
  if (query.q) conditions.push(sql`${referrals.crimeReference} LIKE ${`${query.q.toUpperCase()}%`}`);
  return and(...conditions) as SQL;
}

const sortOrders: Record<ListReferralsQuery["sort"], SQL[]> = {
  // Highest priority first; among equals, whoever has waited longest.
  "-priority": [desc(referrals.priorityScore), asc(referrals.receivedAt), asc(referrals.id)],
  priority: [asc(referrals.priorityScore), asc(referrals.receivedAt), asc(referrals.id)],
  "-received": [desc(referrals.receivedAt), asc(referrals.id)],
  received: [asc(referrals.receivedAt), asc(referrals.id)],
  "-reported": [desc(referrals.reportedOn), asc(referrals.id)],
  reported: [asc(referrals.reportedOn), asc(referrals.id)],
  "-loss": [desc(referrals.lossPence), asc(referrals.id)],
  loss: [asc(referrals.lossPence), asc(referrals.id)],
  due: [asc(referrals.triageDueAt), asc(referrals.id)],
  "-due": [desc(referrals.triageDueAt), asc(referrals.id)],
};

export async function listReferrals(
  db: Queryable,
  actor: Actor,
  query: ListReferralsQuery,
  identifierKey: string | null,
) {
  const where = listConditions(actor, query, identifierKey);
  const [rows, counted] = await Promise.all([
    referralQuery(db)
      .where(where)
      .orderBy(...sortOrders[query.sort])
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    // Counting stops at the limit: an exact count of a million-row queue costs more than its page.
    db.execute(
      sql`SELECT count(*)::int AS total FROM (SELECT 1 FROM ${referrals} WHERE ${where} LIMIT ${countLimit}) AS capped`,
    ),
  ]);
  const total = (counted as unknown as { rows: { total: number }[] }).rows[0]?.total ?? 0;
  return { rows, total, totalIsAtLeast: total >= countLimit };
}

/** For each of the keys, how many other visible referrals share it, and the latest few. */
export async function linkedReferrals(db: Queryable, actor: Actor, referralId: string, keys: string[]) {
  if (keys.length === 0) return { counts: new Map<string, number>(), samples: [] };
  const keyArray = sql`ARRAY[${sql.join(
    keys.map((key) => sql`${key}`),
    sql`, `,
  )}]::text[]`;
  const sharing = and(
    referralsVisibleTo(actor),
    ne(referrals.id, referralId),
    sql`${referrals.identifierKeys} && ${keyArray}`,
  );
  const [counted, samples] = await Promise.all([
    db.execute(
      sql`SELECT shared.key, count(*)::int AS count
          FROM ${referrals}, unnest(${referrals.identifierKeys}) AS shared(key)
          WHERE ${sharing} AND shared.key = ANY(${keyArray})
          GROUP BY shared.key`,
    ),
    db
      .select({
        id: referrals.id,
        crimeReference: referrals.crimeReference,
        reportedOn: referrals.reportedOn,
        identifierKeys: referrals.identifierKeys,
        forceId: referrals.forceId,
        forceName: forces.name,
      })
      .from(referrals)
      .innerJoin(forces, eq(forces.id, referrals.forceId))
      .where(sharing)
      .orderBy(desc(referrals.reportedOn), asc(referrals.id))
      .limit(50),
  ]);
  const counts = new Map(
    (counted as unknown as { rows: { key: string; count: number }[] }).rows.map((row) => [
      row.key,
      row.count,
    ]),
  );
  return { counts, samples };
}

export async function decisionsOf(db: Queryable, referralId: string) {
  return db
    .select({ decision: referralDecisions, deciderName: users.name })
    .from(referralDecisions)
    .innerJoin(users, eq(users.id, referralDecisions.decidedBy))
    .where(eq(referralDecisions.referralId, referralId))
    .orderBy(asc(referralDecisions.decidedAt), asc(referralDecisions.id));
}

export async function versionsOf(db: Queryable, referralId: string) {
  return db
    .select()
    .from(referralVersions)
    .where(eq(referralVersions.referralId, referralId))
    .orderBy(desc(referralVersions.version));
}
