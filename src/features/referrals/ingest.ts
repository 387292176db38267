// Stores prepared referrals in one batch, inside the caller's transaction: new crime references
// become referrals, a re-sent reference with other content becomes its next version (the old
// content and the differences kept in referral_versions), the same content changes nothing.
// The form, the API and the bulk import all come through here, so they score, link and flag
// repeat victims the same way.

import { eq, getTableColumns, inArray, type SQL, sql } from "drizzle-orm";
import { queryRows, type Tx } from "#src/db/database.ts";
import { forces, referrals, referralVersions } from "#src/db/schema.ts";
import { contentChanges, type PreparedReferral, type ReferralContent } from "./intake.ts";
import { scoreReferral } from "./priority.ts";
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

/** How a column's values are written as text: chosen once a column, not once a value. */
function textEncoder(sqlType: string): (value: unknown) => string {
  if (sqlType.endsWith("[]")) return (value) => arrayLiteral(value as string[]);
  if (sqlType.startsWith("json")) return (value) => JSON.stringify(value);
  return (value) => (value instanceof Date ? value.toISOString() : String(value));
}

/**
 * One INSERT for the whole batch, each column passed as one text array and the rows rebuilt by
 * unnest, each value cast to its column's type: a multi-row VALUES list would need 35 parameters
 * a row (at most 65,535 a statement) and spends its time binding them, and unpacking one JSON
 * parameter (json_populate_recordset) measured 1.5 times slower than this
 * (bench/referrals.ts compares the import with COPY).
 */
function insertAll(rows: (typeof referrals.$inferInsert)[]): SQL {
  const columns = getTableColumns(referrals);
  const given = (Object.keys(columns) as (keyof typeof columns)[]).filter((key) =>
    rows.some((row) => row[key] !== undefined),
  );
  const names = sql.join(
    given.map((key) => sql.identifier(columns[key].name)),
    sql`, `,
  );
  const values = sql.join(
    given.map((key, index) => sql.raw(`u.c${index}::${columns[key].getSQLType()}`)),
    sql`, `,
  );
  const arrays = sql.join(
    given.map((key) => {
      const encode = textEncoder(columns[key].getSQLType());
      const elements = rows.map((row) => {
        const value = row[key];
        return arrayElement(value === null || value === undefined ? null : encode(value));
      });
      return sql`${`{${elements.join(",")}}`}::text[]`;
    }),
    sql`, `,
  );
  const aliases = sql.raw(given.map((_key, index) => `c${index}`).join(", "));
  return sql`INSERT INTO ${referrals} (${names})
    SELECT ${values} FROM unnest(${arrays}) AS u(${aliases})
    RETURNING id, crime_reference`;
}

/** The columns that follow from content: region, keys, priority and its clocks. */
function derivedColumns(
  prepared: PreparedReferral,
  regionId: string,
  repeatVictim: boolean,
  receivedAt: Date,
  settings: TriageSettings,
) {
  const { content } = prepared;
  const priority = scoreReferral(
    {
      vulnerability: content.vulnerability,
      lossPounds: content.lossPence / 100,
      harmOngoing: content.harmOngoing,
      repeatVictim,
      usableIdentifiers: prepared.identifierKeys.length,
    },
    settings.weights,
  );
  return {
    ...content,
    regionId,
    identifierKeys: prepared.identifierKeys,
    victimKey: prepared.victimKey,
    repeatVictim,
    contentHash: prepared.contentHash,
    priorityScore: priority.score,
    priorityBand: priority.band,
    priorityReasons: priority.reasons,
    triageDueAt: triageDue(receivedAt, priority.band, settings.targets),
    // Every vulnerable victim gets a contact task with its own clock.
    contactDueAt:
      content.vulnerability === "none"
        ? null
        : new Date(receivedAt.getTime() + settings.victimContactHours * hourMs),
  };
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
  const references = batch.map((item) => item.content.crimeReference);
  const victimKeys = [...new Set(batch.flatMap((item) => (item.victimKey ? [item.victimKey] : [])))];
  // One after another: a transaction is one connection, which runs one query at a time.
  const existing = await tx.select().from(referrals).where(inArray(referrals.crimeReference, references));
  const regions = await tx.select({ id: forces.id, regionId: forces.regionId }).from(forces);
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
  const regionOf = new Map(regions.map((force) => [force.id, force.regionId]));
  // A victim key already held by another crime reference (stored, or earlier in this batch).
  const referencesByVictim = new Map<string, Set<string>>();
  const noteVictim = (key: string, reference: string) => {
    const seen = referencesByVictim.get(key) ?? new Set<string>();
    seen.add(reference);
    referencesByVictim.set(key, seen);
  };
  for (const row of earlierVictims) noteVictim(row.victimKey, row.crimeReference);
  const isRepeat = (item: PreparedReferral) =>
    item.victimKey !== null &&
    [...(referencesByVictim.get(item.victimKey) ?? [])].some(
      (reference) => reference !== item.content.crimeReference,
    );

  const results: IngestedReferral[] = [];
  const inserts: (typeof referrals.$inferInsert)[] = [];
  for (const item of batch) {
    const regionId = regionOf.get(item.content.forceId);
    if (!regionId) throw new Error(`Unknown force ${item.content.forceId} reached ingest`);
    const stored = existingByReference.get(item.content.crimeReference);
    if (!stored) {
      inserts.push({
        ...derivedColumns(item, regionId, isRepeat(item), options.receivedAt, options.settings),
        receivedAt: options.receivedAt,
        versionReceivedAt: options.receivedAt,
        importRunId: options.importRunId,
        version: 1,
        status: "awaiting-triage",
      });
    } else if (stored.contentHash === item.contentHash) {
      results.push({ id: stored.id, crimeReference: stored.crimeReference, outcome: "unchanged" });
    } else {
      const before = storedContent(stored);
      const derived = derivedColumns(
        item,
        regionId,
        stored.repeatVictim || isRepeat(item),
        stored.receivedAt,
        options.settings,
      );
      await tx.insert(referralVersions).values({
        referralId: stored.id,
        version: stored.version,
        content: { ...before },
        changes: contentChanges(before, item.content),
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
          versionReceivedAt: options.receivedAt,
          updatedAt: sql`now()`,
        })
        .where(eq(referrals.id, stored.id));
      results.push({ id: stored.id, crimeReference: stored.crimeReference, outcome: "versioned" });
    }
    if (item.victimKey) noteVictim(item.victimKey, item.content.crimeReference);
  }
  if (inserts.length > 0) {
    const created = await queryRows<{ id: string; crime_reference: string }>(tx, insertAll(inserts));
    for (const row of created)
      results.push({ id: row.id, crimeReference: row.crime_reference, outcome: "created" });
  }
  return results;
}
