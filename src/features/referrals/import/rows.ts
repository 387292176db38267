// One row of an import file → the body POST /api/v1/referrals takes (referralInput), and the
// schema's complaints back into the file's own words: CSV columns by their header, JSON Lines
// fields by their path. Pure, so the mapping is unit-tested without a database.

import type { z } from "zod";
import type { ImportLineError } from "#src/db/schema.ts";
import {
  contactPreferences,
  referralSources,
  victimAgeBands,
  victimTypes,
  vulnerabilities,
} from "#src/db/schema.ts";
import type { IdentifierKind } from "../identifiers.ts";
import { type ReferralInput, referralInput } from "../intake.ts";

export interface CsvColumn {
  header: string;
  /** The referralInput field the column fills. */
  field: keyof ReferralInput;
  required: boolean;
  description: string;
  example: string;
}

const oneOf = (values: readonly string[]) => `One of ${values.join(", ")}.`;

const suspectColumn = (header: string, kind: IdentifierKind, what: string, example: string) => ({
  header,
  field: "suspectIdentifiers" as const,
  kind,
  required: false,
  description: `Suspect ${what}, separated by ";". Optional.`,
  example,
});

/** The suspect identifier columns, each of one kind. */
export const suspectColumns = [
  suspectColumn("suspect_emails", "email", "e-mail addresses", "claims@secure-refunds.example"),
  suspectColumn("suspect_phones", "phone", "phone numbers", "07700 900456"),
  suspectColumn("suspect_urls", "url", "web addresses", "https://secure-refunds.example/login"),
  suspectColumn("suspect_ips", "ip", "IP addresses", "203.0.113.45"),
  suspectColumn("suspect_wallets", "crypto-wallet", "crypto-currency wallets", ""),
  suspectColumn("suspect_bank_accounts", "bank-account", "UK bank accounts (sort code and number)", ""),
  suspectColumn("suspect_social_handles", "social-handle", "social media handles", "instagram:refund_help"),
] as const satisfies readonly (CsvColumn & { kind: IdentifierKind })[];

/** Every column of the CSV format, in the template's order. */
export const csvColumns: readonly CsvColumn[] = [
  {
    header: "crime_reference",
    field: "crimeReference",
    required: true,
    description:
      "The crime reference Action Fraud gave, or the force's own: letters, digits, / and -. The same reference again is the same referral.",
    example: "NFRC260406000101",
  },
  {
    header: "source",
    field: "source",
    required: true,
    description: `Where it came from. ${oneOf(referralSources)}`,
    example: "action-fraud",
  },
  {
    header: "force",
    field: "forceId",
    required: true,
    description: "The force area, by its id in the hub (e.g. west-midlands, staffordshire).",
    example: "west-midlands",
  },
  {
    header: "reported_on",
    field: "reportedOn",
    required: true,
    description: "The date it was reported, as YYYY-MM-DD.",
    example: "2026-04-06",
  },
  {
    header: "offence_from",
    field: "offenceFrom",
    required: false,
    description: "The first date of the offence, as YYYY-MM-DD. Optional.",
    example: "2026-04-01",
  },
  {
    header: "offence_to",
    field: "offenceTo",
    required: false,
    description: "The last date of the offence, as YYYY-MM-DD. Optional.",
    example: "2026-04-03",
  },
  {
    header: "nfib_code",
    field: "nfibCode",
    required: true,
    description: "The NFIB crime code, from the hub's list (e.g. NFIB52C).",
    example: "NFIB52C",
  },
  {
    header: "summary",
    field: "summary",
    required: true,
    description: "What happened, up to 4,000 characters.",
    example: "E-mail account taken over and used to ask the victim's contacts for money.",
  },
  {
    header: "victim_type",
    field: "victimType",
    required: true,
    description: oneOf(victimTypes),
    example: "individual",
  },
  {
    header: "victim_age_band",
    field: "victimAgeBand",
    required: true,
    description: oneOf(victimAgeBands),
    example: "65-74",
  },
  {
    header: "victim_name",
    field: "victimName",
    required: true,
    description: "The victim's name (a person or an organisation); may be blank.",
    example: "Pat Example",
  },
  {
    header: "victim_email",
    field: "victimEmail",
    required: true,
    description: "The victim's e-mail address; may be blank.",
    example: "pat.example@example.com",
  },
  {
    header: "victim_phone",
    field: "victimPhone",
    required: false,
    description: "The victim's phone number. Optional.",
    example: "07700 900123",
  },
  {
    header: "contact_preference",
    field: "contactPreference",
    required: true,
    description: `How the victim prefers to be contacted. ${oneOf(contactPreferences)}`,
    example: "phone",
  },
  {
    header: "vulnerability",
    field: "vulnerability",
    required: true,
    description: `How vulnerable the victim is. ${oneOf(vulnerabilities)}`,
    example: "some",
  },
  {
    header: "vulnerability_indicators",
    field: "vulnerabilityIndicators",
    required: false,
    description: 'What makes the victim vulnerable, separated by ";". Optional.',
    example: "lives alone;recently bereaved",
  },
  {
    header: "harm_ongoing",
    field: "harmOngoing",
    required: true,
    description: "Whether the harm is still going on: yes or no.",
    example: "no",
  },
  {
    header: "loss_pounds",
    field: "lossPounds",
    required: true,
    description: "The loss in pounds and pence, like 1250.50 (0 when nothing was lost).",
    example: "1250.50",
  },
  ...suspectColumns,
  {
    header: "classification",
    field: "classification",
    required: false,
    description: "OFFICIAL, OFFICIAL-SENSITIVE or SECRET. Optional: OFFICIAL-SENSITIVE when blank.",
    example: "OFFICIAL-SENSITIVE",
  },
];

const columnByHeader = new Map(csvColumns.map((column) => [column.header, column]));
const headerOfField = new Map<string, string>(
  csvColumns.filter((column) => !("kind" in column)).map((column) => [column.field, column.header]),
);
const kindOfSuspectColumn = new Map<string, IdentifierKind>(
  suspectColumns.map((column) => [column.header, column.kind]),
);

/** The header row and one example row, as CSV. */
export function templateCsv(): string {
  const line = (cells: readonly string[]) => cells.map(quoteCell).join(",");
  return `${line(csvColumns.map((column) => column.header))}\r\n${line(csvColumns.map((column) => column.example))}\r\n`;
}

function quoteCell(cell: string): string {
  return /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/**
 * Checks a CSV header row: headers are matched without regard to case or surrounding spaces.
 * Returns the column of each position, or the problems, all reported on line 1.
 */
export function readCsvHeader(
  cells: readonly string[],
): { ok: true; columns: CsvColumn[] } | { ok: false; errors: ImportLineError[] } {
  const errors: ImportLineError[] = [];
  const columns: CsvColumn[] = [];
  const seen = new Set<string>();
  for (const cell of cells) {
    const name = cell.trim().toLowerCase();
    const column = columnByHeader.get(name);
    if (!column) {
      const shown = cell.trim() === "" ? "(a blank header)" : cell.trim();
      errors.push({
        line: 1,
        field: shown,
        message: `Unknown column ${shown}: the columns are those of the template`,
      });
      continue;
    }
    if (seen.has(column.header))
      errors.push({
        line: 1,
        field: column.header,
        message: `Column ${column.header} appears more than once`,
      });
    seen.add(column.header);
    columns.push(column);
  }
  for (const column of csvColumns)
    if (column.required && !seen.has(column.header))
      errors.push({ line: 1, field: column.header, message: `Missing required column ${column.header}` });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, columns };
}

/** The outcome of reading one row: the checked referral, or its problems by field. */
export type RowResult = { ok: true; input: ReferralInput } | { ok: false; errors: ImportLineError[] };

const listItems = (cell: string) => [
  ...new Set(
    cell
      .split(";")
      .map((item) => item.trim())
      .filter(Boolean),
  ),
];

/** Pounds as written in a file: digits with optional pence; a minus sign is let through for the schema to refuse. */
const poundsPattern = /^-?\d+(\.\d+)?$/;

/** The allowed values, for a file whose author cannot see a drop-down list. */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_value" && issue.values.length > 1)
    return `${issue.message}: use one of ${issue.values.map(String).join(", ")}`;
  return issue.message;
}

/**
 * Maps the cells of a CSV data row (in the header's column order) onto referralInput and checks
 * it. Field names in errors are the file's column headers.
 */
export function readCsvRow(line: number, columns: readonly CsvColumn[], cells: readonly string[]): RowResult {
  if (cells.length !== columns.length) {
    return {
      ok: false,
      errors: [
        {
          line,
          field: "row",
          message: `This row has ${cells.length} cells but the header has ${columns.length}: check for a missing or extra comma`,
        },
      ],
    };
  }
  const errors: ImportLineError[] = [];
  const candidate: Record<string, unknown> = {};
  const identifiers: { kind: IdentifierKind; value: string }[] = [];
  // Which column each suspect identifier came from, to name it in an error.
  const identifierColumns: string[] = [];
  columns.forEach((column, index) => {
    const cell = (cells[index] ?? "").trim();
    const kind = kindOfSuspectColumn.get(column.header);
    if (kind) {
      for (const value of listItems(cell)) {
        identifiers.push({ kind, value });
        identifierColumns.push(column.header);
      }
      return;
    }
    switch (column.field) {
      case "offenceFrom":
      case "offenceTo":
        candidate[column.field] = cell === "" ? null : cell;
        return;
      case "classification":
        if (cell !== "") candidate.classification = cell.toUpperCase();
        return;
      case "vulnerabilityIndicators":
        candidate.vulnerabilityIndicators = listItems(cell);
        return;
      case "harmOngoing": {
        const answer = cell.toLowerCase();
        if (answer === "yes" || answer === "no") candidate.harmOngoing = answer === "yes";
        else errors.push({ line, field: column.header, message: "Enter yes or no" });
        return;
      }
      case "lossPounds":
        if (poundsPattern.test(cell)) candidate.lossPounds = Number(cell);
        else
          errors.push({
            line,
            field: column.header,
            message: "Enter the loss as a number of pounds, like 1250.50 (0 when nothing was lost)",
          });
        return;
      default:
        candidate[column.field] = cell;
    }
  });
  candidate.suspectIdentifiers = identifiers;
  const parsed = referralInput.safeParse(candidate);
  const fieldOf = (path: readonly PropertyKey[]) => {
    const [field, index] = path;
    if (field === "suspectIdentifiers")
      return (typeof index === "number" ? identifierColumns[index] : undefined) ?? "suspect identifiers";
    return headerOfField.get(String(field)) ?? String(field);
  };
  if (!parsed.success) {
    // One message per cell: the first says what to fix (a cell refused before the schema saw
    // it is only "Required" to the schema).
    const reported = new Set(errors.map((error) => error.field));
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path);
      if (reported.has(field)) continue;
      reported.add(field);
      errors.push({ line, field, message: issueMessage(issue) });
    }
  }
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, input: parsed.data };
}

/**
 * Reads one line of a JSON Lines file: one object, exactly the body of POST /api/v1/referrals.
 * Field names in errors are JSON paths (suspectIdentifiers.0.value).
 */
export function readJsonLine(line: number, text: string): RowResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof SyntaxError ? `: ${error.message}` : "";
    return { ok: false, errors: [{ line, field: "row", message: `This line is not valid JSON${detail}` }] };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return {
      ok: false,
      errors: [{ line, field: "row", message: "Each line must be one JSON object: a referral" }],
    };
  const parsed = referralInput.safeParse(value);
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors = parsed.error.issues.flatMap((issue): ImportLineError[] => {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys")
      return issue.keys.map((key) => ({
        line,
        field: [...path, key].join("."),
        message: `Unknown field ${key}`,
      }));
    return [{ line, field: path.join(".") || "row", message: issueMessage(issue) }];
  });
  // One message per field, as for CSV: the first says what to fix.
  const seen = new Set<string>();
  return { ok: false, errors: errors.filter((error) => !seen.has(error.field) && seen.add(error.field)) };
}

/** The field name an error about a referralInput field uses in each format. */
export function fieldName(format: "csv" | "jsonl", field: keyof ReferralInput): string {
  if (format === "jsonl") return field;
  return csvColumns.find((column) => column.field === field)?.header ?? field;
}
