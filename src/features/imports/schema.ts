import { z } from "zod";

/** What can be imported; each kind has its own routes, template and permission. */
export const importKinds = ["ocgs", "disruptions", "outcomes"] as const;
export type ImportKind = (typeof importKinds)[number];

export const importModes = ["check", "all-or-nothing", "valid-only"] as const;
export type ImportMode = (typeof importModes)[number];

export const importBody = z.strictObject({
  /** The file's text, as the browser read it. */
  csv: z.string().min(1, "Choose a CSV file that is not empty"),
  mode: z.enum(importModes, "Choose check, all-or-nothing or valid-only"),
});
export type ImportBody = z.infer<typeof importBody>;

/** A problem with one row: its line as a spreadsheet numbers it and the column it is in. */
export const lineError = z.object({
  line: z.number().int(),
  /** The column's header, or "" when the problem is with the whole row. */
  field: z.string(),
  message: z.string(),
});
export type LineError = z.infer<typeof lineError>;

export const importReport = z.object({
  kind: z.enum(importKinds),
  mode: z.enum(importModes),
  /** Data rows in the file (blank rows left out). */
  rows: z.number().int(),
  /** Rows that pass every check and are new: what "valid-only" imports (or imported). */
  ready: z.number().int(),
  imported: z.number().int(),
  /** Rows imported before, by an earlier import of the same row: they change nothing. */
  alreadyImported: z.number().int(),
  /** Rows that repeat an earlier row of the same file: imported once. */
  repeated: z.number().int(),
  /** Rows with at least one error. */
  invalid: z.number().int(),
  errors: z.array(lineError),
  created: z.array(z.object({ line: z.number().int(), id: z.uuid(), reference: z.string().optional() })),
});
export type ImportReport = z.infer<typeof importReport>;

export const importColumn = z.object({
  header: z.string(),
  required: z.boolean(),
  description: z.string(),
  example: z.string(),
});

export const importColumns = z.object({
  kind: z.enum(importKinds),
  templateFile: z.string(),
  columns: z.array(importColumn),
});
export type ImportColumns = z.infer<typeof importColumns>;
