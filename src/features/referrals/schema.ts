import { z } from "zod";
import { classifications } from "#src/auth/policy.ts";
import {
  allocationUnits,
  contactPreferences,
  nfibCategories,
  priorityBandValues,
  referralSources,
  referralStatuses,
  triageOutcomes,
  victimAgeBands,
  victimTypes,
  vulnerabilities,
} from "#src/db/schema.ts";
import { optionalFilter, pageQuery } from "#src/lib/paging.ts";
import { identifierKinds } from "./identifiers.ts";
import { triageFactors } from "./priority.ts";

const idName = z.object({ id: z.string(), name: z.string() });
const reason = z.object({ factor: z.enum(triageFactors), label: z.string(), points: z.number() });
const clock = z.object({
  dueAt: z.string(),
  remainingMs: z.number(),
  overdue: z.boolean(),
  fractionUsed: z.number(),
});

/** A referral as a list row: enough to triage from, without the victim's contact details. */
export const referralSummary = z.object({
  id: z.uuid(),
  crimeReference: z.string(),
  force: idName,
  reportedOn: z.string(),
  nfib: z.object({ code: z.string(), name: z.string(), category: z.enum(nfibCategories) }),
  victimType: z.enum(victimTypes),
  victimAgeBand: z.enum(victimAgeBands),
  vulnerability: z.enum(vulnerabilities),
  lossPence: z.number().int(),
  repeatVictim: z.boolean(),
  priority: z.object({ score: z.number(), band: z.enum(priorityBandValues), reasons: z.array(reason) }),
  status: z.enum(referralStatuses),
  allocatedUnit: z.enum(allocationUnits).nullable(),
  receivedAt: z.string(),
  /** The triage clock; null once triaged. */
  clock: clock.nullable(),
  version: z.number().int(),
  classification: z.enum(classifications),
});
export type ReferralSummaryView = z.infer<typeof referralSummary>;

export const suspectIdentifierView = z.object({
  kind: z.enum(identifierKinds),
  value: z.string(),
  /** The form linking compares; null when the identifier is not usable (it did not normalise). */
  normalised: z.string().nullable(),
  /** Other referrals the reader may see that share it. */
  linkedCount: z.number().int(),
  linked: z.array(
    z.object({ id: z.uuid(), crimeReference: z.string(), reportedOn: z.string(), force: idName }),
  ),
});

export const referralDecisionView = z.object({
  kind: z.enum(["triage", "reallocation"]),
  outcome: z.enum(triageOutcomes),
  allocatedUnit: z.enum(allocationUnits).nullable(),
  reason: z.string(),
  decidedBy: idName,
  decidedAt: z.string(),
});

export const referralVersionView = z.object({
  version: z.number().int(),
  receivedAt: z.string(),
  supersededAt: z.string(),
  /** What the next version changed: {field: {before, after}}. */
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
});

export const referral = referralSummary.extend({
  source: z.enum(referralSources),
  regionId: z.string(),
  offenceFrom: z.string().nullable(),
  offenceTo: z.string().nullable(),
  summary: z.string(),
  victim: z.object({
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    contactPreference: z.enum(contactPreferences),
    vulnerabilityIndicators: z.array(z.string()),
  }),
  harmOngoing: z.boolean(),
  suspectIdentifiers: z.array(suspectIdentifierView),
  versionReceivedAt: z.string(),
  decisionReason: z.string().nullable(),
  decidedBy: idName.nullable(),
  decidedAt: z.string().nullable(),
  decisions: z.array(referralDecisionView),
  versions: z.array(referralVersionView),
  contactDueAt: z.string().nullable(),
  contactedAt: z.string().nullable(),
  /** What the reader may do now. */
  canTriage: z.boolean(),
  canReallocate: z.boolean(),
});
export type ReferralView = z.infer<typeof referral>;

export const intakeResult = z.object({
  outcome: z.enum(["created", "versioned", "unchanged"]),
  referral,
});

/** "-priority" (the queue's order) is highest first; every sort also goes the other way. */
export const referralSorts = [
  "-priority",
  "priority",
  "-received",
  "received",
  "-reported",
  "reported",
  "-loss",
  "loss",
  "due",
  "-due",
] as const;

const dateFilter = optionalFilter(z.iso.date("Enter the date as YYYY-MM-DD"));
const booleanFilter = optionalFilter(z.enum(["true", "false"]));

/** Every filter the dashboard links with, so a figure opens the list of exactly its records. */
export const listReferralsQuery = z.strictObject({
  status: optionalFilter(z.enum(referralStatuses)),
  band: optionalFilter(z.enum(priorityBandValues)),
  nfibCode: optionalFilter(z.string().max(10)),
  category: optionalFilter(z.enum(nfibCategories)),
  victimType: optionalFilter(z.enum(victimTypes)),
  victimAgeBand: optionalFilter(z.enum(victimAgeBands)),
  vulnerability: optionalFilter(z.enum(vulnerabilities)),
  allocatedUnit: optionalFilter(z.enum(allocationUnits)),
  contactTarget: optionalFilter(z.enum(["met", "missed", "pending"])),
  forceId: optionalFilter(z.string().max(100)),
  month: optionalFilter(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Enter the month as YYYY-MM")),
  reportedFrom: dateFilter,
  reportedTo: dateFilter,
  overdue: booleanFilter,
  repeatVictim: booleanFilter,
  /** A suspect identifier as "kind:value" (e.g. crypto-wallet:bc1q…), normalised before matching. */
  identifier: optionalFilter(z.string().max(320)),
  /** The start of a crime reference. */
  q: optionalFilter(z.string().trim().max(40)),
  sort: z.enum(referralSorts).default("-priority"),
  ...pageQuery,
});
export type ListReferralsQuery = z.infer<typeof listReferralsQuery>;

/** Counting a million matching rows costs more than the page: totals stop at this and say so. */
export const countLimit = 1_000;

export const referralPage = z.object({
  items: z.array(referralSummary),
  /** Exact up to countLimit; at countLimit, "at least". */
  total: z.number().int(),
  totalIsAtLeast: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ReferralPageView = z.infer<typeof referralPage>;

export const referralIdParams = z.strictObject({ id: z.uuid("Not a valid referral id") });

const decisionFields = {
  outcome: z.enum(triageOutcomes, "Choose allocate, victim care only or no further action"),
  allocatedUnit: z.enum(allocationUnits, "Choose the unit to allocate to").nullable().default(null),
  reason: z
    .string()
    .trim()
    .min(1, "Give the reason for the decision")
    .max(2000, "Use 2,000 characters or fewer"),
};
const unitMatchesOutcome = (body: { outcome: string; allocatedUnit: string | null }) =>
  (body.outcome === "allocated") === (body.allocatedUnit !== null);
const unitMessage = {
  message: "Choose a unit when allocating, and only then",
  path: ["allocatedUnit"],
};

export const triageDecisionBody = z.strictObject(decisionFields).refine(unitMatchesOutcome, unitMessage);
export type TriageDecisionInput = z.infer<typeof triageDecisionBody>;
