import { z } from "zod";
import { classifications } from "#src/auth/policy.ts";
import { optionalFilter, pageOf, pageQuery } from "#src/lib/paging.ts";
import { parseFinancialYearLabel } from "#src/lib/periods.ts";
import { costCategories, fundingSources } from "./vocabulary.ts";

export const idName = z.object({ id: z.string(), name: z.string() });

export const financialYear = z.string("Enter the financial year, like 2018/19").refine((label) => {
  try {
    parseFinancialYearLabel(label);
    return true;
  } catch {
    return false;
  }
}, "Enter the financial year like 2018/19 (1 April 2018 to 31 March 2019)");

export const pence = z
  .number("Enter the amount in pence, a whole number")
  .int("Enter the amount in whole pence (£1,234.50 is 123450)")
  .min(0, "The amount cannot be negative");

const shareBasisPoints = z
  .number("Enter the share in basis points (57% is 5700)")
  .int("Enter the share in whole basis points (57% is 5700; 0.01% is the smallest step)")
  .min(1, "A share must be more than 0%")
  .max(10_000, "A share cannot be more than 100% (10000 basis points)");

export const text = (max: number, empty: string) =>
  z.string().trim().min(1, empty).max(max, `Use ${max} characters or fewer`);
export const notes = z.string().trim().max(4000, "Use 4000 characters or fewer");
export const organisationId = (empty: string) => z.string().trim().min(1, empty).max(100);

// --- Formulas ---

export const formulaPartInput = z
  .strictObject({
    partyOrganisationId: organisationId("Choose the party").optional(),
    nestedFormulaId: z.uuid("Not a valid formula id").optional(),
    shareBasisPoints,
  })
  .refine(
    (part) => (part.partyOrganisationId === undefined) !== (part.nestedFormulaId === undefined),
    "Give each part either a party or a nested formula, not both",
  );
export type FormulaPartInput = z.infer<typeof formulaPartInput>;

const parts = z
  .array(formulaPartInput)
  .min(1, "A formula needs at least one part")
  .max(50, "Use 50 parts or fewer");

export const createFormulaBody = z.strictObject({
  name: text(200, "Enter the formula's name"),
  scopeDescription: text(200, "Say what the formula covers, e.g. West Midlands region"),
  ownerOrganisationId: organisationId("Choose who keeps the formula"),
  financialYear,
  decisionReference: text(200, "Enter the decision that set the shares, e.g. ROCU Executive Board 2018-03"),
  notes: notes.default(""),
  parts,
  classification: z.enum(classifications, "Choose a classification").default("OFFICIAL"),
});
export type CreateFormulaInput = z.infer<typeof createFormulaBody>;

export const createFormulaVersionBody = z.strictObject({
  financialYear,
  decisionReference: createFormulaBody.shape.decisionReference,
  notes: notes.default(""),
  /** Left out: the shares of the version in effect that year carry forward unchanged. */
  parts: parts.optional(),
});
export type CreateFormulaVersionInput = z.infer<typeof createFormulaVersionBody>;

export const formulaPart = z.object({
  position: z.number().int(),
  shareBasisPoints: z.number().int(),
  /** "57%" */
  share: z.string(),
  party: idName.nullable(),
  nestedFormula: idName.nullable(),
});

export const formulaVersion = z.object({
  id: z.uuid(),
  financialYear: z.string(),
  decisionReference: z.string(),
  notes: z.string(),
  parts: z.array(formulaPart),
  createdAt: z.string(),
});

export const formula = z.object({
  id: z.uuid(),
  name: z.string(),
  scopeDescription: z.string(),
  owner: idName,
  forceId: z.string().nullable(),
  regionId: z.string().nullable(),
  /** Oldest first: each applies from its financial year until the next. */
  versions: z.array(formulaVersion),
  classification: z.enum(classifications),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FormulaView = z.infer<typeof formula>;

export const formulaSorts = ["name", "-name", "updatedAt", "-updatedAt"] as const;

export const listFormulasQuery = z.strictObject({
  q: optionalFilter(z.string().max(200)),
  ownerOrganisationId: optionalFilter(z.string().max(100)),
  /** Formulas with a version in effect in this year. */
  financialYear: optionalFilter(financialYear),
  sort: z.enum(formulaSorts).default("name"),
  ...pageQuery,
});
export type ListFormulasQuery = z.infer<typeof listFormulasQuery>;

export const formulaPage = pageOf(formula);
export const formulaIdParams = z.strictObject({ id: z.uuid("Not a valid formula id") });

export const splitBody = z.strictObject({
  amountPence: z
    .number("Enter the amount in pence, a whole number")
    .int("Enter the amount in whole pence (£1,234.50 is 123450)"),
  /** The year whose shares apply; by default the current financial year. */
  financialYear: financialYear.optional(),
});
export type SplitInput = z.infer<typeof splitBody>;

export const split = z.object({
  formula: idName,
  financialYear: z.string(),
  /** The version whose shares were used: the latest decided for that year or before. */
  versionFinancialYear: z.string(),
  decisionReference: z.string(),
  amountPence: z.number().int(),
  amount: z.string(),
  /** One line per party reached, in the formula's order; nested formulas split in place. */
  parts: z.array(
    z.object({
      party: idName,
      amountPence: z.number().int(),
      amount: z.string(),
      /** Nested formulas the money passed through, outermost first. */
      via: z.array(idName),
    }),
  ),
});
export type SplitView = z.infer<typeof split>;

// --- Streams ---

const streamAmountInput = z.strictObject({ financialYear, amountPence: pence });

const matchFundingInput = z.strictObject({
  shareBasisPoints,
  category: z.enum(costCategories, "Choose the cost category the match funding pays towards"),
  condition: text(500, "Say which costs qualify, e.g. posts dedicated to cyber-dependent crime"),
});

const streamFields = {
  source: z.enum(fundingSources, "Choose where the money comes from"),
  name: text(200, "Enter the stream's name"),
  recipientOrganisationId: organisationId("Choose who receives the money"),
  decisionReference: z.string().trim().max(200, "Use 200 characters or fewer"),
  amounts: z
    .array(streamAmountInput)
    .min(1, "Enter the amount for at least one financial year")
    .max(20, "Use 20 financial years or fewer"),
  /** Empty: the money may pay for anything. */
  allowedCategories: z.array(z.enum(costCategories, "Choose cost categories from the list")).max(12),
  matchFunding: matchFundingInput.nullable(),
  carriesOver: z.boolean(),
  notes,
  classification: z.enum(classifications, "Choose a classification"),
};

export const createStreamBody = z.strictObject({
  ...streamFields,
  decisionReference: streamFields.decisionReference.default(""),
  allowedCategories: streamFields.allowedCategories.default([]),
  matchFunding: streamFields.matchFunding.default(null),
  // DOMAIN.md: "The funding will not be carried over into the next financial year".
  carriesOver: streamFields.carriesOver.default(false),
  notes: notes.default(""),
  classification: streamFields.classification.default("OFFICIAL"),
});
export type CreateStreamInput = z.infer<typeof createStreamBody>;

/** No defaults, so that a PATCH changes only what it names; `amounts` replaces every year's. */
export const updateStreamBody = z
  .strictObject(streamFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, "Change at least one field");
export type UpdateStreamInput = z.infer<typeof updateStreamBody>;

export const stream = z.object({
  id: z.uuid(),
  source: z.enum(fundingSources),
  sourceName: z.string(),
  name: z.string(),
  recipient: idName,
  forceId: z.string().nullable(),
  regionId: z.string().nullable(),
  decisionReference: z.string(),
  /** Oldest year first. */
  amounts: z.array(
    z.object({ financialYear: z.string(), amountPence: z.number().int(), amount: z.string() }),
  ),
  totalPence: z.number().int(),
  allowedCategories: z.array(z.enum(costCategories)),
  matchFunding: z
    .object({
      shareBasisPoints: z.number().int(),
      share: z.string(),
      category: z.enum(costCategories),
      condition: z.string(),
    })
    .nullable(),
  carriesOver: z.boolean(),
  notes: z.string(),
  classification: z.enum(classifications),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StreamView = z.infer<typeof stream>;

export const streamSorts = ["name", "-name", "source", "-source", "updatedAt", "-updatedAt"] as const;

export const listStreamsQuery = z.strictObject({
  q: optionalFilter(z.string().max(200)),
  source: optionalFilter(z.enum(fundingSources)),
  recipientOrganisationId: optionalFilter(z.string().max(100)),
  /** Streams with money in this year; the sum then counts that year only. */
  financialYear: optionalFilter(financialYear),
  decisionReference: optionalFilter(z.string().max(200)),
  sort: z.enum(streamSorts).default("name"),
  ...pageQuery,
});
export type ListStreamsQuery = z.infer<typeof listStreamsQuery>;

export const streamPage = pageOf(stream).extend({
  /** All the listed streams' money (every page), in the filtered year or in all years. */
  sumPence: z.number().int(),
  sum: z.string(),
});
export const streamIdParams = z.strictObject({ id: z.uuid("Not a valid funding stream id") });
