// The triage clock: how long triage of a referral may take, by its priority band. Targets are
// plain elapsed hours from receipt (nights, weekends and bank holidays count); a working-hours
// clock is not modelled.

import { z } from "zod";
import type { PriorityBand } from "./priority.ts";

const hours = z
  .number()
  .positive("A target is more than 0 hours")
  .max(24 * 366, "A target is at most a year");

export const triageTargets = z.strictObject({ P1: hours, P2: hours, P3: hours, P4: hours });
export type TriageTargets = z.infer<typeof triageTargets>;

/** P1 in a day, P2 in 3 days, P3 in 7 days, P4 in 28 days. */
export const defaultTriageTargets: TriageTargets = { P1: 24, P2: 72, P3: 7 * 24, P4: 28 * 24 };

const hourMs = 60 * 60 * 1000;

export function triageDue(receivedAt: Date, band: PriorityBand, targets: TriageTargets): Date {
  return new Date(receivedAt.getTime() + targets[band] * hourMs);
}

export interface ClockState {
  dueAt: Date;
  /** Negative once overdue. */
  remainingMs: number;
  /** True only after the due moment; triage at the due moment itself is on time. */
  overdue: boolean;
  /** Share of the target elapsed: 0 at receipt, 1 at the due moment, above 1 once overdue. */
  fractionUsed: number;
}

export function clockState(
  receivedAt: Date,
  band: PriorityBand,
  targets: TriageTargets,
  now: Date,
): ClockState {
  const dueAt = triageDue(receivedAt, band, targets);
  const remainingMs = dueAt.getTime() - now.getTime();
  // A clock read before receipt (clock skew between systems) has used none of its time.
  const elapsedMs = Math.max(0, now.getTime() - receivedAt.getTime());
  return { dueAt, remainingMs, overdue: remainingMs < 0, fractionUsed: elapsedMs / (targets[band] * hourMs) };
}
