import { AppError, invalidField } from "#src/lib/errors.ts";
import type { BidStatus, DecisionOutcome } from "./vocabulary.ts";

/**
 * Who records a step: the applicant organisation, the board that reviews bids, finance (who
 * change money), or the commissioners' decisions themselves (the bid follows its decisions).
 */
export type BidStepBy = "applicant" | "board" | "finance" | "decisions";

export type BidAction =
  | "submit"
  | "start-review"
  | "recommend"
  | "request-information"
  | "not-recommend"
  | "resubmit"
  | "decide"
  | "fund"
  | "close";

interface Step {
  action: BidAction;
  by: BidStepBy;
  /** Steps that refuse, send back or end a bid must say why; the others may. */
  reasonRequired: boolean;
}

const decide: Step = { action: "decide", by: "decisions", reasonRequired: false };
const fund: Step = { action: "fund", by: "finance", reasonRequired: false };
const close: Step = { action: "close", by: "finance", reasonRequired: true };

const steps: Record<BidStatus, Partial<Record<BidStatus, Step>>> = {
  draft: { submitted: { action: "submit", by: "applicant", reasonRequired: false } },
  submitted: { "under-board-review": { action: "start-review", by: "board", reasonRequired: false } },
  "under-board-review": {
    recommended: { action: "recommend", by: "board", reasonRequired: false },
    "more-information-requested": { action: "request-information", by: "board", reasonRequired: true },
    "not-recommended": { action: "not-recommend", by: "board", reasonRequired: true },
  },
  // The applicant edits the bid, then sends it back saying what changed.
  "more-information-requested": { submitted: { action: "resubmit", by: "applicant", reasonRequired: true } },
  recommended: { approved: decide, "approved-with-conditions": decide, declined: decide },
  approved: { funded: fund },
  "approved-with-conditions": { funded: fund },
  funded: { closed: close },
  "not-recommended": { closed: close },
  declined: { closed: close },
  // Closed is final: new work is a new bid.
  closed: {},
};

const recordedBy: Record<BidStepBy, string> = {
  applicant: "the applicant",
  board: "the board",
  finance: "finance",
  decisions: "the commissioners' decisions",
};

/** The statuses a bid may be edited in: before it is submitted, and when the board asks for more. */
export const editableStatuses: readonly BidStatus[] = ["draft", "more-information-requested"];

export interface BidStep {
  action: BidAction;
  status: BidStatus;
  reason: string;
}

/** The statuses `by` may move a bid in `from` to, for the UI to offer. */
export function nextStatuses(from: BidStatus, by: BidStepBy): BidStatus[] {
  return Object.entries(steps[from]).flatMap(([to, step]) => (step.by === by ? [to as BidStatus] : []));
}

/**
 * Decides one step of a bid as it stands: refuses a move the workflow does not have, or one
 * that belongs to someone else, and a missing reason where one is required.
 */
export function moveBid(from: BidStatus, to: BidStatus, by: BidStepBy, reason: string | undefined): BidStep {
  const step = steps[from][to];
  if (!step) throw new AppError("conflict", `A bid cannot go from ${from} to ${to}`);
  if (step.by !== by) {
    throw new AppError("conflict", `A bid goes from ${from} to ${to} by ${recordedBy[step.by]}`);
  }
  const why = reason?.trim() ?? "";
  if (step.reasonRequired && why === "") {
    throw invalidField("reason", `Say why the bid goes from ${from} to ${to}`);
  }
  return { action: step.action, status: to, reason: why };
}

/**
 * Where the commissioners' decisions leave a recommended bid. One declined share declines the
 * bid at once (the project is costed as a whole: without a share it cannot go ahead as bid);
 * otherwise it is approved once every share is decided, with conditions if any decision has
 * them; until then it stays recommended (null).
 */
export function outcomeOfDecisions(
  decisionMakers: readonly string[],
  decisions: readonly { decisionMakerOrganisationId: string; outcome: DecisionOutcome }[],
): BidStatus | null {
  if (decisions.some((decision) => decision.outcome === "declined")) return "declined";
  const decided = new Set(decisions.map((decision) => decision.decisionMakerOrganisationId));
  if (!decisionMakers.every((maker) => decided.has(maker))) return null;
  return decisions.some((decision) => decision.outcome === "approved-with-conditions")
    ? "approved-with-conditions"
    : "approved";
}
