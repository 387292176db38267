import { z } from "zod";
import { importRunStatuses } from "#src/db/schema.ts";
import { importFormats } from "./read.ts";

export const importPhases = ["checking", "importing"] as const;

export const importProgress = z.object({
  phase: z.enum(importPhases),
  /** Rows checked (checking) or committed (importing) so far. */
  rowsDone: z.number().int(),
  /** Known once the check has read the whole file. */
  totalRows: z.number().int().nullable(),
  /** 0–1 through the current phase: by bytes read while checking, by rows while importing. */
  fractionDone: z.number(),
});
export type ImportProgress = z.infer<typeof importProgress>;

export const importLineError = z.object({ line: z.number().int(), field: z.string(), message: z.string() });

export const importRun = z.object({
  id: z.uuid(),
  fileName: z.string(),
  format: z.enum(importFormats),
  status: z.enum(importRunStatuses),
  totalRows: z.number().int().nullable(),
  committedRows: z.number().int(),
  createdCount: z.number().int(),
  versionedCount: z.number().int(),
  unchangedCount: z.number().int(),
  /** The first errors by line and field; past the cap, a last entry says how many there were in all. */
  errors: z.array(importLineError),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Live progress while this server is running the import; null otherwise. */
  progress: importProgress.nullable(),
});
export type ImportRunView = z.infer<typeof importRun>;

/** The list leaves out each run's errors: open a run to read them. */
export const importRunSummary = importRun.omit({ errors: true });
export type ImportRunSummaryView = z.infer<typeof importRunSummary>;
export const importRunList = z.object({ items: z.array(importRunSummary) });

export const importRunParams = z.object({ id: z.uuid("Give the import run's id") });

export const startImportQuery = z.strictObject({
  fileName: z
    .string()
    .trim()
    .min(1, "Give the file's name")
    .max(255, "Use 255 characters or fewer")
    .regex(/\.(csv|jsonl|ndjson)$/i, "The file's name ends in .csv, .jsonl or .ndjson"),
});

export const importColumnList = z.object({
  columns: z.array(
    z.object({ header: z.string(), required: z.boolean(), description: z.string(), example: z.string() }),
  ),
});
