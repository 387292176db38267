import { actorOf, type RequestContext } from "#src/audit/audit.ts";
import { can } from "#src/auth/policy.ts";
import type { Db } from "#src/db/database.ts";
import { referralStatuses, victimAgeBands, victimTypes } from "#src/db/schema.ts";
import { AppError, type FieldError, forbidden } from "#src/lib/errors.ts";
import { ukToday } from "#src/lib/periods.ts";
import { addMonths, lastTwelveWholeMonths, monthsBetween } from "./months.ts";
import * as queries from "./queries.ts";
import { type CyberDashboardView, type DashboardQuery, lossBands } from "./schema.ts";

/** Five years of months is plenty for a trend, and keeps every series small. */
const maxMonths = 60;

/**
 * The cyber crime dashboard: referrals, losses and outcomes counted by the database over the
 * referrals the user may count (their force, their region's forces, or all; up to
 * OFFICIAL-SENSITIVE whatever their clearance, SECRET only when cleared: see
 * referralCountsVisibleTo). Counts only, so every member of staff may see the extent of cyber crime.
 */
export async function cyberDashboard(
  db: Db,
  context: RequestContext,
  query: DashboardQuery,
): Promise<CyberDashboardView> {
  const actor = actorOf(context);
  if (!can(actor, "cyber.dashboard")) throw forbidden();
  const defaults = lastTwelveWholeMonths(ukToday());
  // A range given by one end only runs to the last whole month, or covers the 12 months to its end.
  const to = query.to ?? (query.from && query.from > defaults.to ? query.from : defaults.to);
  const from = query.from ?? addMonths(to, -11);
  const forceOptions = await queries.forcesVisibleTo(db, actor);

  const errors: FieldError[] = [];
  if (to < from)
    errors.push({ field: "to", message: "The last month must be the same as or after the first" });
  else if (monthsBetween(from, to).length > maxMonths)
    errors.push({ field: "to", message: `Choose at most ${maxMonths} months` });
  if (query.forceId && !forceOptions.some((force) => force.id === query.forceId))
    errors.push({ field: "forceId", message: "Choose a force whose figures you may see" });
  if (errors.length > 0) throw new AppError("validation", "Check the dashboard filters", { fields: errors });

  const scope = { from, to, forceId: query.forceId ?? null };
  // One after another: PGlite answers one query at a time anyway, and each is a small GROUP BY.
  const byMonth = await queries.countsByMonth(db, actor, scope);
  const byCode = await queries.countsByNfibCode(db, actor, scope);
  const byVictimType = await queries.countsByVictimType(db, actor, scope);
  const byAgeBand = await queries.countsByVictimAgeBand(db, actor, scope);
  const byLossBand = await queries.countsByLossBand(db, actor, scope);
  const byOutcome = await queries.countsByTriageOutcome(db, actor, scope);
  const contactTarget = await queries.contactTargetCounts(db, actor, scope);

  const monthRows = new Map(byMonth.map((row) => [row.month, row]));
  const months = monthsBetween(from, to).map((month) => {
    const row = monthRows.get(month);
    return {
      month,
      referrals: row?.referrals ?? 0,
      lossPence: Number(row?.lossPence ?? 0),
      categories: {
        "cyber-dependent": row?.cyberDependent ?? 0,
        "cyber-enabled": row?.cyberEnabled ?? 0,
        other: row?.other ?? 0,
      },
    };
  });
  const countOf = <Key extends string>(rows: { key: Key; referrals: number }[], key: Key) =>
    rows.find((row) => row.key === key)?.referrals ?? 0;
  const typeRows = byVictimType.map((row) => ({ key: row.victimType, referrals: row.referrals }));
  const ageRows = byAgeBand.map((row) => ({ key: row.victimAgeBand, referrals: row.referrals }));
  const lossRows = new Map(byLossBand.map((row) => [row.band, row]));
  // Statuses in workflow order, then allocations by unit.
  const triage = [...byOutcome].sort(
    (a, b) =>
      referralStatuses.indexOf(a.status) - referralStatuses.indexOf(b.status) ||
      (a.allocatedUnit ?? "").localeCompare(b.allocatedUnit ?? ""),
  );

  return {
    from,
    to,
    forceId: scope.forceId,
    forces: forceOptions,
    totals: {
      referrals: months.reduce((sum, month) => sum + month.referrals, 0),
      lossPence: months.reduce((sum, month) => sum + month.lossPence, 0),
    },
    months,
    nfibCodes: byCode.map((row) => ({ ...row, lossPence: Number(row.lossPence) })),
    victimTypes: victimTypes.map((victimType) => ({ victimType, referrals: countOf(typeRows, victimType) })),
    victimAgeBands: victimAgeBands.map((victimAgeBand) => ({
      victimAgeBand,
      referrals: countOf(ageRows, victimAgeBand),
    })),
    lossBands: lossBands.map(({ band, label }) => ({
      band,
      label,
      referrals: lossRows.get(band)?.referrals ?? 0,
      lossPence: Number(lossRows.get(band)?.lossPence ?? 0),
    })),
    triage,
    contactTarget,
  };
}
