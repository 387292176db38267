import { z } from "zod";
import { classifications } from "#src/auth/policy.ts";
import { outcomeKinds, safeguardedGroups, seizureCommodities } from "#src/db/schema.ts";
import { optionalFilter, pageOf, pageQuery } from "#src/lib/paging.ts";
import { periods } from "#src/lib/periods.ts";

const idName = z.object({ id: z.string(), name: z.string() });

export const outcome = z.object({
  id: z.uuid(),
  kind: z.enum(outcomeKinds),
  operationId: z.uuid(),
  /** Null when the reader may not see the operation itself. */
  operation: z.object({ id: z.uuid(), codeName: z.string() }).nullable(),
  ocgId: z.uuid(),
  /** Null when the reader may not see the OCG itself. */
  ocg: z.object({ id: z.uuid(), reference: z.string(), name: z.string() }).nullable(),
  disruptionId: z.uuid().nullable(),
  /** Null when there is none, or the reader may not see it. */
  disruption: z.object({ id: z.uuid(), reference: z.string() }).nullable(),
  occurredOn: z.string(),
  /** People; the seized amount in the commodity's unit (kg, items or £); or the order's amount in £. */
  quantity: z.number(),
  unit: z.enum(["people", "kg", "items", "pounds"]),
  commodity: z.enum(seizureCommodities).nullable(),
  offence: z.string().nullable(),
  sentenceMonths: z.number().int().nullable(),
  court: z.string().nullable(),
  safeguardedGroup: z.enum(safeguardedGroups).nullable(),
  notes: z.string(),
  force: idName,
  regionId: z.string(),
  classification: z.enum(classifications),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OutcomeView = z.infer<typeof outcome>;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use ${max} characters or fewer`)
    .transform((value) => (value === "" ? null : value))
    .nullable();

/**
 * The fields a user enters. Which of them a kind needs is decided by the kind's rules (kinds.ts),
 * checked in the service together with the links, so that every error comes back at once.
 */
const outcomeFields = {
  operationId: z.uuid("Choose the operation"),
  ocgId: z.uuid("Choose the OCG"),
  disruptionId: z.uuid("Choose a disruption from the list").nullable(),
  occurredOn: z.iso.date("Enter the date as a real date, like 2026-03-31"),
  quantity: z.number("Enter the quantity as a number").nullable(),
  commodity: z.enum(seizureCommodities, "Choose what was seized from the list").nullable(),
  offence: optionalText(200),
  sentenceMonths: z
    .number("Enter the sentence in months as a number")
    .int("Enter the sentence as a whole number of months")
    .nullable(),
  court: optionalText(200),
  safeguardedGroup: z.enum(safeguardedGroups, "Choose children or adults").nullable(),
  notes: z.string().trim().max(4000, "Use 4000 characters or fewer"),
  /** The force credited with the outcome; the operation's host force when left out. */
  forceId: z.string().trim().min(1, "Choose the force credited").max(100),
  classification: z.enum(classifications, "Choose a classification"),
};

export const createOutcomeBody = z.strictObject({
  kind: z.enum(outcomeKinds, "Choose the kind of outcome"),
  ...outcomeFields,
  disruptionId: outcomeFields.disruptionId.default(null),
  quantity: outcomeFields.quantity.default(null),
  commodity: outcomeFields.commodity.default(null),
  offence: outcomeFields.offence.default(null),
  sentenceMonths: outcomeFields.sentenceMonths.default(null),
  court: outcomeFields.court.default(null),
  safeguardedGroup: outcomeFields.safeguardedGroup.default(null),
  notes: outcomeFields.notes.default(""),
  forceId: outcomeFields.forceId.optional(),
  classification: outcomeFields.classification.default("OFFICIAL-SENSITIVE"),
});
export type CreateOutcomeInput = z.infer<typeof createOutcomeBody>;

/** The kind is fixed once recorded: to correct it, delete the entry and record it again. */
export const updateOutcomeBody = z
  .strictObject(outcomeFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, "Change at least one field");
export type UpdateOutcomeInput = z.infer<typeof updateOutcomeBody>;

export const outcomeSorts = ["occurredOn", "-occurredOn", "kind", "-kind", "quantity", "-quantity"] as const;

/** Dates in filters are inclusive: from 2026-04-01 to 2027-03-31 is the financial year 2026/27. */
const dateFilter = optionalFilter(z.iso.date("Enter the date as YYYY-MM-DD"));

export const listOutcomesQuery = z.strictObject({
  kind: optionalFilter(z.enum(outcomeKinds)),
  ocgId: optionalFilter(z.uuid("Not a valid OCG id")),
  operationId: optionalFilter(z.uuid("Not a valid operation id")),
  disruptionId: optionalFilter(z.uuid("Not a valid disruption id")),
  forceId: optionalFilter(z.string().max(100)),
  regionId: optionalFilter(z.string().max(100)),
  commodity: optionalFilter(z.enum(seizureCommodities)),
  safeguardedGroup: optionalFilter(z.enum(safeguardedGroups)),
  from: dateFilter,
  to: dateFilter,
  sort: z.enum(outcomeSorts).default("-occurredOn"),
  ...pageQuery,
});
export type ListOutcomesQuery = z.infer<typeof listOutcomesQuery>;

export const outcomePage = pageOf(outcome);
export const outcomeIdParams = z.strictObject({ id: z.uuid("Not a valid outcome id") });

export const totalsGroupings = ["none", "force", "region"] as const;

export const totalsQuery = z.strictObject({
  period: z.enum(periods, "Choose fy, quarter or month").default("fy"),
  groupBy: z.enum(totalsGroupings, "Choose none, force or region").default("none"),
  from: dateFilter,
  to: dateFilter,
  forceId: optionalFilter(z.string().max(100)),
  regionId: optionalFilter(z.string().max(100)),
  /** One OCG's outcomes, as its record page shows them. */
  ocgId: optionalFilter(z.uuid("Not a valid OCG id")),
});
export type TotalsQuery = z.infer<typeof totalsQuery>;

const money = z.object({ count: z.number().int(), amountPounds: z.number() });

/** Counts and sums only: never notes, offences or anything else a board member may not read. */
export const outcomeFigures = z.object({
  arrests: z.number().int(),
  charges: z.number().int(),
  convictions: z.number().int(),
  /** The convictions' sentences added up, in years to one decimal place. */
  sentenceYears: z.number(),
  seizures: z.object({
    cocaineKg: z.number(),
    heroinKg: z.number(),
    cannabisKg: z.number(),
    otherDrugsKg: z.number(),
    firearms: z.number().int(),
    ammunition: z.number().int(),
    cashPounds: z.number(),
  }),
  confiscationOrders: money,
  restraintOrders: money,
  safeguarded: z.object({ children: z.number().int(), adults: z.number().int() }),
});
export type OutcomeFigures = z.infer<typeof outcomeFigures>;

export const totalsRow = outcomeFigures.extend({
  /** "2026/27", "2026/27 Q3" or "Nov 2026". */
  period: z.string(),
  /**
   * The dates of the records behind the row (inclusive), within the period and the query's own
   * from/to: the outcome list filtered by them, and by the group, shows exactly those records.
   */
  from: z.string(),
  to: z.string(),
  group: idName.optional(),
});
export type TotalsRow = z.infer<typeof totalsRow>;

export const outcomeTotals = z.object({
  period: z.enum(periods),
  groupBy: z.enum(totalsGroupings),
  rows: z.array(totalsRow),
  total: outcomeFigures,
});
export type OutcomeTotalsView = z.infer<typeof outcomeTotals>;
