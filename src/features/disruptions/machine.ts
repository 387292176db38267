import type { disruptionGrades, disruptionStatuses, panelDecisions, panelStatuses } from "#src/db/schema.ts";
import { AppError, type FieldError } from "#src/lib/errors.ts";

export type DisruptionStatus = (typeof disruptionStatuses)[number];
export type DisruptionGrade = (typeof disruptionGrades)[number];
export type PanelDecision = (typeof panelDecisions)[number];
export type PanelStatus = (typeof panelStatuses)[number];

/**
 * A claim's life: draft → submitted → listed (on a panel's agenda) → accepted, regraded, rejected
 * or returned. A returned claim goes back to its claimant, who may change it and submit it again.
 * While the panel that heard a claim is open it may change its mind; once closed, nothing moves.
 */

/** The claimant may change the claim only before a panel has it, or after it came back. */
const editableStatuses: readonly DisruptionStatus[] = ["draft", "returned"];
/** Decided at a panel: the panel may decide again until it closes. */
const decidedStatuses: readonly DisruptionStatus[] = ["accepted", "regraded", "rejected", "returned"];

/** The panel a claim is on, if any, as far as the machine needs to know it. */
export interface ClaimState {
  status: DisruptionStatus;
  panelStatus: PanelStatus | null;
}

const panelClosed = () => new AppError("conflict", "This panel is closed");

export function isEditable(status: DisruptionStatus): boolean {
  return editableStatuses.includes(status);
}

/** Changing a claim's details: only while it is a draft or has been returned. */
export function assertEditable(status: DisruptionStatus): void {
  if (!isEditable(status)) {
    throw new AppError(
      "conflict",
      `A ${status} claim cannot be changed: only drafts and returned claims can`,
    );
  }
}

export interface Submission {
  status: "submitted";
  /** The audit action: a returned claim's second submission is a resubmission. */
  action: "submit" | "resubmit";
}

/** Sending a draft, or a returned claim, to be listed for the next panel. */
export function submit(status: DisruptionStatus): Submission {
  if (status === "draft") return { status: "submitted", action: "submit" };
  if (status === "returned") return { status: "submitted", action: "resubmit" };
  throw new AppError(
    "conflict",
    `A ${status} claim cannot be submitted: only drafts and returned claims can`,
  );
}

/** Putting a submitted claim on an open panel's agenda. */
export function list(status: DisruptionStatus, panelStatus: PanelStatus): "listed" {
  if (panelStatus === "closed") throw panelClosed();
  if (status !== "submitted") {
    throw new AppError("conflict", `A ${status} claim cannot be listed: only submitted claims can`);
  }
  return "listed";
}

export interface DecisionInput {
  decision: PanelDecision;
  grade?: DisruptionGrade | null | undefined;
  reason?: string | null | undefined;
}

/** What a decision writes: onto the claim, and as the panel's decision row. */
export interface DecisionOutcome {
  status: PanelDecision;
  /** The grade that counts: only accepted and regraded claims have one. */
  moderatedGrade: DisruptionGrade | null;
  decisionReason: string | null;
  decision: PanelDecision;
  /** The grade the panel gave (accepted: the claimed grade; regraded: the new one). */
  grade: DisruptionGrade | null;
  reason: string | null;
}

/** Whether a panel may decide this claim now (listed, or decided at its still-open panel). */
export function isDecidable({ status, panelStatus }: ClaimState): boolean {
  return panelStatus === "open" && (status === "listed" || decidedStatuses.includes(status));
}

/**
 * Decides a claim: a regrade needs a different grade and a reason; a rejection or return needs a
 * reason. Every missing field is reported at once, so the panel screen can show them together.
 */
export function decide(
  claim: ClaimState & { claimedGrade: DisruptionGrade },
  input: DecisionInput,
): DecisionOutcome {
  if (claim.panelStatus === "closed") throw panelClosed();
  if (!isDecidable(claim)) {
    throw new AppError(
      "conflict",
      `A ${claim.status} claim cannot be decided: it must be listed on an open panel's agenda`,
    );
  }
  const reason = input.reason?.trim() || null;
  const errors: FieldError[] = [];
  let grade: DisruptionGrade | null = null;
  switch (input.decision) {
    case "accepted":
      if (input.grade && input.grade !== claim.claimedGrade) {
        errors.push({
          field: "grade",
          message: "An accepted claim keeps its claimed grade: choose regraded to give another",
        });
      }
      grade = claim.claimedGrade;
      break;
    case "regraded":
      if (!input.grade) errors.push({ field: "grade", message: "Choose the grade the panel gives" });
      else if (input.grade === claim.claimedGrade) {
        errors.push({
          field: "grade",
          message: "Choose a grade different from the claimed one, or accept the claim",
        });
      }
      if (!reason) errors.push({ field: "reason", message: "Give the reason for regrading the claim" });
      grade = input.grade ?? null;
      break;
    case "rejected":
    case "returned":
      if (input.grade) {
        errors.push({ field: "grade", message: "Only an accepted or regraded claim has a grade" });
      }
      if (!reason) {
        errors.push({
          field: "reason",
          message:
            input.decision === "rejected"
              ? "Give the reason for rejecting the claim"
              : "Say what more information the claimant must give",
        });
      }
      break;
  }
  const [first] = errors;
  if (first) throw new AppError("validation", first.message, { fields: errors });
  return {
    status: input.decision,
    moderatedGrade: grade,
    decisionReason: reason,
    decision: input.decision,
    grade,
    reason,
  };
}

export const claimActions = ["edit", "submit", "decide"] as const;
export type ClaimAction = (typeof claimActions)[number];

/** The actions the claim's state allows; the service narrows them to what the caller may do. */
export function actionsInState(claim: ClaimState): ClaimAction[] {
  const actions: ClaimAction[] = [];
  if (isEditable(claim.status)) actions.push("edit", "submit");
  if (isDecidable(claim)) actions.push("decide");
  return actions;
}

/** A panel is locked once closed; closing needs a decision on every claim on its agenda. */
export function assertPanelOpen(status: PanelStatus): void {
  if (status === "closed") throw panelClosed();
}

export function closePanel(status: PanelStatus, undecided: number): "closed" {
  assertPanelOpen(status);
  if (undecided > 0) {
    throw new AppError(
      "conflict",
      `${undecided} ${undecided === 1 ? "claim is" : "claims are"} still undecided: decide ${undecided === 1 ? "it" : "them"} before closing the panel`,
    );
  }
  return "closed";
}
