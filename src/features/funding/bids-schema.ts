import { z } from "zod";
import { classifications } from "#src/auth/policy.ts";
import { planStrands } from "#src/db/schema.ts";
import { optionalFilter, pageOf, pageQuery } from "#src/lib/paging.ts";
import { financialYear, idName, notes, organisationId, pence, text } from "./schema.ts";
import { bidStatuses, costCategories, crimeAreas, decisionOutcomes } from "./vocabulary.ts";

const positivePence = pence.min(1, "Enter an amount of at least 1p");

const moneyLine = z.object({ financialYear: z.string(), amountPence: z.number().int(), amount: z.string() });

// --- Bids ---

const bidCostInput = z.strictObject({
  financialYear,
  category: z.enum(costCategories, "Choose the cost category from the list"),
  amountPence: positivePence,
});

const bidFields = {
  title: text(200, "Enter the bid's title"),
  purpose: text(4000, "Say what the money is for and what it will achieve"),
  strand: z.enum(planStrands, "Choose the 4P strand: pursue, prevent, protect or prepare"),
  crimeArea: z.enum(crimeAreas, "Choose the crime area from the list"),
  forceAreas: z
    .array(z.string().trim().min(1, "Choose a force area").max(100))
    .min(1, "Choose the force areas the bid covers")
    .max(50, "Use 50 force areas or fewer"),
  costs: z.array(bidCostInput).min(1, "Enter at least one cost").max(200, "Use 200 cost lines or fewer"),
  classification: z.enum(classifications, "Choose a classification"),
};

export const createBidBody = z.strictObject({
  ...bidFields,
  classification: bidFields.classification.default("OFFICIAL"),
});
export type CreateBidInput = z.infer<typeof createBidBody>;

/** Only what it names changes; `costs`, when given, replaces every line. */
export const updateBidBody = z
  .strictObject(bidFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, "Change at least one field");
export type UpdateBidInput = z.infer<typeof updateBidBody>;

const reason = z.string().trim().max(4000, "Use 4000 characters or fewer").optional();

export const submitBidBody = z.strictObject({
  /** Needed when sending back a bid the board asked about: what changed. */
  reason,
});
export type SubmitBidInput = z.infer<typeof submitBidBody>;

export const reviewStatuses = [
  "under-board-review",
  "recommended",
  "more-information-requested",
  "not-recommended",
] as const;
export const reviewBidBody = z.strictObject({
  status: z.enum(reviewStatuses, "Choose the board's outcome"),
  reason,
});
export type ReviewBidInput = z.infer<typeof reviewBidBody>;

export const financeStatuses = ["funded", "closed"] as const;
export const bidStatusBody = z.strictObject({
  status: z.enum(financeStatuses, "Choose funded or closed"),
  reason,
});
export type BidStatusInput = z.infer<typeof bidStatusBody>;

export const bid = z.object({
  id: z.uuid(),
  title: z.string(),
  purpose: z.string(),
  applicant: idName.extend({ kind: z.string() }),
  forceId: z.string().nullable(),
  regionId: z.string().nullable(),
  strand: z.enum(planStrands),
  crimeArea: z.enum(crimeAreas),
  forceAreas: z.array(idName),
  status: z.enum(bidStatuses),
  costs: z.array(moneyLine.extend({ category: z.enum(costCategories) })),
  /** The costs added up per financial year, oldest first. */
  costsByYear: z.array(moneyLine),
  totalPence: z.number().int(),
  total: z.string(),
  /** The formula that split a bid across several force areas (null when one area pays it all). */
  formula: idName.nullable(),
  /** What each commissioner's office is asked to pay, set when the bid is submitted. */
  shares: z.array(moneyLine.extend({ decisionMaker: idName })),
  decisions: z.array(
    z.object({
      id: z.uuid(),
      reference: z.string(),
      decisionMaker: idName,
      outcome: z.enum(decisionOutcomes),
    }),
  ),
  /** Every step: who, when and why, oldest first. */
  history: z.array(
    z.object({
      action: z.string(),
      fromStatus: z.enum(bidStatuses).nullable(),
      toStatus: z.enum(bidStatuses),
      reason: z.string(),
      actor: idName,
      occurredAt: z.string(),
    }),
  ),
  classification: z.enum(classifications),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BidView = z.infer<typeof bid>;

export const bidSorts = ["title", "-title", "status", "-status", "updatedAt", "-updatedAt"] as const;

export const listBidsQuery = z.strictObject({
  q: optionalFilter(z.string().max(200)),
  status: optionalFilter(z.enum(bidStatuses)),
  applicantOrganisationId: optionalFilter(z.string().max(100)),
  crimeArea: optionalFilter(z.enum(crimeAreas)),
  strand: optionalFilter(z.enum(planStrands)),
  /** Bids with costs in this year. */
  financialYear: optionalFilter(financialYear),
  sort: z.enum(bidSorts).default("-updatedAt"),
  ...pageQuery,
});
export type ListBidsQuery = z.infer<typeof listBidsQuery>;

export const bidPage = pageOf(bid);
export const bidIdParams = z.strictObject({ id: z.uuid("Not a valid bid id") });

// --- Decisions ---

export const createDecisionBody = z.strictObject({
  reference: text(100, "Enter the decision's reference, e.g. PCD 510"),
  decisionMakerOrganisationId: organisationId("Choose the commissioner's office that decided"),
  decidedOn: z.iso.date("Enter the decision date as a real date, like 2018-06-14"),
  outcome: z.enum(decisionOutcomes, "Choose approved, approved with conditions or declined"),
  /** The money given per financial year, each line optionally from a funding stream; none when declined. */
  amounts: z
    .array(
      z.strictObject({
        financialYear,
        amountPence: positivePence,
        fundingStreamId: z.uuid("Not a valid funding stream id").optional(),
      }),
    )
    .max(50, "Use 50 amount lines or fewer")
    .default([]),
  conditions: notes.default(""),
  publishedSummary: text(4000, "Enter the summary the commissioner publishes"),
  /** The budget pot the approval draws on, if any. */
  potId: z.uuid("Not a valid pot id").optional(),
});
export type CreateDecisionInput = z.infer<typeof createDecisionBody>;

export const decision = z.object({
  id: z.uuid(),
  reference: z.string(),
  bid: z.object({ id: z.uuid(), title: z.string() }),
  decisionMaker: idName,
  forceId: z.string().nullable(),
  regionId: z.string().nullable(),
  decidedOn: z.string(),
  outcome: z.enum(decisionOutcomes),
  amounts: z.array(moneyLine.extend({ fundingStream: idName.nullable() })),
  totalPence: z.number().int(),
  total: z.string(),
  conditions: z.string(),
  publishedSummary: z.string(),
  pot: idName.nullable(),
  classification: z.enum(classifications),
  createdAt: z.string(),
});
export type DecisionView = z.infer<typeof decision>;

export const decisionSorts = ["decidedOn", "-decidedOn", "reference", "-reference"] as const;

export const listDecisionsQuery = z.strictObject({
  q: optionalFilter(z.string().max(200)),
  bidId: optionalFilter(z.uuid()),
  decisionMakerOrganisationId: optionalFilter(z.string().max(100)),
  potId: optionalFilter(z.uuid()),
  outcome: optionalFilter(z.enum(decisionOutcomes)),
  /** Decisions giving money in this year; the sum then counts that year only. */
  financialYear: optionalFilter(financialYear),
  sort: z.enum(decisionSorts).default("-decidedOn"),
  ...pageQuery,
});
export type ListDecisionsQuery = z.infer<typeof listDecisionsQuery>;

export const decisionPage = pageOf(decision).extend({ sumPence: z.number().int(), sum: z.string() });
export const decisionIdParams = z.strictObject({ id: z.uuid("Not a valid decision id") });

// --- Pots ---

export const createPotBody = z.strictObject({
  name: text(200, "Enter the pot's name"),
  /** Empty: the pot pays for any crime area. */
  crimeAreas: z.array(z.enum(crimeAreas, "Choose crime areas from the list")).max(20).default([]),
  contributorOrganisationIds: z
    .array(organisationId("Choose a contributor"))
    .min(1, "Choose who sets the money aside")
    .max(20, "Use 20 contributors or fewer"),
  amounts: z
    .array(z.strictObject({ financialYear, amountPence: pence }))
    .min(1, "Enter the amount for at least one financial year")
    .max(20, "Use 20 financial years or fewer"),
  decisionReference: z.string().trim().max(200, "Use 200 characters or fewer").default(""),
  notes: notes.default(""),
  classification: z.enum(classifications, "Choose a classification").default("OFFICIAL"),
});
export type CreatePotInput = z.infer<typeof createPotBody>;

/** A pot's name, references and money change; its contributors and crime areas, which past
 * decisions relied on, do not. The amounts given replace the pot's amounts, year by year. */
export const updatePotBody = z.strictObject({
  name: createPotBody.shape.name.optional(),
  amounts: createPotBody.shape.amounts.optional(),
  decisionReference: z.string().trim().max(200, "Use 200 characters or fewer").optional(),
  notes: notes.optional(),
});
export type UpdatePotInput = z.infer<typeof updatePotBody>;

export const pot = z.object({
  id: z.uuid(),
  name: z.string(),
  crimeAreas: z.array(z.enum(crimeAreas)),
  contributors: z.array(idName),
  forceId: z.string().nullable(),
  regionId: z.string().nullable(),
  /** Each year: set aside, committed by approvals, and what is left. */
  amounts: z.array(
    moneyLine.extend({
      committedPence: z.number().int(),
      committed: z.string(),
      remainingPence: z.number().int(),
      remaining: z.string(),
    }),
  ),
  decisionReference: z.string(),
  notes: z.string(),
  classification: z.enum(classifications),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PotView = z.infer<typeof pot>;

export const potSorts = ["name", "-name", "updatedAt", "-updatedAt"] as const;

export const listPotsQuery = z.strictObject({
  q: optionalFilter(z.string().max(200)),
  crimeArea: optionalFilter(z.enum(crimeAreas)),
  /** Pots with money set aside in this year. */
  financialYear: optionalFilter(financialYear),
  sort: z.enum(potSorts).default("name"),
  ...pageQuery,
});
export type ListPotsQuery = z.infer<typeof listPotsQuery>;

export const potPage = pageOf(pot);
export const potIdParams = z.strictObject({ id: z.uuid("Not a valid pot id") });
