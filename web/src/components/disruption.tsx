/** Words, tags and links shared by the disruption and moderation panel pages. */
import type { ClaimStatus, Grade, PanelDecision, PanelStatus } from "../api.ts";
import { Tag, type TagColour } from "./govuk.tsx";

export const GRADE_LABELS: Record<Grade, string> = { major: "Major", moderate: "Moderate", minor: "Minor" };
// Typed by the server's schemas: a grade or status added there fails to compile here.
export const GRADES = Object.keys(GRADE_LABELS) as Grade[];

/**
 * One line for each grade. Generic on purpose: the national ROCU performance framework holds the
 * definitions, and the panel applies them.
 */
export const GRADE_HINTS: Record<Grade, string> = {
  major: "A significant, lasting effect on the group’s capability or capacity to cause harm",
  moderate: "A clear effect on the group’s activity, short of major",
  minor: "A limited or short-lived effect on the group",
};

const GRADE_COLOURS: Record<Grade, TagColour> = { major: "red", moderate: "orange", minor: "yellow" };

export function GradeTag({ grade }: { grade: Grade }) {
  return <Tag colour={GRADE_COLOURS[grade] ?? "grey"}>{GRADE_LABELS[grade] ?? grade}</Tag>;
}

/** The grade that counts, or why there is none yet. */
export function ModeratedGrade({ grade, status }: { grade: Grade | null; status: ClaimStatus }) {
  if (grade) return <GradeTag grade={grade} />;
  return <span className="rocu-muted">{status === "rejected" ? "None: rejected" : "Not moderated yet"}</span>;
}

export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  draft: "Draft",
  submitted: "Submitted",
  listed: "On a panel",
  accepted: "Accepted",
  regraded: "Regraded",
  rejected: "Rejected",
  returned: "Returned for more information",
};
export const CLAIM_STATUSES = Object.keys(CLAIM_STATUS_LABELS) as ClaimStatus[];

const CLAIM_STATUS_COLOURS: Record<ClaimStatus, TagColour> = {
  draft: "grey",
  submitted: "blue",
  listed: "purple",
  accepted: "green",
  regraded: "turquoise",
  rejected: "red",
  returned: "orange",
};

export function ClaimStatusTag({ status }: { status: ClaimStatus }) {
  return <Tag colour={CLAIM_STATUS_COLOURS[status] ?? "grey"}>{CLAIM_STATUS_LABELS[status] ?? status}</Tag>;
}

export const DECISION_LABELS: Record<PanelDecision, string> = {
  accepted: "Accepted",
  regraded: "Regraded",
  rejected: "Rejected",
  returned: "Returned for more information",
};

/** A panel's decision in a few words: "Accepted as major", "Regraded to minor", "Rejected". */
export function decisionWords(decision: { decision: PanelDecision; grade: Grade | null }): string {
  if (decision.decision === "accepted" && decision.grade) return `Accepted as ${decision.grade}`;
  if (decision.decision === "regraded" && decision.grade) return `Regraded to ${decision.grade}`;
  return DECISION_LABELS[decision.decision];
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-03" → "Mar 2026": a panel's month, as the server's periodLabel says it. */
export function monthLabel(period: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${month} ${match[1]}` : period;
}

export const PANEL_STATUS_LABELS: Record<PanelStatus, string> = { open: "Open", closed: "Closed — locked" };
export const PANEL_STATUSES = Object.keys(PANEL_STATUS_LABELS) as PanelStatus[];

export function PanelStatusTag({ status }: { status: PanelStatus }) {
  return <Tag colour={status === "open" ? "blue" : "grey"}>{PANEL_STATUS_LABELS[status] ?? status}</Tag>;
}

/** One item a line (evidence references, attendees), which may themselves hold commas. */
export function linesOf(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

export function disruptionPath(id: string, rest = ""): string {
  return `/organised-crime/disruptions/${encodeURIComponent(id)}${rest}`;
}

export function panelPath(id: string, rest = ""): string {
  return `/organised-crime/panels/${encodeURIComponent(id)}${rest}`;
}

/** The disruption list with filters (empty values left out). */
export function disruptionListPath(filters: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const text = params.toString();
  return `/organised-crime/disruptions${text ? `?${text}` : ""}`;
}

/** The claim form, prefilled from an OCG's or an operation's page. */
export function claimFormPath(prefill: { ocgId?: string; operationId?: string } = {}): string {
  const params = new URLSearchParams();
  if (prefill.ocgId) params.set("ocgId", prefill.ocgId);
  if (prefill.operationId) params.set("operationId", prefill.operationId);
  const text = params.toString();
  return `/organised-crime/disruptions/new${text ? `?${text}` : ""}`;
}
