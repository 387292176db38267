import { z } from "zod";
import { classifications } from "#src/auth/policy.ts";
import { cyberChoicesInterventions, cyberChoicesSources } from "#src/db/schema.ts";
import { optionalFilter, pageOf, pageQuery } from "#src/lib/paging.ts";

export const cyberChoicesStatuses = ["open", "closed"] as const;

const minimal = "Cyber Choices keeps minimal personal data";

/**
 * Initials or a pseudonym: an e-mail address or a phone number would identify the person, so
 * they are refused with the reason.
 */
export const subjectLabel = z
  .string()
  .trim()
  .min(1, "Enter the person's initials or a pseudonym")
  .max(40, `Use 40 characters or fewer: initials or a pseudonym, as ${minimal}`)
  .refine((label) => !label.includes("@"), `Use initials or a pseudonym, not an e-mail address: ${minimal}`)
  .refine(
    // Six or more digits, however spaced, reads as a phone number (or another identifying number).
    (label) => (label.match(/\d/g) ?? []).length < 6,
    `Use initials or a pseudonym, not a phone number or other identifying number: ${minimal}`,
  );

const day = (what: string) => z.iso.date(`Enter ${what} as a real date, like 2026-03-31`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use ${max.toLocaleString("en-GB")} characters or fewer`)
    .transform((value) => (value === "" ? null : value))
    .nullable();

const fields = {
  forceId: z.string().trim().min(1, "Choose the force area").max(100),
  referredOn: day("the date referred"),
  source: z.enum(cyberChoicesSources, "Choose who made the referral: school, parent, police or other"),
  subjectLabel,
  age: z
    .number("Enter the person's age in years")
    .int("Enter the age in whole years")
    .min(8, "Cyber Choices works with people aged 8 to 30")
    .max(30, "Cyber Choices works with people aged 8 to 30"),
  concerns: z.string().trim().min(1, "Describe the concerns").max(4000, "Use 4,000 characters or fewer"),
  safeguardingChecked: z.boolean("Say whether safeguarding checks are done"),
  consentObtained: z.boolean("Say whether consent was obtained"),
  interventions: z
    .array(z.enum(cyberChoicesInterventions, "Choose interventions from the list"))
    .max(cyberChoicesInterventions.length),
  interventionPlan: optionalText(4000),
  reviewOn: day("the review date"),
  classification: z.enum(classifications, "Choose a classification"),
};

export const createCyberChoicesBody = z.strictObject({
  ...fields,
  interventions: fields.interventions.default([]),
  interventionPlan: fields.interventionPlan.default(null),
  classification: fields.classification.default("OFFICIAL-SENSITIVE"),
});
export type CreateCyberChoicesInput = z.infer<typeof createCyberChoicesBody>;

/** Any of the fields, and closing (status closed with the outcome) or reopening. */
export const updateCyberChoicesBody = z
  .strictObject({
    ...fields,
    status: z.enum(cyberChoicesStatuses, "Choose open or closed"),
    outcome: optionalText(4000),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, "Change at least one field");
export type UpdateCyberChoicesInput = z.infer<typeof updateCyberChoicesBody>;

const idName = z.object({ id: z.string(), name: z.string() });

/** The list shows no concerns or plans: the fewest personal details that let the team work. */
export const cyberChoicesSummary = z.object({
  id: z.uuid(),
  reference: z.string(),
  force: idName,
  referredOn: z.string(),
  source: z.enum(cyberChoicesSources),
  subjectLabel: z.string(),
  age: z.number().int(),
  status: z.enum(cyberChoicesStatuses),
  reviewOn: z.string(),
  /** Open and its review date has come. */
  reviewDue: z.boolean(),
  classification: z.enum(classifications),
});
export type CyberChoicesSummaryView = z.infer<typeof cyberChoicesSummary>;

export const cyberChoicesRecord = cyberChoicesSummary.extend({
  regionId: z.string(),
  concerns: z.string(),
  safeguardingChecked: z.boolean(),
  consentObtained: z.boolean(),
  interventions: z.array(z.enum(cyberChoicesInterventions)),
  interventionPlan: z.string().nullable(),
  outcome: z.string().nullable(),
  createdBy: idName,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CyberChoicesView = z.infer<typeof cyberChoicesRecord>;

export const cyberChoicesSorts = [
  "reviewOn",
  "-reviewOn",
  "referredOn",
  "-referredOn",
  "reference",
  "-reference",
] as const;

export const listCyberChoicesQuery = z.strictObject({
  status: optionalFilter(z.enum(cyberChoicesStatuses)),
  /** "true": open referrals whose review date has come. */
  reviewDue: optionalFilter(z.enum(["true", "false"])),
  source: optionalFilter(z.enum(cyberChoicesSources)),
  forceId: optionalFilter(z.string().max(100)),
  sort: z.enum(cyberChoicesSorts).default("reviewOn"),
  ...pageQuery,
});
export type ListCyberChoicesQuery = z.infer<typeof listCyberChoicesQuery>;

export const cyberChoicesPage = pageOf(cyberChoicesSummary);
export const cyberChoicesIdParams = z.strictObject({ id: z.uuid("Not a valid Cyber Choices referral id") });
