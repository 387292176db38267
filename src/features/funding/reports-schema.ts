import { z } from "zod";
import { classifications } from "#src/auth/policy.ts";
import { optionalFilter } from "#src/lib/paging.ts";
import { financialYear } from "./schema.ts";

// Funding reports (docs/funding.md, "Reports"): a financial year, or one of its quarters, grouped
// by stream, project or force area, as JSON, CSV or an Excel workbook.

export const reportGroupings = ["stream", "project", "force"] as const;
export type ReportGrouping = (typeof reportGroupings)[number];
export const reportQuarters = ["Q1", "Q2", "Q3", "Q4"] as const;
export type ReportQuarter = (typeof reportQuarters)[number];
export const reportFormats = ["json", "csv", "xlsx"] as const;

export const reportQuery = z.strictObject({
  /** Left out: the current financial year if any stream you can see has money in it, else the latest that has. */
  financialYear: optionalFilter(financialYear),
  /** Left out: the whole year. */
  quarter: optionalFilter(z.enum(reportQuarters, "Choose a quarter: Q1, Q2, Q3 or Q4, or leave it out")),
  /** Left out: by stream. */
  groupBy: optionalFilter(z.enum(reportGroupings, "Group by stream, project or force")),
  format: z.enum(reportFormats, "Choose a format: json, csv or xlsx").default("json"),
});
export type ReportQuery = z.infer<typeof reportQuery>;

const pence = z.number().int();
const formatted = z.string();

export const reportLink = z.object({
  /** What the link shows, in words: "Stream", "Decisions", "Spend lines". */
  label: z.string(),
  /** A web page path ("/funding/streams/…") or an API path ("/api/v1/funding/spend?…"). */
  href: z.string(),
});

const figures = {
  allocationPence: pence,
  allocation: formatted,
  commitmentPence: pence,
  commitment: formatted,
  actualPence: pence,
  actual: formatted,
  /** Null when no month of the year is recorded: there is no run rate. */
  forecastPence: pence.nullable(),
  forecast: formatted.nullable(),
  /** Forecast − allocation: negative is an underspend. */
  variancePence: pence.nullable(),
  variance: formatted.nullable(),
  /** Money at risk of lapsing on 31 March; null when none. */
  lapseRiskPence: pence.nullable(),
  lapseRisk: formatted.nullable(),
};

export const reportRow = z.object({
  /** The stream id, the bid id, the force id, or a fixed key for rows of no record. */
  key: z.string(),
  label: z.string(),
  ...figures,
  lapseMessage: z.string().nullable(),
  /** The records the row's figures come from. */
  streamIds: z.array(z.string()),
  bidIds: z.array(z.string()),
  /** Where to trace the figures: the record's page, its decisions, its spend lines. */
  links: z.array(reportLink),
});
export type ReportRow = z.infer<typeof reportRow>;

export const report = z.object({
  financialYear: z.string(),
  quarter: z.enum(reportQuarters).nullable(),
  /** "2018/19" or "2018/19 Q2". */
  period: z.string(),
  /** The months the actual covers, "YYYY-MM". */
  months: z.array(z.string()),
  groupBy: z.enum(reportGroupings),
  /** "2018/19 Q1 by stream": names the sheet and the file. */
  title: z.string(),
  /** The most sensitive marking of the streams and decisions it counts: how to handle the report. */
  classification: z.enum(classifications),
  rows: z.array(reportRow),
  /** Each figure is the sum of the rows' (rows with no forecast add nothing to it). */
  totals: z.object({ ...figures }),
  /** The definitions in words, for the reader of an export. */
  notes: z.array(z.string()),
});
export type ReportView = z.infer<typeof report>;
