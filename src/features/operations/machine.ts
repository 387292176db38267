import type { operationStatuses } from "#src/db/schema.ts";
import { AppError, invalidField } from "#src/lib/errors.ts";

export type OperationStatus = (typeof operationStatuses)[number];

interface Transition {
  /** The audit action, and the word the timeline shows. */
  action: "activate" | "suspend" | "resume" | "close";
  title: string;
}

const close: Transition = { action: "close", title: "Closed" };

const transitions: Record<OperationStatus, Partial<Record<OperationStatus, Transition>>> = {
  proposed: { active: { action: "activate", title: "Activated" }, closed: close },
  active: { suspended: { action: "suspend", title: "Suspended" }, closed: close },
  suspended: { active: { action: "resume", title: "Resumed" }, closed: close },
  // Closed is final: a new phase of work is a new operation.
  closed: {},
};

/** What a status change writes to the operation, besides its audit action. */
export interface StatusChange extends Transition {
  status: OperationStatus;
  startedOn: string | null;
  endedOn: string | null;
  resultSummary: string | null;
}

/** The statuses an operation in `from` may move to, for the UI to offer. */
export function nextStatuses(from: OperationStatus): OperationStatus[] {
  return Object.keys(transitions[from]) as OperationStatus[];
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
 * Decides one status change of an operation as it stands. Going active dates the start and
 * closing dates the end (today, unless a date is already recorded); closing needs a result
 * summary, which is kept on the record; nothing else may carry one.
 */
export function changeStatus(
  operation: { status: OperationStatus; startedOn: string | null; endedOn: string | null },
  to: OperationStatus,
  resultSummary: string | undefined,
  today: string,
): StatusChange {
  const transition = transitions[operation.status][to];
  if (!transition) throw new AppError("conflict", `An operation cannot go from ${operation.status} to ${to}`);
  const summary = resultSummary?.trim() ?? "";
  if (to !== "closed") {
    if (summary !== "") throw invalidField("resultSummary", "Give a result summary only when closing");
    return {
      ...transition,
      status: to,
      startedOn: to === "active" ? (operation.startedOn ?? today) : operation.startedOn,
      endedOn: operation.endedOn,
      resultSummary: null,
    };
  }
  if (summary === "") throw invalidField("resultSummary", "Give a summary of the operation's results");
  const endedOn = operation.endedOn ?? today;
  if (operation.startedOn !== null && endedOn < operation.startedOn) {
    throw invalidField(
      "endedOn",
      `The operation starts on ${operation.startedOn}: change its start date before closing it`,
    );
  }
  return { ...transition, status: to, startedOn: operation.startedOn, endedOn, resultSummary: summary };
}
