// The dashboard's figures, each series added up by the database in one GROUP BY query over the
// referrals the actor may count. No query here reads a column that names a person.

import { and, asc, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import type { Actor } from "#src/auth/policy.ts";
import type { Queryable } from "#src/db/database.ts";
import { forces, nfibCodes, referrals } from "#src/db/schema.ts";
import { referralCountsVisibleTo } from "#src/features/referrals/access.ts";
import { contactTargetCondition } from "#src/features/referrals/queries.ts";
import { firstDayOf, lastDayOf } from "./months.ts";
import { type LossBand, lossBands } from "./schema.ts";

export interface DashboardScope {
  from: string;
  to: string;
  forceId: string | null;
}

/** The referrals behind every figure: visible to the actor, reported in the range, of the force. */
function scopeCondition(actor: Actor, scope: DashboardScope): SQL {
  return and(
    referralCountsVisibleTo(actor),
    gte(referrals.reportedOn, firstDayOf(scope.from)),
    lte(referrals.reportedOn, lastDayOf(scope.to)),
    scope.forceId ? eq(referrals.forceId, scope.forceId) : undefined,
  ) as SQL;
}

const referralCount = sql<number>`count(*)::int`;
// bigint sums come back as text from one driver and numbers from the other: text from both.
const lossSum = sql<string>`coalesce(sum(${referrals.lossPence}), 0)::text`;
const categoryCount = (category: string) =>
  sql<number>`(count(*) FILTER (WHERE ${nfibCodes.category} = ${category}))::int`;

/** Referrals, losses and categories for each month with at least one referral (the service fills the gaps). */
export function countsByMonth(db: Queryable, actor: Actor, scope: DashboardScope) {
  // The format is SQL text, not a parameter, so the grouped expression matches the selected one.
  const month = sql<string>`to_char(${referrals.reportedOn}, 'YYYY-MM')`;
  return db
    .select({
      month,
      referrals: referralCount,
      lossPence: lossSum,
      cyberDependent: categoryCount("cyber-dependent"),
      cyberEnabled: categoryCount("cyber-enabled"),
      other: categoryCount("other"),
    })
    .from(referrals)
    .innerJoin(nfibCodes, eq(nfibCodes.code, referrals.nfibCode))
    .where(scopeCondition(actor, scope))
    .groupBy(month)
    .orderBy(month);
}

export function countsByNfibCode(db: Queryable, actor: Actor, scope: DashboardScope) {
  return db
    .select({
      code: nfibCodes.code,
      name: nfibCodes.name,
      category: nfibCodes.category,
      referrals: referralCount,
      lossPence: lossSum,
    })
    .from(referrals)
    .innerJoin(nfibCodes, eq(nfibCodes.code, referrals.nfibCode))
    .where(scopeCondition(actor, scope))
    .groupBy(nfibCodes.code, nfibCodes.name, nfibCodes.category)
    .orderBy(desc(referralCount), asc(nfibCodes.code));
}

export function countsByVictimType(db: Queryable, actor: Actor, scope: DashboardScope) {
  return db
    .select({ victimType: referrals.victimType, referrals: referralCount })
    .from(referrals)
    .where(scopeCondition(actor, scope))
    .groupBy(referrals.victimType);
}

export function countsByVictimAgeBand(db: Queryable, actor: Actor, scope: DashboardScope) {
  return db
    .select({ victimAgeBand: referrals.victimAgeBand, referrals: referralCount })
    .from(referrals)
    .where(scopeCondition(actor, scope))
    .groupBy(referrals.victimAgeBand);
}

/** The loss band of a referral as a CASE over the bands' pence ranges, lowest first. */
const lossBandOf = sql<LossBand>`CASE ${sql.join(
  lossBands.map((band) =>
    band.maxPence === null
      ? sql`ELSE ${band.band}`
      : sql`WHEN ${referrals.lossPence} < ${band.maxPence} THEN ${band.band}`,
  ),
  sql` `,
)} END`;

export function countsByLossBand(db: Queryable, actor: Actor, scope: DashboardScope) {
  return (
    db
      .select({ band: lossBandOf, referrals: referralCount, lossPence: lossSum })
      .from(referrals)
      .where(scopeCondition(actor, scope))
      // By position: the CASE carries parameters, and a repeated copy would be numbered apart
      // from the selected one, which PostgreSQL would not recognise as the same expression.
      .groupBy(sql`1`)
  );
}

export function countsByTriageOutcome(db: Queryable, actor: Actor, scope: DashboardScope) {
  return db
    .select({ status: referrals.status, allocatedUnit: referrals.allocatedUnit, referrals: referralCount })
    .from(referrals)
    .where(scopeCondition(actor, scope))
    .groupBy(referrals.status, referrals.allocatedUnit);
}

/**
 * Vulnerable victims' contact target, by the rule of the victim-care module
 * (src/features/victim-care/target.ts): met when contacted by the due moment; missed when
 * contacted later, or not contacted once it has passed; pending until then. The conditions are
 * the ones the referral list filters by (contactTarget=…), so each count opens exactly its list.
 */
export async function contactTargetCounts(db: Queryable, actor: Actor, scope: DashboardScope) {
  const counted = (target: "met" | "missed" | "pending") =>
    sql<number>`(count(*) FILTER (WHERE ${contactTargetCondition(target)}))::int`;
  const [row] = await db
    .select({ met: counted("met"), missed: counted("missed"), pending: counted("pending") })
    .from(referrals)
    .where(scopeCondition(actor, scope));
  return row ?? { met: 0, missed: 0, pending: 0 };
}

/** The forces whose referrals the actor may count, by name. */
export function forcesVisibleTo(db: Queryable, actor: Actor) {
  const query = db.select({ id: forces.id, name: forces.name }).from(forces);
  switch (actor.scope) {
    case "national":
      return query.orderBy(asc(forces.name));
    case "region":
      return query.where(eq(forces.regionId, actor.regionId ?? "")).orderBy(asc(forces.name));
    case "force":
      return query.where(eq(forces.id, actor.forceId ?? "")).orderBy(asc(forces.name));
  }
}
