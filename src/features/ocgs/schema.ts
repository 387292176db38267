import { z } from "zod";
import { classifications } from "#src/auth/policy.ts";
import { ocgLevels, ocgStatuses, planActionStatuses, planStrands } from "#src/db/schema.ts";
import { optionalFilter, pageOf, pageQuery } from "#src/lib/paging.ts";

const idName = z.object({ id: z.string(), name: z.string() });

export const latestAssessment = z.object({
  id: z.uuid(),
  score: z.number(),
  band: z.string(),
  modelVersion: z.number().int(),
  assessedOn: z.string(),
});

export const ocgSummary = z.object({
  id: z.uuid(),
  reference: z.string(),
  name: z.string(),
  status: z.enum(ocgStatuses),
  level: z.enum(ocgLevels),
  leadForce: idName,
  regionId: z.string(),
  primaryCrimeType: z.object({ code: z.string(), name: z.string() }),
  secondaryCrimeTypes: z.array(z.string()),
  classification: z.enum(classifications),
  /** The latest finalised assessment the reader is cleared to see; drafts never count. */
  latestAssessment: latestAssessment.nullable(),
  overdueActions: z.number().int(),
  updatedAt: z.string(),
});
export type OcgSummaryView = z.infer<typeof ocgSummary>;

export const planAction = z.object({
  id: z.uuid(),
  ocgId: z.uuid(),
  strand: z.enum(planStrands),
  description: z.string(),
  owner: z.string(),
  dueOn: z.string(),
  status: z.enum(planActionStatuses),
  overdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PlanActionView = z.infer<typeof planAction>;

export const ocg = ocgSummary.extend({
  aliases: z.array(z.string()),
  lro: idName.nullable(),
  forcesAffected: z.array(z.string()),
  areasAffected: z.string(),
  estimatedSize: z.number().int().nullable(),
  archiveReason: z.string().nullable(),
  /** The statuses this OCG may move to next (the buttons to offer). */
  nextStatuses: z.array(z.enum(ocgStatuses)),
  createdAt: z.string(),
  planActions: z.array(planAction),
});
export type OcgView = z.infer<typeof ocg>;

const shortText = (empty: string) => z.string().trim().min(1, empty).max(200, "Use 200 characters or fewer");
const code = (empty: string) => z.string().trim().min(1, empty).max(100);

/** The editable fields, without defaults so that a PATCH changes only what it names. */
const ocgFields = {
  name: shortText("Enter the group's name"),
  aliases: z.array(shortText("Aliases cannot be blank")).max(50, "List at most 50 aliases"),
  leadForceId: code("Choose the lead force"),
  lroUserId: z.uuid("Choose a Local Responsible Officer from the list").nullable(),
  level: z.enum(ocgLevels, "Choose a level of activity"),
  primaryCrimeType: code("Choose the primary crime type"),
  secondaryCrimeTypes: z.array(code("Choose a crime type")).max(20, "List at most 20 secondary crime types"),
  forcesAffected: z.array(code("Choose a force")).max(50, "List at most 50 forces"),
  areasAffected: z.string().trim().max(2000, "Use 2000 characters or fewer"),
  estimatedSize: z
    .number("Enter the estimated number of members as a number")
    .int("Enter a whole number of members")
    .min(0, "The estimated size cannot be negative")
    .nullable(),
  classification: z.enum(classifications, "Choose a classification"),
};

export const createOcgBody = z.strictObject({
  ...ocgFields,
  aliases: ocgFields.aliases.default([]),
  lroUserId: ocgFields.lroUserId.default(null),
  secondaryCrimeTypes: ocgFields.secondaryCrimeTypes.default([]),
  forcesAffected: ocgFields.forcesAffected.default([]),
  areasAffected: ocgFields.areasAffected.default(""),
  estimatedSize: ocgFields.estimatedSize.default(null),
});
export type CreateOcgInput = z.infer<typeof createOcgBody>;

export const updateOcgBody = z
  .strictObject(ocgFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, "Change at least one field");
export type UpdateOcgInput = z.infer<typeof updateOcgBody>;

export const changeStatusBody = z.strictObject({
  status: z.enum(ocgStatuses, "Choose a status"),
  reason: z.string().trim().max(2000, "Use 2000 characters or fewer").optional(),
});

export const ocgSorts = [
  "reference",
  "-reference",
  "name",
  "-name",
  "score",
  "-score",
  "updatedAt",
  "-updatedAt",
] as const;

export const listOcgsQuery = z.strictObject({
  q: optionalFilter(z.string().max(200)),
  status: optionalFilter(z.enum(ocgStatuses)),
  crimeType: optionalFilter(z.string().max(100)),
  level: optionalFilter(z.enum(ocgLevels)),
  forceId: optionalFilter(z.string().max(100)),
  band: optionalFilter(z.string().max(100)),
  sort: z.enum(ocgSorts).default("reference"),
  ...pageQuery,
});
export type ListOcgsQuery = z.infer<typeof listOcgsQuery>;

export const ocgPage = pageOf(ocgSummary);
export const ocgIdParams = z.strictObject({ id: z.uuid("Not a valid OCG id") });

export const timelineKinds = [
  "created",
  "updated",
  "status",
  "assessment",
  "plan-action",
  "operation",
  "disruption",
  "outcome",
] as const;
export const timelineItem = z.object({
  at: z.string(),
  kind: z.enum(timelineKinds),
  title: z.string(),
  detail: z.string().optional(),
  actor: z.string().optional(),
});
export type TimelineItem = z.infer<typeof timelineItem>;
export const timeline = z.object({ items: z.array(timelineItem) });

const planActionFields = {
  strand: z.enum(planStrands, "Choose Pursue, Prevent, Protect or Prepare"),
  description: z.string().trim().min(1, "Describe the action").max(2000, "Use 2000 characters or fewer"),
  owner: shortText("Enter who owns the action (a name or a unit)"),
  dueOn: z.iso.date("Enter the due date as a real date, like 2025-03-31"),
  status: z.enum(planActionStatuses, "Choose open, in progress, done or cancelled"),
};

export const createPlanActionBody = z.strictObject({
  ...planActionFields,
  status: planActionFields.status.default("open"),
});
export type CreatePlanActionInput = z.infer<typeof createPlanActionBody>;

export const updatePlanActionBody = z
  .strictObject(planActionFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, "Change at least one field");
export type UpdatePlanActionInput = z.infer<typeof updatePlanActionBody>;

export const listPlanActionsQuery = z.strictObject({
  overdue: optionalFilter(z.enum(["true", "false"]).transform((value) => value === "true")),
  forceId: optionalFilter(z.string().max(100)),
  strand: optionalFilter(z.enum(planStrands)),
  ...pageQuery,
});
export type ListPlanActionsQuery = z.infer<typeof listPlanActionsQuery>;

export const planActionWithOcg = planAction.extend({
  ocg: z.object({ id: z.uuid(), reference: z.string(), name: z.string() }),
});
export type PlanActionWithOcgView = z.infer<typeof planActionWithOcg>;
export const planActionPage = pageOf(planActionWithOcg);
export const planActionIdParams = z.strictObject({ id: z.uuid("Not a valid plan action id") });
