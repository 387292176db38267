import { inArray } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { RequestContext } from "#src/audit/audit.ts";
import type { Permission } from "#src/auth/policy.ts";
import type { Db, Queryable, Tx } from "#src/db/database.ts";
import { AppError } from "#src/lib/errors.ts";
import type { CsvRow, ImportColumn } from "./csv.ts";
import type { ImportKind } from "./schema.ts";

/** A problem with one cell (field: the column's header) or the whole row (field: ""). */
export interface RowProblem {
  field: string;
  message: string;
}

export interface CreatedRecord {
  id: string;
  reference?: string;
}

/**
 * The outcome of checking one row: its problems, or how to write it. Writing is a closure over
 * the checked value, so the framework never needs to know each kind's types.
 */
export type CheckedRow =
  | { ok: false; problems: RowProblem[] }
  | { ok: true; write: (tx: Tx, importKey: string) => Promise<CreatedRecord> };

export type RowCheck = (row: CsvRow) => Promise<CheckedRow>;

/** How one kind of record is imported. */
export interface Importer {
  kind: ImportKind;
  permission: Permission;
  /** The template's file name, e.g. rocu-ocgs-template.csv. */
  templateFile: string;
  columns: readonly ImportColumn[];
  /**
   * Loads, once per file, what checking its rows needs (reference data, the people the file
   * names), and gives back the check of one row. The check applies the feature service's own
   * rules, including the actor's scope and clearance for that row.
   */
  prepare(db: Db, context: RequestContext, rows: readonly CsvRow[]): Promise<RowCheck>;
  /** The keys among these that an earlier import stored. */
  existingKeys(db: Queryable, keys: readonly string[]): Promise<Set<string>>;
}

// Well under PostgreSQL's limit of 65,535 parameters in one statement.
const keysPerQuery = 5000;

/** The import keys among `keys` that are already stored in `column` of `table`. */
export async function storedImportKeys(
  db: Queryable,
  table: PgTable,
  column: PgColumn,
  keys: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < keys.length; start += keysPerQuery) {
    const chunk = keys.slice(start, start + keysPerQuery);
    const rows = await db.select({ key: column }).from(table).where(inArray(column, chunk));
    for (const row of rows) if (typeof row.key === "string") found.add(row.key);
  }
  return found;
}

/**
 * A service's field errors as row problems, each on the column that holds the field
 * (`columnOf` maps the service's field names to headers; "aliases.2" is the aliases column).
 */
export function problemsFromError(error: unknown, columnOf: Readonly<Record<string, string>>): RowProblem[] {
  if (!(error instanceof AppError) || error.code !== "validation") throw error;
  const fields = error.details.fields ?? [];
  if (fields.length === 0) return [{ field: "", message: error.message }];
  return fields.map(({ field, message }) => ({ field: columnOf[field.split(".")[0] ?? ""] ?? "", message }));
}

/** A zod schema's issues as row problems, one per column. */
export function problemsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  columnOf: Readonly<Record<string, string>>,
): RowProblem[] {
  const problems: RowProblem[] = [];
  for (const issue of issues) {
    const field = columnOf[String(issue.path[0] ?? "")] ?? "";
    if (!problems.some((problem) => problem.field === field))
      problems.push({ field, message: issue.message });
  }
  return problems;
}

/** Finds reference data by its code or its name, whatever the case. */
export function lookupByCodeOrName<Item>(
  items: readonly Item[],
  namesOf: (item: Item) => readonly string[],
): (text: string) => Item | undefined {
  const byName = new Map<string, Item>();
  for (const item of items) {
    for (const name of namesOf(item)) {
      const key = name.trim().toLowerCase();
      if (!byName.has(key)) byName.set(key, item);
    }
  }
  return (text) => byName.get(text.trim().toLowerCase());
}

/**
 * A lookup that asks the database once per distinct argument: the rows of a file name the same
 * few operations and groups again and again.
 */
export function remembered<Result>(load: (id: string) => Promise<Result>): (id: string) => Promise<Result> {
  const answers = new Map<string, Promise<Result>>();
  return (id) => {
    let answer = answers.get(id);
    if (!answer) {
      answer = load(id);
      answers.set(id, answer);
    }
    return answer;
  };
}

/** A date as YYYY-MM-DD, also accepting the DD/MM/YYYY a UK spreadsheet saves; anything else as typed. */
export function isoDate(cell: string): string {
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(cell);
  return uk ? `${uk[3]}-${uk[2]?.padStart(2, "0")}-${uk[1]?.padStart(2, "0")}` : cell;
}

/**
 * A number as a spreadsheet may show it ("1,250.5", "£3,000") becomes a number; blank is null;
 * anything else is passed on as typed, for the schema to say what is wrong with it.
 */
export function numberOrText(cell: string): number | string | null {
  if (cell === "") return null;
  const plain = cell.replace(/^£/, "").replaceAll(",", "");
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : cell;
}
