import type { ocgStatuses } from "#src/db/schema.ts";
import { AppError, invalidField } from "#src/lib/errors.ts";

export type OcgStatus = (typeof ocgStatuses)[number];

interface Transition {
  /** The audit action, and the word the timeline shows. */
  action: "make_dormant" | "reactivate" | "archive" | "reinstate";
  title: string;
  /** Archiving and reinstating change what everyone sees of the group, so they must be explained. */
  reasonRequired: boolean;
}

const transitions: Record<OcgStatus, Partial<Record<OcgStatus, Transition>>> = {
  active: {
    dormant: { action: "make_dormant", title: "Marked dormant", reasonRequired: false },
    archived: { action: "archive", title: "Archived", reasonRequired: true },
  },
  dormant: {
    active: { action: "reactivate", title: "Marked active again", reasonRequired: false },
    archived: { action: "archive", title: "Archived", reasonRequired: true },
  },
  archived: {
    active: { action: "reinstate", title: "Reinstated", reasonRequired: true },
  },
};

export interface StatusChange extends Transition {
  status: OcgStatus;
  archiveReason: string | null;
}

/** The statuses an OCG in `from` may move to, for the UI to offer. */
export function nextStatuses(from: OcgStatus): OcgStatus[] {
  return Object.keys(transitions[from]) as OcgStatus[];
}

/** The title the timeline shows for a recorded transition's audit action. */
export function titleOfAction(action: string): string | undefined {
  for (const targets of Object.values(transitions)) {
    for (const transition of Object.values(targets))
      if (transition.action === action) return transition.title;
  }
  return undefined;
}

/**
 * Decides one status change: the new status and archive reason, or why it is not allowed.
 * Archiving keeps its reason on the record; reinstating clears it (the audit trail keeps both).
 */
export function changeStatus(from: OcgStatus, to: OcgStatus, reason?: string): StatusChange {
  const transition = transitions[from][to];
  if (!transition) throw new AppError("conflict", `An OCG cannot go from ${from} to ${to}`);
  const given = reason?.trim() ?? "";
  if (transition.reasonRequired && given === "") {
    throw invalidField(
      "reason",
      to === "archived" ? "Give a reason for archiving the OCG" : "Give a reason for reinstating the OCG",
    );
  }
  return { ...transition, status: to, archiveReason: to === "archived" ? given : null };
}
