import { z } from "zod";
import { classifications } from "#src/auth/policy.ts";
import { optionalFilter, pageQuery } from "#src/lib/paging.ts";
import { dimensionGroups, modelDefinition } from "./model.ts";

export const modelStatuses = ["draft", "active", "retired"] as const;

export const scoringModel = z.object({
  id: z.uuid(),
  version: z.number().int(),
  name: z.string(),
  status: z.enum(modelStatuses),
  definition: modelDefinition,
  notes: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type ScoringModelView = z.infer<typeof scoringModel>;
export const scoringModelList = z.object({ items: z.array(scoringModel) });

export const createModelBody = z.strictObject({
  name: z.string().trim().min(1, "Enter a name for the model").max(200),
  definition: modelDefinition,
  notes: z.string().trim().max(4000).default(""),
});
export type CreateModelInput = z.infer<typeof createModelBody>;

export const modelIdParams = z.strictObject({ id: z.uuid("Not a valid scoring model id") });

/** Today in the UK, where the assessments are made, as YYYY-MM-DD. */
const ukToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());

const assessedOn = z.iso
  .date("Enter the assessment date as YYYY-MM-DD")
  .refine((value) => value <= ukToday(), "The assessment date cannot be in the future");

const rating = z.strictObject({
  value: z.number("Choose a value on the scale").int("Choose a value on the scale"),
  rationale: z.string().trim().max(4000, "Keep the rationale under 4,000 characters").default(""),
});
const ratings = z.record(z.string().max(40), rating);

export const createAssessmentBody = z.strictObject({
  modelId: z.uuid("Not a valid scoring model id").optional(),
  assessedOn,
  ratings,
});
export type CreateAssessmentInput = z.infer<typeof createAssessmentBody>;

export const updateAssessmentBody = z
  .strictObject({
    assessedOn: assessedOn.optional(),
    /** Replaces the whole set of ratings, as the form sends them. */
    ratings: ratings.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, "Change at least one field");
export type UpdateAssessmentInput = z.infer<typeof updateAssessmentBody>;

export const assessmentIdParams = z.strictObject({ id: z.uuid("Not a valid assessment id") });
export const ocgIdParams = z.strictObject({ id: z.uuid("Not a valid OCG id") });

const groupLevel = z.object({
  level: z.number(),
  rated: z.number().int(),
  dimensions: z.number().int(),
  inScore: z.boolean(),
});

export const assessment = z.object({
  id: z.uuid(),
  ocgId: z.uuid(),
  modelId: z.uuid(),
  modelVersion: z.number().int(),
  forceId: z.string(),
  regionId: z.string(),
  classification: z.enum(classifications),
  assessor: z.object({ id: z.uuid(), name: z.string() }),
  assessedOn: z.string(),
  status: z.enum(["draft", "final"]),
  ratings: z.record(z.string(), z.object({ value: z.number(), rationale: z.string() })),
  score: z.number(),
  band: z.string(),
  breakdown: z.object({
    groups: z.object(Object.fromEntries(dimensionGroups.map((group) => [group, groupLevel]))),
    impactUplift: z.number(),
    impact: z.number(),
    risk: z.number(),
    confidenceFactor: z.number(),
  }),
  missing: z.array(z.string()),
  finalisedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AssessmentView = z.infer<typeof assessment>;

const ratingPoint = z.object({ value: z.number(), label: z.string() }).nullable();

/** What changed since the previous final assessment, for the OCG page. */
export const assessmentChange = z.object({
  previousAssessmentId: z.uuid(),
  previousScore: z.number(),
  scoreDelta: z.number(),
  bandChange: z.object({ from: z.string(), to: z.string() }).nullable(),
  modelChanged: z.boolean(),
  changedDimensions: z.array(
    z.object({ key: z.string(), label: z.string(), from: ratingPoint, to: ratingPoint }),
  ),
});
export type AssessmentChange = z.infer<typeof assessmentChange>;

export const assessmentHistory = z.object({
  items: z.array(assessment.extend({ changes: assessmentChange.nullable() })),
});

export const priorityListQuery = z.strictObject({
  regionId: optionalFilter(z.string().max(100)),
  forceId: optionalFilter(z.string().max(100)),
  crimeType: optionalFilter(z.string().max(40)),
  band: optionalFilter(z.string().max(40)),
  compareModelId: optionalFilter(z.uuid("Not a valid scoring model id")),
  ...pageQuery,
});
export type PriorityListQuery = z.infer<typeof priorityListQuery>;

export const priorityEntry = z.object({
  /** Null for groups with no final assessment: they are listed after the ranked ones. */
  rank: z.number().int().nullable(),
  ocg: z.object({
    id: z.uuid(),
    reference: z.string(),
    name: z.string(),
    status: z.string(),
    level: z.string(),
    forceId: z.string(),
    regionId: z.string(),
    primaryCrimeType: z.string(),
    classification: z.enum(classifications),
  }),
  assessmentId: z.uuid().nullable(),
  assessedOn: z.string().nullable(),
  score: z.number().nullable(),
  band: z.string().nullable(),
  modelVersion: z.number().int().nullable(),
  /** The rest are null unless compareModelId was given. */
  rankUnderComparison: z.number().int().nullable(),
  scoreUnderComparison: z.number().nullable(),
  bandUnderComparison: z.string().nullable(),
  /** Places moved up (positive) or down (negative) under the comparison model. */
  movement: z.number().int().nullable(),
  /** Dimensions of the comparison model the latest assessment did not rate: its score there is provisional. */
  missing: z.array(z.string()),
});
export type PriorityEntry = z.infer<typeof priorityEntry>;

export const priorityList = z.object({
  items: z.array(priorityEntry),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  comparisonModel: z
    .object({ id: z.uuid(), version: z.number().int(), name: z.string(), status: z.enum(modelStatuses) })
    .nullable(),
});
