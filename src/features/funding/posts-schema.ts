import { z } from "zod";
import { classifications } from "#src/auth/policy.ts";
import { optionalFilter, pageOf, pageQuery } from "#src/lib/paging.ts";
import { financialYear, idName, notes, organisationId, pence, text } from "./schema.ts";

// Staffing posts and the contributions reconciliation (docs/funding.md, "Staffing contributions").

/** Where a post's money comes from: the force's own contribution, or a funding stream. */
export const postFundingSources = ["force-contribution", "stream"] as const;
export type PostFundingSource = (typeof postFundingSources)[number];

const date = (what: string) => z.iso.date(`Enter the ${what} as a real date, like 2018-04-01`);

const postFields = {
  roleTitle: text(200, "Enter the role title, e.g. Detective Sergeant, cyber crime"),
  /** The force that provides and pays the post. */
  organisationId: organisationId("Choose the force that provides the post"),
  /** The cost-sharing formula the post contributes to (the regional ROCU formula). */
  formulaId: z.uuid("Choose the formula the post contributes to"),
  /** Null: paid from the force's own contribution, so it counts towards the force's share. */
  fundingStreamId: z.uuid("Choose the funding stream from the list").nullable(),
  /** Full-time equivalent in basis points: 1 FTE is 10000, 0.5 FTE is 5000. */
  fteBasisPoints: z
    .number("Enter the full-time equivalent in basis points (0.5 FTE is 5000)")
    .int("Enter the full-time equivalent to at most 4 decimal places (0.5 FTE is 5000)")
    .min(1, "The full-time equivalent must be more than 0")
    .max(10_000, "The full-time equivalent cannot be more than 1"),
  annualCostPence: pence.max(Number.MAX_SAFE_INTEGER, "The amount is too large"),
  startsOn: date("start date"),
  /** The last day in post, inclusive; null while it continues. */
  endsOn: date("end date").nullable(),
  notes,
  classification: z.enum(classifications, "Choose a classification"),
};

export const createPostBody = z.strictObject({
  ...postFields,
  fundingStreamId: postFields.fundingStreamId.default(null),
  endsOn: postFields.endsOn.default(null),
  notes: notes.default(""),
  classification: postFields.classification.default("OFFICIAL"),
});
export type CreatePostInput = z.infer<typeof createPostBody>;

/** No defaults, so that a PATCH changes only what it names. */
export const updatePostBody = z
  .strictObject(postFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, "Change at least one field");
export type UpdatePostInput = z.infer<typeof updatePostBody>;

const money = { pence: z.number().int(), formatted: z.string() };

export const post = z.object({
  id: z.uuid(),
  roleTitle: z.string(),
  organisation: idName,
  forceId: z.string().nullable(),
  regionId: z.string().nullable(),
  formula: idName,
  fundingSource: z.enum(postFundingSources),
  fundingStream: idName.nullable(),
  fteBasisPoints: z.number().int(),
  /** "0.5" */
  fte: z.string(),
  annualCostPence: money.pence,
  annualCost: money.formatted,
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  /** The cost in each financial year the post is filled, up to its end (or the current year). */
  years: z.array(
    z.object({
      financialYear: z.string(),
      daysInPost: z.number().int(),
      daysInYear: z.number().int(),
      costPence: money.pence,
      cost: money.formatted,
    }),
  ),
  notes: z.string(),
  classification: z.enum(classifications),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PostView = z.infer<typeof post>;

export const postSorts = [
  "roleTitle",
  "-roleTitle",
  "organisation",
  "-organisation",
  "annualCost",
  "-annualCost",
  "startsOn",
  "-startsOn",
] as const;
export type PostSort = (typeof postSorts)[number];

export const listPostsQuery = z.strictObject({
  q: optionalFilter(z.string().max(200)),
  organisationId: optionalFilter(z.string().max(100)),
  formulaId: optionalFilter(z.uuid("Not a valid formula id")),
  /** Posts filled at some time in the year; the list then gives each post's cost in that year. */
  financialYear: optionalFilter(financialYear),
  fundingSource: optionalFilter(z.enum(postFundingSources, "Choose force-contribution or stream")),
  fundingStreamId: optionalFilter(z.uuid("Not a valid funding stream id")),
  sort: z.enum(postSorts).default("organisation"),
  ...pageQuery,
});
export type ListPostsQuery = z.infer<typeof listPostsQuery>;

export const postPage = pageOf(post).extend({
  /** Over every listed post (all pages). */
  totals: z.object({
    fteBasisPoints: z.number().int(),
    fte: z.string(),
    annualCostPence: money.pence,
    annualCost: money.formatted,
    /** In the filtered financial year, pro rata by days in post; null without a year. */
    yearCostPence: money.pence.nullable(),
    yearCost: money.formatted.nullable(),
  }),
});
export const postIdParams = z.strictObject({ id: z.uuid("Not a valid post id") });

// --- Settlement payments (decision 009) ---

export const createSettlementBody = z.strictObject({
  formulaId: z.uuid("Choose the formula"),
  financialYear,
  fromOrganisationId: organisationId("Choose the force that paid"),
  toOrganisationId: organisationId("Choose the force that was paid"),
  amountPence: pence.min(1, "Enter an amount of at least 1p"),
  paidOn: date("date of the payment"),
  reference: text(200, "Enter the payment's reference, e.g. the invoice or remittance number"),
  note: notes.default(""),
});
export type CreateSettlementInput = z.infer<typeof createSettlementBody>;

export const settlement = z.object({
  id: z.uuid(),
  formula: idName,
  financialYear: z.string(),
  from: idName,
  to: idName,
  amountPence: money.pence,
  amount: money.formatted,
  paidOn: z.string(),
  reference: z.string(),
  note: z.string(),
  /** "Staffordshire Police paid West Midlands Police £9,456.00 on 30 April 2019" */
  sentence: z.string(),
  recordedAt: z.string(),
});
export type SettlementView = z.infer<typeof settlement>;

export const reconciliationFormats = ["json", "csv", "xlsx"] as const;

export const reconciliationQuery = z.strictObject({
  formulaId: z.uuid("Choose the formula"),
  financialYear,
  format: z.enum(reconciliationFormats, "Choose a format: json, csv or xlsx").default("json"),
});
export type ReconciliationQuery = z.infer<typeof reconciliationQuery>;

export const reconciliation = z.object({
  /** The formula, with its owner's side: finance there records payments (decision 009). */
  formula: idName.extend({
    forceId: z.string().nullable(),
    regionId: z.string().nullable(),
    classification: z.enum(classifications),
  }),
  financialYear: z.string(),
  /** The version whose shares were used: the latest decided for that year or before. */
  versionFinancialYear: z.string(),
  decisionReference: z.string(),
  /** The highest marking of the formula and the posts behind the figures. */
  classification: z.enum(classifications),
  totalPence: money.pence,
  total: money.formatted,
  rows: z.array(
    z.object({
      party: idName,
      via: z.array(idName),
      shareBasisPoints: z.number().int(),
      share: z.string(),
      /** The force-contribution posts behind the actual, filled in the year. */
      postIds: z.array(z.uuid()),
      fteBasisPoints: z.number().int(),
      fte: z.string(),
      actualPence: money.pence,
      actual: money.formatted,
      duePence: money.pence,
      due: money.formatted,
      /** Settlement payments the force made to others, and received from them, for the year. */
      paidPence: money.pence,
      paid: money.formatted,
      receivedPence: money.pence,
      received: money.formatted,
      /** Actual + paid − received − due: above zero the force is owed, below it owes. */
      balancePence: money.pence,
      balance: money.formatted,
    }),
  ),
  transfers: z.array(
    z.object({
      from: idName,
      to: idName,
      amountPence: money.pence,
      amount: money.formatted,
      /** "Staffordshire Police owes West Midlands Police £9,456.00" */
      sentence: z.string(),
    }),
  ),
  /** The settlement payments recorded for the formula and year, in the order they were paid. */
  payments: z.array(settlement),
  method: z.string(),
});
export type ReconciliationView = z.infer<typeof reconciliation>;
