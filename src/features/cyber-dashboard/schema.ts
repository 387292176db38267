import { z } from "zod";
import {
  allocationUnits,
  nfibCategories,
  referralStatuses,
  victimAgeBands,
  victimTypes,
} from "#src/db/schema.ts";
import { optionalFilter } from "#src/lib/paging.ts";

const monthFilter = (what: string) =>
  optionalFilter(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, `Enter ${what} as a month, like 2026-04`));

export const dashboardQuery = z.strictObject({
  /** The first month counted (YYYY-MM); with `to`, defaults to the last 12 whole months. */
  from: monthFilter("the first month"),
  /** The last month counted (YYYY-MM), included. */
  to: monthFilter("the last month"),
  /** One force's referrals, among those the user may see. */
  forceId: optionalFilter(z.string().trim().max(100)),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

export const lossBandNames = ["none", "under-1k", "1k-to-10k", "10k-to-100k", "100k-plus"] as const;
export type LossBand = (typeof lossBandNames)[number];

/**
 * The loss bands the dashboard counts in, from the lowest, as pence ranges [min, max) (the last
 * has no max). They are the default triage loss bands, so "£10,000 to under £100,000" means the
 * same on the dashboard as in a priority reason.
 */
export const lossBands: readonly {
  band: LossBand;
  label: string;
  minPence: number;
  maxPence: number | null;
}[] = [
  { band: "none", label: "No loss", minPence: 0, maxPence: 1 },
  { band: "under-1k", label: "Under £1,000", minPence: 1, maxPence: 100_000 },
  { band: "1k-to-10k", label: "£1,000 to under £10,000", minPence: 100_000, maxPence: 1_000_000 },
  { band: "10k-to-100k", label: "£10,000 to under £100,000", minPence: 1_000_000, maxPence: 10_000_000 },
  { band: "100k-plus", label: "£100,000 or more", minPence: 10_000_000, maxPence: null },
];

const count = z.number().int();
/** Whole pence; a sum of losses stays exact up to £90 trillion. */
const pence = z.number().int();

/** Counts and sums only: nothing on the dashboard names a victim, a suspect or a referral. */
export const cyberDashboard = z.object({
  from: z.string(),
  to: z.string(),
  forceId: z.string().nullable(),
  /** The forces whose figures the user may choose, for the filter. */
  forces: z.array(z.object({ id: z.string(), name: z.string() })),
  totals: z.object({ referrals: count, lossPence: pence }),
  /** Every month of the range in order, with zeros where nothing was reported. */
  months: z.array(
    z.object({
      month: z.string(),
      referrals: count,
      lossPence: pence,
      categories: z.object({
        "cyber-dependent": count,
        "cyber-enabled": count,
        other: count,
      }),
    }),
  ),
  /** The codes reported in the range, most referrals first. */
  nfibCodes: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      category: z.enum(nfibCategories),
      referrals: count,
      lossPence: pence,
    }),
  ),
  victimTypes: z.array(z.object({ victimType: z.enum(victimTypes), referrals: count })),
  /** In band order, youngest first; every band, zeros included. */
  victimAgeBands: z.array(z.object({ victimAgeBand: z.enum(victimAgeBands), referrals: count })),
  lossBands: z.array(
    z.object({ band: z.enum(lossBandNames), label: z.string(), referrals: count, lossPence: pence }),
  ),
  /** Triage outcomes: allocations per unit, the rest per status. */
  triage: z.array(
    z.object({
      status: z.enum(referralStatuses),
      allocatedUnit: z.enum(allocationUnits).nullable(),
      referrals: count,
    }),
  ),
  /** Vulnerable victims' contact target: met, missed, or still open. */
  contactTarget: z.object({ met: count, missed: count, pending: count }),
});
export type CyberDashboardView = z.infer<typeof cyberDashboard>;
