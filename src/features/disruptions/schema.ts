import { z } from "zod";
import { classifications } from "#src/auth/policy.ts";
import {
  disruptionGrades,
  disruptionStatuses,
  panelDecisions,
  panelStatuses,
  planStrands,
} from "#src/db/schema.ts";
import { optionalFilter, pageOf, pageQuery } from "#src/lib/paging.ts";
import { periods, ukToday } from "#src/lib/periods.ts";
import { claimActions } from "./machine.ts";

const idName = z.object({ id: z.string(), name: z.string() });
const date = (message: string) => z.iso.date(message);

// ---------------------------------------------------------------------------------------------
// Claims

export const claimSummary = z.object({
  id: z.uuid(),
  reference: z.string(),
  status: z.enum(disruptionStatuses),
  ocg: z.object({ id: z.uuid(), reference: z.string(), name: z.string() }),
  operation: z.object({ id: z.uuid(), codeName: z.string() }).nullable(),
  disruptedOn: z.string(),
  claimedGrade: z.enum(disruptionGrades),
  /** The grade a panel gave (accepted or regraded claims only): the one that counts. */
  moderatedGrade: z.enum(disruptionGrades).nullable(),
  strand: z.enum(planStrands),
  crimeType: z.object({ code: z.string(), name: z.string() }),
  claimingOrganisation: idName,
  /** The OCG's lead force when the claim was made: it owns the claim for access. */
  leadForce: idName,
  regionId: z.string(),
  classification: z.enum(classifications),
  panelId: z.uuid().nullable(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type ClaimSummaryView = z.infer<typeof claimSummary>;

export const decisionView = z.object({
  panelId: z.uuid(),
  /** The panel's month, "YYYY-MM". */
  panelPeriod: z.string(),
  decision: z.enum(panelDecisions),
  grade: z.enum(disruptionGrades).nullable(),
  reason: z.string().nullable(),
  decidedBy: idName,
  decidedAt: z.string(),
});
export type DecisionView = z.infer<typeof decisionView>;

export const claim = claimSummary.extend({
  narrative: z.string(),
  evidenceReferences: z.array(z.string()),
  claimant: idName,
  decisionReason: z.string().nullable(),
  panel: z
    .object({ id: z.uuid(), period: z.string(), periodLabel: z.string(), status: z.enum(panelStatuses) })
    .nullable(),
  /** Every panel decision on the claim, oldest first (a returned claim may be heard again). */
  decisions: z.array(decisionView),
  /** What the caller may do to the claim now: the buttons to offer. */
  allowedActions: z.array(z.enum(claimActions)),
  createdAt: z.string(),
});
export type ClaimView = z.infer<typeof claim>;

const text = (empty: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, empty)
    .max(max, `Use ${max.toLocaleString("en-GB")} characters or fewer`);

/** The editable fields, without defaults so that a PATCH changes only what it names. */
const claimFields = {
  ocgId: z.uuid("Choose the OCG from the list"),
  operationId: z.uuid("Choose the operation from the list").nullable(),
  disruptedOn: date("Enter the date of the disruption as a real date, like 2026-03-31").refine(
    (value) => value <= ukToday(),
    "The date of the disruption cannot be in the future",
  ),
  claimedGrade: z.enum(disruptionGrades, "Choose major, moderate or minor"),
  strand: z.enum(planStrands, "Choose Pursue, Prevent, Protect or Prepare"),
  crimeType: text("Choose the crime type", 100),
  narrative: text("Describe the disruption and its effect on the group", 10_000),
  evidenceReferences: z
    .array(text("Evidence references cannot be blank", 200))
    .max(50, "List at most 50 evidence references"),
  classification: z.enum(classifications, "Choose a classification"),
};

export const createClaimBody = z.strictObject({
  ...claimFields,
  operationId: claimFields.operationId.default(null),
  /** Defaults to the OCG's primary crime type. */
  crimeType: claimFields.crimeType.optional(),
  evidenceReferences: claimFields.evidenceReferences.default([]),
});
export type CreateClaimInput = z.infer<typeof createClaimBody>;

export const updateClaimBody = z
  .strictObject(claimFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, "Change at least one field");
export type UpdateClaimInput = z.infer<typeof updateClaimBody>;

export const decisionBody = z.strictObject({
  decision: z.enum(panelDecisions, "Choose accepted, regraded, rejected or returned"),
  grade: z.enum(disruptionGrades, "Choose major, moderate or minor").nullable().optional(),
  reason: z.string().trim().max(4000, "Use 4,000 characters or fewer").nullable().optional(),
});
export type DecisionBody = z.infer<typeof decisionBody>;

export const claimSorts = [
  "reference",
  "-reference",
  "disruptedOn",
  "-disruptedOn",
  "status",
  "-status",
  "updatedAt",
  "-updatedAt",
] as const;

export const listClaimsQuery = z.strictObject({
  /** Part of a reference, e.g. "DIS-0042". */
  q: optionalFilter(z.string().max(200)),
  status: optionalFilter(z.enum(disruptionStatuses)),
  /** The moderated grade; "any": every claim a panel gave a grade, the claims totals count. */
  grade: optionalFilter(z.enum([...disruptionGrades, "any"])),
  claimedGrade: optionalFilter(z.enum(disruptionGrades)),
  ocgId: optionalFilter(z.uuid()),
  operationId: optionalFilter(z.uuid()),
  panelId: optionalFilter(z.uuid()),
  forceId: optionalFilter(z.string().max(100)),
  /** The region owning the claim (its OCG's), as a regional total groups them. */
  regionId: optionalFilter(z.string().max(100)),
  claimingOrganisationId: optionalFilter(z.string().max(100)),
  strand: optionalFilter(z.enum(planStrands)),
  crimeType: optionalFilter(z.string().max(100)),
  from: optionalFilter(date("Enter the start date as YYYY-MM-DD")),
  to: optionalFilter(date("Enter the end date as YYYY-MM-DD")),
  sort: z.enum(claimSorts).default("-disruptedOn"),
  ...pageQuery,
});
export type ListClaimsQuery = z.infer<typeof listClaimsQuery>;

export const claimPage = pageOf(claimSummary);
export const claimIdParams = z.strictObject({ id: z.uuid("Not a valid disruption claim id") });

// ---------------------------------------------------------------------------------------------
// Totals: numbers only, never narrative

export const moderatedBasis =
  "Moderated grades only: accepted and regraded claims, by the grade the panel gave";

export const totalsGroupings = ["none", "force", "region", "crimeType", "strand", "organisation"] as const;

export const totalsQuery = z.strictObject({
  period: z.enum(periods).default("fy"),
  /** force: the OCG lead force owning the claim; organisation: the claiming force or unit. */
  groupBy: z.enum(totalsGroupings).default("none"),
  from: optionalFilter(date("Enter the start date as YYYY-MM-DD")),
  to: optionalFilter(date("Enter the end date as YYYY-MM-DD")),
  regionId: optionalFilter(z.string().max(100)),
  forceId: optionalFilter(z.string().max(100)),
});
export type TotalsQuery = z.infer<typeof totalsQuery>;

const gradeCounts = {
  major: z.number().int(),
  moderate: z.number().int(),
  minor: z.number().int(),
  total: z.number().int(),
};

export const totals = z.object({
  basis: z.literal(moderatedBasis),
  period: z.enum(periods),
  groupBy: z.enum(totalsGroupings),
  rows: z.array(
    z.object({
      /** "2026/27", "2026/27 Q3" or "Nov 2026". */
      period: z.string(),
      /** The period's first day, "YYYY-MM-DD", to sort or link by. */
      periodStart: z.string(),
      group: idName.optional(),
      ...gradeCounts,
    }),
  ),
  total: z.object(gradeCounts),
});
export type TotalsView = z.infer<typeof totals>;

// ---------------------------------------------------------------------------------------------
// Panels

export const panelActions = ["edit", "refreshAgenda", "close"] as const;

export const panelCounts = z.object({
  /** Every claim on the agenda, whether or not the caller may see it. */
  onAgenda: z.number().int(),
  decided: z.number().int(),
  undecided: z.number().int(),
  /** Claims on the agenda above the caller's scope or clearance: counted, never shown. */
  notShown: z.number().int(),
});

export const panelSummary = z.object({
  id: z.uuid(),
  region: idName,
  /** The month whose claims it moderates, "YYYY-MM". */
  period: z.string(),
  periodLabel: z.string(),
  heldOn: z.string(),
  chair: idName,
  attendees: z.array(z.string()),
  status: z.enum(panelStatuses),
  closedAt: z.string().nullable(),
  counts: panelCounts,
  updatedAt: z.string(),
});
export type PanelSummaryView = z.infer<typeof panelSummary>;

export const agendaItem = claimSummary.extend({
  narrative: z.string(),
  evidenceReferences: z.array(z.string()),
  /** This panel's decision on the claim, if it has made one. */
  decision: decisionView.nullable(),
  /** Whether the caller may decide it (a moderator not of the claiming organisation, panel open). */
  canDecide: z.boolean(),
});
export type AgendaItemView = z.infer<typeof agendaItem>;

export const panel = panelSummary.extend({
  closedBy: idName.nullable(),
  createdAt: z.string(),
  /** The claims before the panel that the caller may see, in order of reference. */
  agenda: z.array(agendaItem),
  allowedActions: z.array(z.enum(panelActions)),
});
export type PanelView = z.infer<typeof panel>;

const panelFields = {
  heldOn: date("Enter the date of the meeting as a real date, like 2026-04-14"),
  chairUserId: z.uuid("Choose the chair from the list"),
  attendees: z.array(text("Attendees cannot be blank", 200)).max(100, "List at most 100 attendees"),
};

export const createPanelBody = z.strictObject({
  regionId: text("Choose the region", 100),
  periodMonth: z
    .string("Enter the month the panel moderates, like 2026-03")
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Enter the month the panel moderates, like 2026-03"),
  ...panelFields,
  attendees: panelFields.attendees.default([]),
});
export type CreatePanelInput = z.infer<typeof createPanelBody>;

export const updatePanelBody = z
  .strictObject(panelFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, "Change at least one field");
export type UpdatePanelInput = z.infer<typeof updatePanelBody>;

export const listPanelsQuery = z.strictObject({
  regionId: optionalFilter(z.string().max(100)),
  status: optionalFilter(z.enum(panelStatuses)),
  sort: z.enum(["-period", "period", "-heldOn", "heldOn"]).default("-period"),
  ...pageQuery,
});
export type ListPanelsQuery = z.infer<typeof listPanelsQuery>;

export const panelPage = pageOf(panelSummary);
export const panelIdParams = z.strictObject({ id: z.uuid("Not a valid panel id") });
