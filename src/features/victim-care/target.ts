// The victim-contact target of one referral, as a pure rule shared by victim care and the cyber
// crime dashboard (referrals/queries.ts holds the same rule in SQL for counting).

export const contactTargetStates = ["met", "missed", "pending"] as const;
export type ContactTargetState = (typeof contactTargetStates)[number];

const hourMs = 60 * 60 * 1000;

/**
 * Met when the victim was contacted by the due moment (contacted exactly at it counts); missed
 * when contacted later, or still not contacted once it has passed; pending until then. A referral
 * without a due moment (the victim is not vulnerable) has no target: null.
 */
export function contactTarget(
  contactDueAt: Date | null,
  contactedAt: Date | null,
  now: Date,
): ContactTargetState | null {
  if (contactDueAt === null) return null;
  if (contactedAt !== null) return contactedAt.getTime() <= contactDueAt.getTime() ? "met" : "missed";
  return now.getTime() > contactDueAt.getTime() ? "missed" : "pending";
}

/**
 * How a victim still waiting stands against the due moment, in whole hours passed since it or
 * left before it (59 minutes either way is 0 hours: the overdue flag still says which side).
 */
export function contactClock(
  contactDueAt: Date,
  now: Date,
): { overdue: boolean; hoursOverdue: number | null; hoursRemaining: number | null } {
  const leftMs = contactDueAt.getTime() - now.getTime();
  if (leftMs < 0) return { overdue: true, hoursOverdue: Math.floor(-leftMs / hourMs), hoursRemaining: null };
  return { overdue: false, hoursOverdue: null, hoursRemaining: Math.floor(leftMs / hourMs) };
}
