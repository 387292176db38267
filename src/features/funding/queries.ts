import { and, asc, count, desc, eq, inArray, lte, ne, type SQL, sql } from "drizzle-orm";
import { type Actor, visibleTo } from "#src/auth/policy.ts";
import { type Queryable, queryRows } from "#src/db/database.ts";
import {
  fundingFormulaParts,
  fundingFormulas,
  fundingFormulaVersions,
  fundingStreamAmounts,
  fundingStreams,
  organisations,
} from "#src/db/schema.ts";
import { containsPattern, offsetOf } from "#src/lib/paging.ts";
import type { ListFormulasQuery, ListStreamsQuery } from "./schema.ts";

export type FormulaRow = typeof fundingFormulas.$inferSelect;
export type FormulaVersionRow = typeof fundingFormulaVersions.$inferSelect;
export type StreamRow = typeof fundingStreams.$inferSelect;

const formulaColumns = {
  forceId: fundingFormulas.forceId,
  regionId: fundingFormulas.regionId,
  classification: fundingFormulas.classification,
  sharedWithForces: fundingFormulas.partyForces,
};

const streamColumns = {
  forceId: fundingStreams.forceId,
  regionId: fundingStreams.regionId,
  classification: fundingStreams.classification,
};

export async function organisationsWithIds(db: Queryable, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(organisations)
    .where(inArray(organisations.id, [...ids]));
}

export async function findFormulaRow(db: Queryable, id: string): Promise<FormulaRow | undefined> {
  const [row] = await db.select().from(fundingFormulas).where(eq(fundingFormulas.id, id));
  return row;
}

export async function formulasWithIds(db: Queryable, ids: readonly string[]): Promise<FormulaRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(fundingFormulas)
    .where(inArray(fundingFormulas.id, [...ids]));
}

/** A formula already using this name, whatever its case, other than `exceptId`. */
export async function findFormulaByName(db: Queryable, name: string, exceptId: string | null) {
  const [row] = await db
    .select({ id: fundingFormulas.id, name: fundingFormulas.name })
    .from(fundingFormulas)
    .where(
      and(
        sql`lower(${fundingFormulas.name}) = lower(${name})`,
        exceptId ? ne(fundingFormulas.id, exceptId) : undefined,
      ),
    );
  return row;
}

export async function listFormulas(
  db: Queryable,
  actor: Actor,
  query: ListFormulasQuery,
  year: number | null,
) {
  const conditions: SQL[] = [visibleTo(actor, formulaColumns)];
  if (query.q) conditions.push(sql`${fundingFormulas.name} ILIKE ${containsPattern(query.q)}`);
  if (query.ownerOrganisationId) {
    conditions.push(eq(fundingFormulas.ownerOrganisationId, query.ownerOrganisationId));
  }
  if (year !== null) {
    conditions.push(sql`EXISTS (
      SELECT 1 FROM ${fundingFormulaVersions}
      WHERE ${fundingFormulaVersions.formulaId} = ${fundingFormulas.id}
        AND ${fundingFormulaVersions.financialYear} <= ${year}
    )`);
  }
  const where = and(...conditions);
  const byName = asc(sql`lower(${fundingFormulas.name})`);
  const order = {
    name: byName,
    "-name": desc(sql`lower(${fundingFormulas.name})`),
    updatedAt: asc(fundingFormulas.updatedAt),
    "-updatedAt": desc(fundingFormulas.updatedAt),
  }[query.sort];
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(fundingFormulas)
      .where(where)
      .orderBy(order, byName)
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ total: count() }).from(fundingFormulas).where(where),
  ]);
  return { rows, total: Number(total?.total ?? 0) };
}

/** Every version of these formulas, oldest year first. */
export async function versionsOf(db: Queryable, formulaIds: readonly string[]): Promise<FormulaVersionRow[]> {
  if (formulaIds.length === 0) return [];
  return db
    .select()
    .from(fundingFormulaVersions)
    .where(inArray(fundingFormulaVersions.formulaId, [...formulaIds]))
    .orderBy(asc(fundingFormulaVersions.financialYear));
}

/** The parts of these versions in their order, with the names of what each part goes to. */
export async function partsOf(db: Queryable, versionIds: readonly string[]) {
  if (versionIds.length === 0) return [];
  return db
    .select({
      versionId: fundingFormulaParts.versionId,
      position: fundingFormulaParts.position,
      shareBp: fundingFormulaParts.shareBp,
      partyOrganisationId: fundingFormulaParts.partyOrganisationId,
      partyName: organisations.name,
      partyForceId: organisations.forceId,
      nestedFormulaId: fundingFormulaParts.nestedFormulaId,
      nestedFormulaName: fundingFormulas.name,
    })
    .from(fundingFormulaParts)
    .leftJoin(organisations, eq(organisations.id, fundingFormulaParts.partyOrganisationId))
    .leftJoin(fundingFormulas, eq(fundingFormulas.id, fundingFormulaParts.nestedFormulaId))
    .where(inArray(fundingFormulaParts.versionId, [...versionIds]))
    .orderBy(asc(fundingFormulaParts.versionId), asc(fundingFormulaParts.position));
}
export type PartRow = Awaited<ReturnType<typeof partsOf>>[number];

/** The version of a formula in effect in a financial year: the latest decided for it or before. */
export async function versionInEffect(
  db: Queryable,
  formulaId: string,
  year: number,
): Promise<FormulaVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(fundingFormulaVersions)
    .where(
      and(eq(fundingFormulaVersions.formulaId, formulaId), lte(fundingFormulaVersions.financialYear, year)),
    )
    .orderBy(desc(fundingFormulaVersions.financialYear))
    .limit(1);
  return row;
}

/** The formulas reachable from these through nested parts of any version, these included. */
export async function formulasReachableFrom(db: Queryable, formulaIds: readonly string[]): Promise<string[]> {
  if (formulaIds.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`
      WITH RECURSIVE reachable (id) AS (
        SELECT ${fundingFormulas.id} FROM ${fundingFormulas} WHERE ${inArray(fundingFormulas.id, [...formulaIds])}
        UNION
        SELECT parts.nested_formula_id
          FROM reachable
          JOIN funding_formula_versions versions ON versions.formula_id = reachable.id
          JOIN funding_formula_parts parts ON parts.version_id = versions.id
          WHERE parts.nested_formula_id IS NOT NULL
      )
      SELECT id::text AS id FROM reachable`,
  );
  return rows.map((row) => row.id);
}

// --- Streams ---

export async function findStreamRow(db: Queryable, id: string): Promise<StreamRow | undefined> {
  const [row] = await db.select().from(fundingStreams).where(eq(fundingStreams.id, id));
  return row;
}

/** A stream of the same recipient already using this name, whatever its case, other than `exceptId`. */
export async function findStreamByName(
  db: Queryable,
  recipientOrganisationId: string,
  name: string,
  exceptId: string | null,
) {
  const [row] = await db
    .select({ id: fundingStreams.id, name: fundingStreams.name })
    .from(fundingStreams)
    .where(
      and(
        eq(fundingStreams.recipientOrganisationId, recipientOrganisationId),
        sql`lower(${fundingStreams.name}) = lower(${name})`,
        exceptId ? ne(fundingStreams.id, exceptId) : undefined,
      ),
    );
  return row;
}

export async function listStreams(db: Queryable, actor: Actor, query: ListStreamsQuery, year: number | null) {
  const conditions: SQL[] = [visibleTo(actor, streamColumns)];
  if (query.q) conditions.push(sql`${fundingStreams.name} ILIKE ${containsPattern(query.q)}`);
  if (query.source) conditions.push(eq(fundingStreams.source, query.source));
  if (query.recipientOrganisationId) {
    conditions.push(eq(fundingStreams.recipientOrganisationId, query.recipientOrganisationId));
  }
  if (query.decisionReference) {
    conditions.push(sql`lower(${fundingStreams.decisionReference}) = lower(${query.decisionReference})`);
  }
  if (year !== null) {
    conditions.push(sql`EXISTS (
      SELECT 1 FROM ${fundingStreamAmounts}
      WHERE ${fundingStreamAmounts.streamId} = ${fundingStreams.id}
        AND ${fundingStreamAmounts.financialYear} = ${year}
    )`);
  }
  const where = and(...conditions);
  const byName = asc(sql`lower(${fundingStreams.name})`);
  const order = {
    name: byName,
    "-name": desc(sql`lower(${fundingStreams.name})`),
    source: asc(fundingStreams.source),
    "-source": desc(fundingStreams.source),
    updatedAt: asc(fundingStreams.updatedAt),
    "-updatedAt": desc(fundingStreams.updatedAt),
  }[query.sort];
  const yearOnly = year === null ? sql`true` : sql`${fundingStreamAmounts.financialYear} = ${year}`;
  const [rows, [total], [sum]] = await Promise.all([
    db
      .select()
      .from(fundingStreams)
      .where(where)
      .orderBy(order, byName)
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ total: count() }).from(fundingStreams).where(where),
    // As text: pg gives a numeric sum as a string and PGlite may not; text is the same from both.
    db
      .select({ sum: sql<string>`coalesce(sum(${fundingStreamAmounts.amountPence}), 0)::text` })
      .from(fundingStreamAmounts)
      .innerJoin(fundingStreams, eq(fundingStreams.id, fundingStreamAmounts.streamId))
      .where(and(where, yearOnly)),
  ]);
  return { rows, total: Number(total?.total ?? 0), sumPence: BigInt(sum?.sum ?? "0") };
}

/** The amounts of these streams, oldest year first. */
export async function amountsOf(db: Queryable, streamIds: readonly string[]) {
  if (streamIds.length === 0) return [];
  return db
    .select()
    .from(fundingStreamAmounts)
    .where(inArray(fundingStreamAmounts.streamId, [...streamIds]))
    .orderBy(asc(fundingStreamAmounts.financialYear));
}
