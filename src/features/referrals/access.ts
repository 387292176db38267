// Who sees a referral. A referral belongs to its force area: that force's users see it. The
// ROCU's cyber crime unit (region scope) sees only the referrals allocated to it in its region;
// national users see all. Clearance applies as everywhere.

import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { type Actor, clearanceCovers, type OwnedRecord } from "#src/auth/policy.ts";
import { classifications } from "#src/auth/vocabulary.ts";
import { referrals } from "#src/db/schema.ts";

/** The policy view of a referral: its region counts only once it is allocated to the ROCU. */
export const referralRecord = (
  referral: Pick<typeof referrals.$inferSelect, "forceId" | "regionId" | "classification" | "allocatedUnit">,
): OwnedRecord => ({
  forceId: referral.forceId,
  regionId: referral.allocatedUnit === "rocu-cyber" ? referral.regionId : null,
  classification: referral.classification,
});

/** The same rule as referralRecord + canSee, as a SQL condition on the referrals table. */
export function referralsVisibleTo(actor: Actor): SQL {
  const cleared = inArray(
    referrals.classification,
    classifications.filter((classification) => clearanceCovers(actor.clearance, classification)),
  );
  switch (actor.scope) {
    case "national":
      return cleared;
    case "region":
      if (!actor.regionId) return sql`false`;
      return and(
        cleared,
        eq(referrals.regionId, actor.regionId),
        eq(referrals.allocatedUnit, "rocu-cyber"),
      ) as SQL;
    case "force":
      if (!actor.forceId) return sql`false`;
      return and(cleared, eq(referrals.forceId, actor.forceId)) as SQL;
  }
}

/**
 * Counts on the cyber dashboard carry no personal data, so they follow plain scope: a force its
 * own referrals, a region all of its forces', national everything. The extent of cyber crime is
 * meant for all staff, so a count includes OFFICIAL-SENSITIVE referrals whatever the reader's
 * clearance (a number reveals none of their content); SECRET ones only for those cleared to it.
 */
export function referralCountsVisibleTo(actor: Actor): SQL {
  const cleared = inArray(
    referrals.classification,
    classifications.filter(
      (classification) =>
        clearanceCovers("OFFICIAL-SENSITIVE", classification) ||
        clearanceCovers(actor.clearance, classification),
    ),
  );
  switch (actor.scope) {
    case "national":
      return cleared;
    case "region":
      return actor.regionId ? (and(cleared, eq(referrals.regionId, actor.regionId)) as SQL) : sql`false`;
    case "force":
      return actor.forceId ? (and(cleared, eq(referrals.forceId, actor.forceId)) as SQL) : sql`false`;
  }
}
