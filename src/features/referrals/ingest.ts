// Stores prepared referrals in one batch, inside the caller's transaction: new crime references
// become referrals, a re-sent reference with other content becomes its next version (the old
// content and the differences kept in referral_versions), the same content changes nothing.
// The form, the API and the bulk import all come through here, so they score, link and flag
// repeat victims the same way.

import { randomUUID } from "node:crypto";
import { eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import { type Queryable, queryRows, type Tx } from "#src/db/database.ts";
import { forces, referrals, referralVersions } from "#src/db/schema.ts";
import {
  contentChanges,
  contentFromCanonical,
  type PreparedReferral,
  prepareContent,
  type ReferralContent,
  referralContentFields,
} from "./intake.ts";
import { type PriorityBand, priorityBands, scoreReferral } from "./priority.ts";
import type { TriageSettings } from "./settings.ts";
import { triageDue } from "./targets.ts";

export type IngestOutcome = "created" | "versioned" | "unchanged";

export interface IngestedReferral {
  id: string;
  crimeReference: string;
  outcome: IngestOutcome;
}

export interface IngestOptions {
  receivedAt: Date;
  settings: TriageSettings;
  importRunId: string | null;
}

type ReferralRow = typeof referrals.$inferSelect;

/** A stored referral's content, as intake compares it with a re-sent one. */
export function storedContent(row: ReferralRow): ReferralContent {
  return {
    crimeReference: row.crimeReference,
    source: row.source,
    forceId: row.forceId,
    reportedOn: row.reportedOn,
    offenceFrom: row.offenceFrom,
    offenceTo: row.offenceTo,
    nfibCode: row.nfibCode,
    summary: row.summary,
    victimType: row.victimType,
    victimAgeBand: row.victimAgeBand,
    victimName: row.victimName,
    victimEmail: row.victimEmail,
    victimPhone: row.victimPhone,
    contactPreference: row.contactPreference,
    vulnerability: row.vulnerability,
    vulnerabilityIndicators: row.vulnerabilityIndicators,
    harmOngoing: row.harmOngoing,
    lossPence: row.lossPence,
    suspectIdentifiers: row.suspectIdentifiers as ReferralContent["suspectIdentifiers"],
    classification: row.classification,
  };
}

const hourMs = 60 * 60 * 1000;

const needsEscape = /["\\]/;

/** One element of a PostgreSQL array literal: quoted, its quotes and backslashes escaped. */
function arrayElement(item: string | null): string {
  if (item === null) return "NULL";
  return needsEscape.test(item) ? `"${item.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"` : `"${item}"`;
}

/** A PostgreSQL array literal of text values. */
function arrayLiteral(items: readonly (string | null)[]): string {
  return `{${items.map(arrayElement).join(",")}}`;
}

/** Referrals with one of these crime references: the references travel as one array parameter. */
export function crimeReferenceIn(references: readonly string[]): SQL {
  return sql`${referrals.crimeReference} = ANY(${arrayLiteral(references)}::text[])`;
}

type ReferralInsert = typeof referrals.$inferInsert;
type InsertedColumn = keyof ReferralInsert;

/** Columns whose values follow from the content and the moment of receipt alone. */
const fixedColumns = [
  "id",
  ...referralContentFields,
  "regionId",
  "identifierKeys",
  "victimKey",
  "contentHash",
  "contactDueAt",
  "receivedAt",
  "versionReceivedAt",
  "importRunId",
  "version",
  "status",
] as const satisfies readonly InsertedColumn[];

/** Columns that also depend on whether the victim reported before, known only inside the transaction. */
const repeatColumns = [
  "repeatVictim",
  "priorityScore",
  "priorityBand",
  "priorityReasons",
  "triageDueAt",
] as const satisfies readonly InsertedColumn[];

const columns = getTableColumns(referrals);

/**
 * A staged row is its values as text joined by this character, which intake refuses in any
 * text (intake.ts), and split again by the database's string_to_array. One string a row, not a
 * string a value: the import stages millions of values, and each one a separate string kept
 * until its batch is sent cost more time in garbage collection than in writing it.
 */
const fieldSeparator = "\x1f";
/** A value that is null. No stored text is empty (intake turns empty optional text into null). */
const nullField = "";

/** How a column's values are written as text: chosen once a column, not once a value. */
function cellEncoder(column: InsertedColumn): (value: unknown) => string {
  const sqlType = columns[column].getSQLType();
  const encode: (value: unknown) => string = sqlType.endsWith("[]")
    ? (value) => arrayLiteral(value as string[])
    : sqlType.startsWith("json")
      ? (value) => JSON.stringify(value)
      : (value) => (value instanceof Date ? value.toISOString() : String(value));
  return (value) => (value === null || value === undefined ? nullField : encode(value));
}

/** What stays the same whatever the batch finds in the database. */
export interface StageContext {
  receivedAt: Date;
  settings: TriageSettings;
  importRunId: string | null;
  /** Each force's region. */
  regionOf: ReadonlyMap<string, string>;
}

/**
 * New referrals with their insert already written out, so that the transaction storing them
 * does little more than ask the database. The columns that depend on an earlier report by the
 * same victim are written both ways; the transaction says, row by row, which to take. Plain
 * strings only: a batch staged on another thread crosses cheaply.
 */
export interface StagedRows {
  /** One entry a referral, in order. Ids are made here, so the insert need not send them back. */
  ids: string[];
  references: string[];
  contentHashes: string[];
  victimKeys: (string | null)[];
  /** The content as PreparedReferral.canonical: read back only for a re-sent referral. */
  canonicals: string[];
  /**
   * Array literals of one element a referral: its values of fixedColumns, joined by
   * fieldSeparator...
   */
  fixed: string;
  /** ...its values of repeatColumns for a victim not seen before... */
  firstReport: string;
  /** ...and for a repeat victim. */
  repeat: string;
}

export interface StagedBatch {
  context: StageContext;
  rows: StagedRows;
}

/** Every vulnerable victim gets a contact task with its own clock. */
function contactDue(
  vulnerability: ReferralContent["vulnerability"],
  receivedAt: Date,
  settings: TriageSettings,
) {
  return vulnerability === "none"
    ? null
    : new Date(receivedAt.getTime() + settings.victimContactHours * hourMs);
}

function priorityOf(prepared: PreparedReferral, repeatVictim: boolean, settings: TriageSettings) {
  const { content } = prepared;
  return scoreReferral(
    {
      vulnerability: content.vulnerability,
      lossPounds: content.lossPence / 100,
      harmOngoing: content.harmOngoing,
      repeatVictim,
      usableIdentifiers: prepared.identifierKeys.length,
    },
    settings.weights,
  );
}

/** The columns that follow from content: region, keys, priority and its clocks. */
function derivedColumns(
  prepared: PreparedReferral,
  regionId: string,
  repeatVictim: boolean,
  receivedAt: Date,
  settings: TriageSettings,
) {
  const priority = priorityOf(prepared, repeatVictim, settings);
  return {
    ...prepared.content,
    regionId,
    identifierKeys: prepared.identifierKeys,
    victimKey: prepared.victimKey,
    repeatVictim,
    contentHash: prepared.contentHash,
    priorityScore: priority.score,
    priorityBand: priority.band,
    priorityReasons: priority.reasons,
    triageDueAt: triageDue(receivedAt, priority.band, settings.targets),
    contactDueAt: contactDue(prepared.content.vulnerability, receivedAt, settings),
  };
}

const contentEncoders = referralContentFields.map(cellEncoder);
const encodeKeys = cellEncoder("identifierKeys");
const encodeText = cellEncoder("regionId");
const encodeDate = cellEncoder("receivedAt");
const encodeScore = cellEncoder("priorityScore");
const encodeReasons = cellEncoder("priorityReasons");

/**
 * Works out, outside any transaction, everything about new referrals that needs no look-up,
 * one referral at a time, so that only strings are kept: the bulk import stages batches on
 * another thread while the database stores the one before. Written out cell by cell rather
 * than through derivedColumns' objects, as this is the import's busiest code; the values are
 * the same (ingest.test.ts compares them).
 */
export class ReferralStager {
  private readonly ids: string[] = [];
  private readonly references: string[] = [];
  private readonly contentHashes: string[] = [];
  private readonly victimKeys: (string | null)[] = [];
  private readonly canonicals: string[] = [];
  private readonly fixed: string[] = [];
  private readonly firstReport: string[] = [];
  private readonly repeat: string[] = [];
  // The same for every referral of the batch: written out once.
  private readonly fixedTail: string;
  private readonly contactDueText: string;
  private readonly dueTexts: Map<PriorityBand, string>;

  constructor(readonly context: StageContext) {
    const { receivedAt, settings, importRunId } = context;
    const received = encodeDate(receivedAt);
    this.fixedTail = [received, received, encodeText(importRunId), "1", "awaiting-triage"].join(
      fieldSeparator,
    );
    this.contactDueText = encodeDate(contactDue("some", receivedAt, settings));
    this.dueTexts = new Map(
      priorityBands.map((band) => [band, encodeDate(triageDue(receivedAt, band, settings.targets))]),
    );
  }

  get size(): number {
    return this.references.length;
  }

  add(prepared: PreparedReferral): void {
    const { content } = prepared;
    const regionId = this.context.regionOf.get(content.forceId);
    if (!regionId) throw new Error(`Unknown force ${content.forceId} reached ingest`);
    const id = randomUUID();
    this.ids.push(id);
    this.references.push(content.crimeReference);
    this.contentHashes.push(prepared.contentHash);
    this.victimKeys.push(prepared.victimKey);
    this.canonicals.push(prepared.canonical);
    const values: string[] = [id];
    for (const [index, field] of referralContentFields.entries())
      values.push(contentEncoders[index]?.(content[field]) ?? "");
    values.push(
      regionId,
      encodeKeys(prepared.identifierKeys),
      encodeText(prepared.victimKey),
      prepared.contentHash,
      content.vulnerability === "none" ? nullField : this.contactDueText,
      this.fixedTail,
    );
    this.fixed.push(values.join(fieldSeparator));
    this.firstReport.push(this.priorityText(prepared, false));
    // A victim without a key cannot be recognised again: this text is never taken.
    this.repeat.push(this.priorityText(prepared, prepared.victimKey !== null));
  }

  batch(): StagedBatch {
    return {
      context: this.context,
      rows: {
        ids: this.ids,
        references: this.references,
        contentHashes: this.contentHashes,
        victimKeys: this.victimKeys,
        canonicals: this.canonicals,
        fixed: arrayLiteral(this.fixed),
        firstReport: arrayLiteral(this.firstReport),
        repeat: arrayLiteral(this.repeat),
      },
    };
  }

  private priorityText(prepared: PreparedReferral, repeatVictim: boolean): string {
    const priority = priorityOf(prepared, repeatVictim, this.context.settings);
    return [
      repeatVictim ? "true" : "false",
      encodeScore(priority.score),
      priority.band,
      encodeReasons(priority.reasons),
      this.dueTexts.get(priority.band) ?? nullField,
    ].join(fieldSeparator);
  }
}

export function stageReferrals(batch: readonly PreparedReferral[], context: StageContext): StagedBatch {
  const stager = new ReferralStager(context);
  for (const prepared of batch) stager.add(prepared);
  return stager.batch();
}

const cast = (column: InsertedColumn) => columns[column].getSQLType();
const insertedNames = sql.join(
  [...fixedColumns, ...repeatColumns].map((column) => sql.identifier(columns[column].name)),
  sql`, `,
);
const insertedValues = sql.raw(
  [
    ...fixedColumns.map((column, index) => `f.v[${index + 1}]::${cast(column)}`),
    ...repeatColumns.map((column, index) => `p.v[${index + 1}]::${cast(column)}`),
  ].join(", "),
);

/**
 * One INSERT for the whole batch: the rows travel as text arrays, each row one string that
 * string_to_array splits into its values, each cast to its column's type. A multi-row VALUES
 * list would need 45 parameters a row (at most 65,535 a statement) and spends its time binding
 * them, and unpacking JSON (json_populate_recordset) measured 1.5 times slower in the database
 * (bench/referrals.ts compares the import with COPY). Rows already stored are left out by
 * position; `repeatVictim` says, row by row, which priority values to take.
 */
function insertStaged(rows: StagedRows, repeatVictim: boolean[], storedPositions: number[]): SQL {
  return sql`INSERT INTO ${referrals} (${insertedNames})
    SELECT ${insertedValues}
    FROM unnest(
        ${rows.fixed}::text[],
        ${rows.firstReport}::text[],
        ${rows.repeat}::text[],
        ${`{${repeatVictim.join(",")}}`}::boolean[]
      ) WITH ORDINALITY AS u(fixed, first_report, repeat, repeat_victim, position)
      CROSS JOIN LATERAL string_to_array(u.fixed, ${fieldSeparator}, ${nullField}) AS f(v)
      CROSS JOIN LATERAL string_to_array(
        CASE WHEN u.repeat_victim THEN u.repeat ELSE u.first_report END, ${fieldSeparator}, ${nullField}
      ) AS p(v)
    WHERE NOT (u.position = ANY(${`{${storedPositions.join(",")}}`}::bigint[]))`;
}

/** Each force's region, for staging. */
export async function loadRegions(db: Queryable): Promise<Map<string, string>> {
  const rows = await db.select({ id: forces.id, regionId: forces.regionId }).from(forces);
  return new Map(rows.map((force) => [force.id, force.regionId]));
}

/**
 * Ingests referrals whose force and NFIB code the caller has checked. Crime references must be
 * unique within the batch (the importer and the form both guarantee it).
 */
export async function ingestReferrals(
  tx: Tx,
  batch: PreparedReferral[],
  options: IngestOptions,
): Promise<IngestedReferral[]> {
  if (batch.length === 0) return [];
  const regionOf = await loadRegions(tx);
  return ingestStaged(tx, stageReferrals(batch, { ...options, regionOf }));
}

/** A re-sent referral with other content: the stored content becomes a kept version. */
async function storeNextVersion(
  tx: Tx,
  stored: ReferralRow,
  resent: PreparedReferral,
  { repeatVictim, context }: { repeatVictim: boolean; context: StageContext },
): Promise<void> {
  const regionId = context.regionOf.get(resent.content.forceId);
  if (!regionId) throw new Error(`Unknown force ${resent.content.forceId} reached ingest`);
  const before = storedContent(stored);
  const derived = derivedColumns(resent, regionId, repeatVictim, stored.receivedAt, context.settings);
  await tx.insert(referralVersions).values({
    referralId: stored.id,
    version: stored.version,
    content: { ...before },
    changes: contentChanges(before, resent.content),
    receivedAt: stored.versionReceivedAt,
  });
  await tx
    .update(referrals)
    .set({
      ...derived,
      // A decision already made stands; the clock only moves for referrals still waiting.
      triageDueAt: stored.status === "awaiting-triage" ? derived.triageDueAt : stored.triageDueAt,
      contactDueAt: stored.contactDueAt ?? derived.contactDueAt,
      version: stored.version + 1,
      versionReceivedAt: context.receivedAt,
      updatedAt: sql`now()`,
    })
    .where(eq(referrals.id, stored.id));
}

/** Stores a staged batch: the second half of ingestReferrals, for callers that stage ahead. */
export async function ingestStaged(tx: Tx, { context, rows }: StagedBatch): Promise<IngestedReferral[]> {
  if (rows.references.length === 0) return [];
  const victimKeys = [...new Set(rows.victimKeys.filter((key) => key !== null))];
  // One after another: a transaction is one connection, which runs one query at a time.
  const existing = await tx.select().from(referrals).where(crimeReferenceIn(rows.references));
  // At most two stored references a victim key: enough to tell whether another referral has
  // it, found by one index probe a key: `victim_key IN (…)`, which returned every match, came
  // to take longer than the inserts themselves over a 1,000,000-row import (bench/referrals.ts).
  const earlierVictims =
    victimKeys.length === 0
      ? []
      : await queryRows<{ victimKey: string; crimeReference: string }>(
          tx,
          sql`SELECT k.key AS "victimKey", r.crime_reference AS "crimeReference"
            FROM unnest(${arrayLiteral(victimKeys)}::text[]) AS k(key)
            CROSS JOIN LATERAL (
              SELECT crime_reference FROM ${referrals} WHERE victim_key = k.key LIMIT 2
            ) AS r`,
        );
  const existingByReference = new Map(existing.map((row) => [row.crimeReference, row]));
  // A victim key already held by another crime reference (stored, or earlier in this batch).
  const referencesByVictim = new Map<string, Set<string>>();
  const noteVictim = (key: string, reference: string) => {
    const seen = referencesByVictim.get(key) ?? new Set<string>();
    seen.add(reference);
    referencesByVictim.set(key, seen);
  };
  for (const row of earlierVictims) noteVictim(row.victimKey, row.crimeReference);
  const isRepeat = (victimKey: string | null, reference: string) =>
    victimKey !== null && [...(referencesByVictim.get(victimKey) ?? [])].some((other) => other !== reference);

  const results: IngestedReferral[] = [];
  const repeatVictim: boolean[] = [];
  const storedPositions: number[] = [];
  for (const [index, reference] of rows.references.entries()) {
    const victimKey = rows.victimKeys[index] ?? null;
    const stored = existingByReference.get(reference);
    if (!stored) {
      // Inserted with the other new referrals, below.
      repeatVictim.push(isRepeat(victimKey, reference));
      results.push({ id: rows.ids[index] ?? "", crimeReference: reference, outcome: "created" });
    } else {
      repeatVictim.push(false);
      storedPositions.push(index + 1);
      const unchanged = stored.contentHash === rows.contentHashes[index];
      if (!unchanged) {
        const resent = prepareContent(contentFromCanonical(rows.canonicals[index] ?? "[]"));
        await storeNextVersion(tx, stored, resent, {
          repeatVictim: stored.repeatVictim || isRepeat(victimKey, reference),
          context,
        });
      }
      results.push({
        id: stored.id,
        crimeReference: stored.crimeReference,
        outcome: unchanged ? "unchanged" : "versioned",
      });
    }
    if (victimKey) noteVictim(victimKey, reference);
  }
  if (storedPositions.length < rows.references.length)
    await tx.execute(insertStaged(rows, repeatVictim, storedPositions));
  return results;
}
