import { actorOf, type RequestContext } from "#src/audit/audit.ts";
import { can } from "#src/auth/policy.ts";
import type { Db } from "#src/db/database.ts";
import { AppError, forbidden } from "#src/lib/errors.ts";
import { type CsvRow, importKey, readCsv, templateCsv } from "./csv.ts";
import type { CheckedRow, Importer } from "./importer.ts";
import type { ImportBody, ImportColumns, ImportReport, LineError } from "./schema.ts";

function assertMayImport(context: RequestContext, importer: Importer) {
  if (!can(actorOf(context), importer.permission)) throw forbidden();
}

export function describeColumns(context: RequestContext, importer: Importer): ImportColumns {
  assertMayImport(context, importer);
  return { kind: importer.kind, templateFile: importer.templateFile, columns: [...importer.columns] };
}

/** The template as a spreadsheet opens it: a byte order mark tells Excel the file is UTF-8. */
export function template(context: RequestContext, importer: Importer): string {
  assertMayImport(context, importer);
  return `\ufeff${templateCsv(importer.columns)}`;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/**
 * A row key stored by another import that ran at the same time: PostgreSQL's unique_violation on
 * an import_key constraint, which drizzle passes on as the cause of its own error.
 */
function isImportKeyClash(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    const { code, constraint } = current as Error & { code?: unknown; constraint?: unknown };
    if (code === "23505" && (typeof constraint !== "string" || constraint.includes("import_key")))
      return true;
  }
  return false;
}

/**
 * Checks every row of a file and, unless only asked to check, imports the new valid rows in one
 * transaction: all of them only when no row has an error ("all-or-nothing"), or the valid ones
 * and a list of the rest ("valid-only"). A row imported before (same key) changes nothing.
 */
export async function importFile(
  db: Db,
  context: RequestContext,
  importer: Importer,
  body: ImportBody,
): Promise<ImportReport> {
  assertMayImport(context, importer);
  const { rows } = readCsv(body.csv, importer.columns);
  const keyed = rows.map((row) => ({ row, key: importKey(importer.kind, row.cells) }));
  const stored = await importer.existingKeys(db, [...new Set(keyed.map(({ key }) => key))]);
  const fresh = keyed.filter(({ key }) => !stored.has(key));
  const check = await importer.prepare(
    db,
    context,
    fresh.map(({ row }) => row),
  );

  const errors: LineError[] = [];
  const ready: { row: CsvRow; key: string; write: Extract<CheckedRow, { ok: true }>["write"] }[] = [];
  const readyKeys = new Set<string>();
  let repeated = 0;
  let invalid = 0;
  for (const { row, key } of fresh) {
    const checked: CheckedRow = row.cellCountProblem
      ? { ok: false, problems: [{ field: "", message: row.cellCountProblem }] }
      : await check(row);
    if (!checked.ok) {
      invalid += 1;
      for (const problem of checked.problems) errors.push({ line: row.line, ...problem });
    } else if (readyKeys.has(key)) {
      repeated += 1;
    } else {
      readyKeys.add(key);
      ready.push({ row, key, write: checked.write });
    }
  }

  const report: ImportReport = {
    kind: importer.kind,
    mode: body.mode,
    rows: rows.length,
    ready: ready.length,
    imported: 0,
    alreadyImported: rows.length - fresh.length,
    repeated,
    invalid,
    errors,
    created: [],
  };
  if (body.mode === "check") return report;
  if (body.mode === "all-or-nothing" && invalid > 0) {
    throw new AppError(
      "invalid_rows",
      `${plural(invalid, "row")} of ${rows.length} ${invalid === 1 ? "has" : "have"} errors, so nothing was imported: correct them, or import only the valid rows`,
      { lines: errors },
    );
  }
  if (ready.length === 0) return report;
  try {
    report.created = await db.transaction(async (tx) => {
      const created: ImportReport["created"] = [];
      for (const { row, key, write } of ready) created.push({ line: row.line, ...(await write(tx, key)) });
      return created;
    });
  } catch (error) {
    if (isImportKeyClash(error)) {
      throw new AppError(
        "conflict",
        "Some of these rows were imported by someone else at the same time, so nothing was imported: check the file again",
      );
    }
    throw error;
  }
  report.imported = report.created.length;
  return report;
}
