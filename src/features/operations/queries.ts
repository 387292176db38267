import { and, asc, count, desc, eq, inArray, isNull, ne, type SQL, sql } from "drizzle-orm";
import { type Actor, visibleTo } from "#src/auth/policy.ts";
import type { Queryable } from "#src/db/database.ts";
import {
  forces,
  ocgs,
  operationStatuses,
  operations,
  operationTargets,
  organisations,
  users,
} from "#src/db/schema.ts";
import { containsPattern, offsetOf } from "#src/lib/paging.ts";
import type { ListOperationsQuery } from "./schema.ts";

export type OperationRow = typeof operations.$inferSelect;

const operationColumns = {
  forceId: operations.forceId,
  regionId: operations.regionId,
  classification: operations.classification,
  sharedWithForces: operations.forcesInvolved,
};

const ocgColumns = {
  forceId: ocgs.forceId,
  regionId: ocgs.regionId,
  classification: ocgs.classification,
  sharedWithForces: ocgs.forcesAffected,
};

/** Statuses in the order an operation goes through them, so sorting by status reads as its life. */
const statusOrder = sql`CASE ${operations.status} ${sql.raw(
  operationStatuses.map((status, index) => `WHEN '${status}' THEN ${index}`).join(" "),
)} END`;

function viewQuery(db: Queryable) {
  return db
    .select({
      operation: operations,
      leadOrganisationName: organisations.name,
      hostForceName: forces.name,
      sioName: users.name,
    })
    .from(operations)
    .innerJoin(organisations, eq(organisations.id, operations.leadOrganisationId))
    .innerJoin(forces, eq(forces.id, operations.forceId))
    .leftJoin(users, eq(users.id, operations.sioUserId));
}

export type OperationViewRow = Awaited<ReturnType<ReturnType<typeof viewQuery>["execute"]>>[number];

export async function findOperationRow(db: Queryable, id: string): Promise<OperationRow | undefined> {
  const [row] = await db.select().from(operations).where(eq(operations.id, id));
  return row;
}

/** One operation with the names it shows (the service decides whether the actor may see it). */
export async function findOperation(db: Queryable, id: string): Promise<OperationViewRow | undefined> {
  const [row] = await viewQuery(db).where(eq(operations.id, id));
  return row;
}

export async function listOperations(db: Queryable, actor: Actor, query: ListOperationsQuery) {
  const conditions: SQL[] = [visibleTo(actor, operationColumns)];
  if (query.q) conditions.push(sql`${operations.codeName} ILIKE ${containsPattern(query.q)}`);
  if (query.status) conditions.push(eq(operations.status, query.status));
  if (query.level) conditions.push(eq(operations.level, query.level));
  if (query.hostForceId) conditions.push(eq(operations.forceId, query.hostForceId));
  if (query.ocgId) {
    // Only through an OCG the actor may see: a hidden group's id says nothing about its operations.
    conditions.push(sql`EXISTS (
      SELECT 1 FROM ${operationTargets} INNER JOIN ${ocgs} ON ${ocgs.id} = ${operationTargets.ocgId}
      WHERE ${operationTargets.operationId} = ${operations.id}
        AND ${operationTargets.ocgId} = ${query.ocgId}
        AND ${visibleTo(actor, ocgColumns)}
    )`);
  }
  const where = and(...conditions);
  const direction = query.sort.startsWith("-") ? "desc" : "asc";
  const field = query.sort.replace("-", "") as "codeName" | "startedOn" | "updatedAt" | "status";
  const sortColumns = {
    codeName: sql`lower(${operations.codeName})`,
    // Operations not started yet sort last whichever way the dates go.
    startedOn: sql`${operations.startedOn} ${sql.raw(direction)} NULLS LAST`,
    updatedAt: operations.updatedAt,
    status: statusOrder,
  };
  const order =
    field === "startedOn"
      ? sortColumns.startedOn
      : direction === "desc"
        ? desc(sortColumns[field])
        : asc(sortColumns[field]);
  const [rows, [total]] = await Promise.all([
    viewQuery(db)
      .where(where)
      .orderBy(order, asc(sql`lower(${operations.codeName})`))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.select({ total: count() }).from(operations).where(where),
  ]);
  return { rows, total: Number(total?.total ?? 0) };
}

/** The target OCGs of these operations that the actor may see, by reference. */
export async function visibleTargetsOf(db: Queryable, actor: Actor, operationIds: readonly string[]) {
  if (operationIds.length === 0) return [];
  return db
    .select({
      operationId: operationTargets.operationId,
      id: ocgs.id,
      reference: ocgs.reference,
      name: ocgs.name,
    })
    .from(operationTargets)
    .innerJoin(ocgs, eq(ocgs.id, operationTargets.ocgId))
    .where(and(inArray(operationTargets.operationId, [...operationIds]), visibleTo(actor, ocgColumns)))
    .orderBy(asc(ocgs.reference));
}

/** Every target of an operation, seen or not, in a stable order. */
export async function targetIdsOf(db: Queryable, operationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: operationTargets.ocgId })
    .from(operationTargets)
    .where(eq(operationTargets.operationId, operationId))
    .orderBy(asc(operationTargets.ocgId));
  return rows.map((row) => row.id);
}

/** The OCGs among `ids` that exist, with what deciding their visibility and lead force needs. */
export async function ocgsWithIds(db: Queryable, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: ocgs.id,
      forceId: ocgs.forceId,
      regionId: ocgs.regionId,
      classification: ocgs.classification,
      forcesAffected: ocgs.forcesAffected,
    })
    .from(ocgs)
    .where(inArray(ocgs.id, [...ids]));
}

/** An operation already using this code name, whatever its case, other than `exceptId`. */
export async function findByCodeName(db: Queryable, codeName: string, exceptId: string | null) {
  const [row] = await db
    .select({ id: operations.id, codeName: operations.codeName })
    .from(operations)
    .where(
      and(
        sql`lower(${operations.codeName}) = lower(${codeName})`,
        exceptId ? ne(operations.id, exceptId) : undefined,
      ),
    );
  return row;
}

export async function findOrganisation(db: Queryable, id: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

export async function findForce(db: Queryable, id: string) {
  const [row] = await db.select().from(forces).where(eq(forces.id, id));
  return row;
}

export async function isActiveUser(db: Queryable, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, id), isNull(users.disabledAt)));
  return row !== undefined;
}
