import { z } from "zod";
import { optionalFilter, pageOf, pageQuery } from "#src/lib/paging.ts";
import { financialYear, idName, notes } from "./schema.ts";
import { costCategories } from "./vocabulary.ts";

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
export const month = z
  .string("Enter the month, like 2018-05")
  .regex(monthPattern, "Enter the month like 2018-05 (year, then month)");

const category = z.enum(costCategories, `Choose a cost category: ${costCategories.join(", ")}`);

export const spendLineInput = z.strictObject({
  month,
  category,
  amountPence: z
    .number("Enter the amount in pence, a whole number")
    .int("Enter the amount in whole pence (£1,234.50 is 123450)")
    .min(0, "Spend cannot be negative: correct a month by recording it again")
    .max(Number.MAX_SAFE_INTEGER, "The amount is too large"),
  /** The approved project (bid) the money paid for; left out for the stream's own spend. */
  bidId: z.uuid("Not a valid bid id").optional(),
  note: notes.default(""),
});
export type SpendLineInput = z.infer<typeof spendLineInput>;

export const recordSpendBody = z.strictObject({
  lines: z
    .array(spendLineInput)
    .min(1, "Record at least one line of spend")
    .max(500, "Use 500 lines or fewer"),
});
export type RecordSpendInput = z.infer<typeof recordSpendBody>;

export const spendLine = z.object({
  id: z.uuid(),
  stream: idName,
  bid: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  month: z.string(),
  financialYear: z.string(),
  category: z.enum(costCategories),
  amountPence: z.number().int(),
  amount: z.string(),
  note: z.string(),
  /** Whether the stream allows the category; false is ineligible spend. */
  eligible: z.boolean(),
  recordedBy: z.uuid(),
  updatedAt: z.string(),
});
export type SpendLineView = z.infer<typeof spendLine>;

export const recordedSpend = z.object({ items: z.array(spendLine) });

export const listSpendQuery = z.strictObject({
  streamId: optionalFilter(z.uuid("Not a valid stream id")),
  bidId: optionalFilter(z.uuid("Not a valid bid id")),
  financialYear: optionalFilter(financialYear),
  month: optionalFilter(month),
  category: optionalFilter(category),
  ...pageQuery,
});
export type ListSpendQuery = z.infer<typeof listSpendQuery>;
export const spendPage = pageOf(spendLine).extend({ sumPence: z.number().int(), sum: z.string() });

const money = { pence: z.number().int(), formatted: z.string() };
const categoryAmount = z.object({
  category: z.enum(costCategories),
  amountPence: money.pence,
  amount: money.formatted,
  eligible: z.boolean(),
});

const lapseRisk = z
  .object({ amountPence: money.pence, amount: money.formatted, lapsesOn: z.string(), message: z.string() })
  .nullable();

const ineligible = z.object({
  totalPence: money.pence,
  total: money.formatted,
  lines: z.array(spendLine),
});

const forecastFields = {
  allocationPence: money.pence,
  allocation: money.formatted,
  monthsRecorded: z.number().int(),
  monthsLeft: z.number().int(),
  runRatePence: money.pence.nullable(),
  forecastPence: money.pence.nullable(),
  forecast: money.formatted.nullable(),
  /** Forecast − allocation: negative is an underspend. */
  variancePence: money.pence.nullable(),
  variance: money.formatted.nullable(),
  lapseRisk,
  ineligible,
  /** The forecast method in words, for the reader of a pack. */
  method: z.string(),
};

const streamSummary = idName.extend({
  carriesOver: z.boolean(),
  allowedCategories: z.array(z.enum(costCategories)),
});

export const monitoring = z.object({
  stream: streamSummary,
  bid: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  financialYear: z.string(),
  months: z.array(
    z.object({
      month: z.string(),
      recorded: z.boolean(),
      actualPence: money.pence,
      actual: money.formatted,
      byCategory: z.array(categoryAmount),
      forecastPence: money.pence.nullable(),
    }),
  ),
  byCategory: z.array(categoryAmount),
  actualPence: money.pence,
  actual: money.formatted,
  ...forecastFields,
  /** The projects the stream pays for in the year, by title: what decisions gave each from it, and its spend. */
  projects: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      allocationPence: money.pence,
      allocation: money.formatted,
      actualPence: money.pence,
      actual: money.formatted,
    }),
  ),
});
export type MonitoringView = z.infer<typeof monitoring>;

export const monitoringQuery = z.strictObject({
  /** Left out: the current financial year if the stream has money in it, else its latest. */
  financialYear: optionalFilter(financialYear),
  /** One project the stream funds: its allocation is what the decisions gave it from the stream. */
  bidId: optionalFilter(z.uuid("Not a valid bid id")),
});
export type MonitoringQuery = z.infer<typeof monitoringQuery>;

export const scrutinyPackQuery = z.strictObject({
  /** Left out: the latest month with spend recorded (else the first month of the default year). */
  month: optionalFilter(month),
  format: z.enum(["json", "csv"]).default("json"),
});
export type ScrutinyPackQuery = z.infer<typeof scrutinyPackQuery>;

const spendTotal = z.object({
  byCategory: z.array(categoryAmount),
  totalPence: money.pence,
  total: money.formatted,
});

export const scrutinyPack = z.object({
  stream: streamSummary,
  financialYear: z.string(),
  month: z.string(),
  monthSpend: spendTotal,
  yearToDate: spendTotal,
  ...forecastFields,
});
export type ScrutinyPackView = z.infer<typeof scrutinyPack>;
