import { createHash } from "node:crypto";
import { CsvError, parse } from "csv-parse/sync";
import { AppError, type FieldError } from "#src/lib/errors.ts";

/** A column of an import file, as the template and the help on the import page describe it. */
export interface ImportColumn {
  header: string;
  required: boolean;
  description: string;
  example: string;
}

/**
 * One data row of a file: its line as a spreadsheet shows it (the header is line 1, blank lines
 * count, a cell holding a line break does not) and its trimmed cells by column header.
 */
export interface CsvRow {
  line: number;
  cells: Record<string, string>;
  /** Set when the row has more or fewer cells than the header: such a row cannot be read. */
  cellCountProblem?: string;
}

export interface CsvFile {
  /** The file's headers, named as the column specification spells them, in file order. */
  headers: string[];
  rows: CsvRow[];
}

const fileError = (message: string, errors: FieldError[] = [{ field: "csv", message }]) =>
  new AppError("validation", message, { fields: errors });

/** Headers are matched without regard to case or surrounding spaces: spreadsheets vary. */
const headerKey = (header: string) => header.trim().toLowerCase();

type ParsedRecord = { record: string[]; info: { records: number; empty_lines: number } };

/** What went wrong, in words for someone who made the file in a spreadsheet. */
const csvProblems: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted cell is never closed",
  INVALID_OPENING_QUOTE: "a quote mark starts in the middle of a cell",
  CSV_INVALID_CLOSING_QUOTE: "a quoted cell has text after its closing quote",
};

function parseRecords(text: string): ParsedRecord[] {
  try {
    // With `info` each record comes with its position; the library's types do not say so.
    return parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (error instanceof CsvError) {
      const problem = csvProblems[error.code] ?? error.message;
      throw fileError(`The file is not valid CSV (near line ${String(error.lines)}): ${problem}`);
    }
    throw error;
  }
}

/**
 * Reads an import file against its columns. Problems with the file as a whole (not CSV, no
 * header, unknown or missing columns) are one error naming them all; problems of single rows are
 * left to the row checks, so that every row's problems are reported together.
 */
export function readCsv(text: string, columns: readonly ImportColumn[]): CsvFile {
  const records = parseRecords(text);
  const [header, ...data] = records;
  if (!header || header.record.every((cell) => cell.trim() === "")) {
    throw fileError("The file is empty: it needs a header row naming the columns, as in the template");
  }
  const byKey = new Map(columns.map((column) => [headerKey(column.header), column.header]));
  const headers: string[] = [];
  const unknown: string[] = [];
  const repeated: string[] = [];
  for (const cell of header.record) {
    const known = byKey.get(headerKey(cell));
    if (!known) unknown.push(cell.trim() === "" ? "(a blank header)" : cell.trim());
    else if (headers.includes(known)) repeated.push(known);
    headers.push(known ?? "");
  }
  const missing = columns
    .filter((column) => column.required && !headers.includes(column.header))
    .map((column) => column.header);
  const problems: FieldError[] = [
    ...unknown.map((name) => ({ field: name, message: `Unknown column: ${name}` })),
    ...repeated.map((name) => ({ field: name, message: `Column ${name} appears more than once` })),
    ...missing.map((name) => ({ field: name, message: `Missing required column: ${name}` })),
  ];
  if (problems.length > 0) {
    const named = (what: string, names: string[]) =>
      names.length === 0 ? [] : [`${what} ${names.length === 1 ? "column" : "columns"} ${names.join(", ")}`];
    const parts = [
      ...named("unknown", unknown),
      ...named("repeated", repeated),
      ...named("missing required", missing),
    ];
    throw fileError(`The header row does not match the template: ${parts.join("; ")}`, problems);
  }

  const rows: CsvRow[] = [];
  for (const { record, info } of data) {
    // Rows a spreadsheet leaves behind with every cell empty carry nothing to import.
    if (record.every((cell) => cell.trim() === "")) continue;
    const cells: Record<string, string> = {};
    headers.forEach((name, index) => {
      cells[name] = (record[index] ?? "").trim();
    });
    const row: CsvRow = { line: info.records + info.empty_lines, cells };
    if (record.length !== headers.length) {
      row.cellCountProblem = `This row has ${plural(record.length, "cell")} but the header has ${headers.length}: check for a missing or extra comma`;
    }
    rows.push(row);
  }
  return { headers, rows };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/**
 * A row's identity for idempotent imports: a hash of the kind and the row's non-blank trimmed
 * cells by header, so the same row gives the same key whatever the column order, and a column
 * left out counts the same as a blank one.
 */
export function importKey(kind: string, cells: Readonly<Record<string, string>>): string {
  const entries = Object.entries(cells)
    .map(([header, value]) => [header, value.trim()] as const)
    .filter(([, value]) => value !== "")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash("sha256")
    .update(JSON.stringify([kind, entries]))
    .digest("hex");
}

/** A cell holding a list: items separated by semicolons, blanks and repeats dropped. */
export function splitList(cell: string): string[] {
  return [
    ...new Set(
      cell
        .split(";")
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

/** The template: the header row and one example row, as CSV. */
export function templateCsv(columns: readonly ImportColumn[]): string {
  const line = (cells: readonly string[]) => cells.map(quoteCell).join(",");
  return `${line(columns.map((column) => column.header))}\r\n${line(columns.map((column) => column.example))}\r\n`;
}

function quoteCell(cell: string): string {
  return /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replaceAll('"', '""')}"` : cell;
}
