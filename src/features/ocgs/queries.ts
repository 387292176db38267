import { and, asc, count, desc, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { type Actor, classifications, clearanceCovers, visibleTo } from "#src/auth/policy.ts";
import type { Queryable, Tx } from "#src/db/database.ts";
import {
  auditEvents,
  crimeTypes,
  disruptions,
  forces,
  ocgAssessments,
  ocgPlanActions,
  ocgReferenceCounters,
  ocgs,
  operationTargets,
  regions,
  scoringModels,
  users,
} from "#src/db/schema.ts";
import { containsPattern, offsetOf } from "#src/lib/paging.ts";
import type { ListOcgsQuery, ListPlanActionsQuery } from "./schema.ts";

export type OcgRow = typeof ocgs.$inferSelect;
export type PlanActionRow = typeof ocgPlanActions.$inferSelect;

const ocgColumns = {
  forceId: ocgs.forceId,
  regionId: ocgs.regionId,
  classification: ocgs.classification,
  sharedWithForces: ocgs.forcesAffected,
};

/**
 * The latest finalised assessment of each OCG that the actor is cleared to read, as a LATERAL
 * subquery so that lists can filter and sort on its band and score in the database.
 */
function latestAssessmentOf(db: Queryable, actor: Actor) {
  const cleared = classifications.filter((classification) =>
    clearanceCovers(actor.clearance, classification),
  );
  return db
    .select({
      id: sql<string>`${ocgAssessments.id}`.as("latest_id"),
      // numeric arrives as a string from both drivers; float8 arrives as a number.
      score: sql<number>`${ocgAssessments.score}::float8`.as("latest_score"),
      band: sql<string>`${ocgAssessments.band}`.as("latest_band"),
      modelVersion: sql<number>`${scoringModels.version}`.as("latest_model_version"),
      assessedOn: sql<string>`${ocgAssessments.assessedOn}::text`.as("latest_assessed_on"),
    })
    .from(ocgAssessments)
    .innerJoin(scoringModels, eq(scoringModels.id, ocgAssessments.modelId))
    .where(
      and(
        eq(ocgAssessments.ocgId, ocgs.id),
        eq(ocgAssessments.status, "final"),
        inArray(ocgAssessments.classification, cleared),
      ),
    )
    .orderBy(desc(ocgAssessments.finalisedAt))
    .limit(1)
    .as("latest");
}

const overdueCondition = sql`${ocgPlanActions.dueOn} < current_date AND ${ocgPlanActions.status} IN ('open', 'in-progress')`;

const overdueActionsOf = sql<number>`(
  SELECT count(*)::int FROM ${ocgPlanActions}
  WHERE ${ocgPlanActions.ocgId} = ${ocgs.id} AND ${overdueCondition}
)`;

function summaryQuery(db: Queryable, actor: Actor) {
  const latest = latestAssessmentOf(db, actor);
  const query = db
    .select({
      ocg: ocgs,
      leadForceName: forces.name,
      primaryCrimeTypeName: crimeTypes.name,
      lroName: users.name,
      latest: {
        id: latest.id,
        score: latest.score,
        band: latest.band,
        modelVersion: latest.modelVersion,
        assessedOn: latest.assessedOn,
      },
      overdueActions: overdueActionsOf,
    })
    .from(ocgs)
    .innerJoin(forces, eq(forces.id, ocgs.forceId))
    .innerJoin(crimeTypes, eq(crimeTypes.code, ocgs.primaryCrimeType))
    .leftJoin(users, eq(users.id, ocgs.lroUserId))
    .leftJoinLateral(latest, sql`true`);
  return { query, latest };
}

export type OcgSummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>["query"]["execute"]>>[number];

/** One OCG with its summary fields, if it exists (the service decides whether the actor may see it). */
export async function findOcg(db: Queryable, actor: Actor, id: string): Promise<OcgSummaryRow | undefined> {
  const { query } = summaryQuery(db, actor);
  const [row] = await query.where(eq(ocgs.id, id));
  return row;
}

export async function findOcgRow(db: Queryable, id: string): Promise<OcgRow | undefined> {
  const [row] = await db.select().from(ocgs).where(eq(ocgs.id, id));
  return row;
}

export async function listOcgs(db: Queryable, actor: Actor, query: ListOcgsQuery) {
  const { query: select, latest } = summaryQuery(db, actor);
  const conditions: SQL[] = [visibleTo(actor, ocgColumns)];
  if (query.q) {
    const pattern = containsPattern(query.q);
    conditions.push(
      or(
        sql`${ocgs.name} ILIKE ${pattern}`,
        sql`${ocgs.reference} ILIKE ${pattern}`,
        sql`EXISTS (SELECT 1 FROM unnest(${ocgs.aliases}) AS alias WHERE alias ILIKE ${pattern})`,
      ) as SQL,
    );
  }
  if (query.status) conditions.push(eq(ocgs.status, query.status));
  if (query.level) conditions.push(eq(ocgs.level, query.level));
  if (query.crimeType) {
    conditions.push(
      or(
        eq(ocgs.primaryCrimeType, query.crimeType),
        sql`${query.crimeType} = ANY(${ocgs.secondaryCrimeTypes})`,
      ) as SQL,
    );
  }
  if (query.forceId) {
    conditions.push(
      or(eq(ocgs.forceId, query.forceId), sql`${query.forceId} = ANY(${ocgs.forcesAffected})`) as SQL,
    );
  }
  if (query.band) conditions.push(eq(latest.band, query.band));
  const where = and(...conditions);
  const direction = query.sort.startsWith("-") ? "desc" : "asc";
  const sortColumns = {
    reference: ocgs.reference,
    name: ocgs.name,
    updatedAt: ocgs.updatedAt,
  };
  const field = query.sort.replace("-", "") as keyof typeof sortColumns | "score";
  // Groups never assessed sort last whichever way the score is sorted.
  const order =
    field === "score"
      ? sql`${latest.score} ${sql.raw(direction)} NULLS LAST`
      : direction === "desc"
        ? desc(sortColumns[field])
        : asc(sortColumns[field]);
  const [rows, [total]] = await Promise.all([
    select.where(where).orderBy(order, asc(ocgs.reference)).limit(query.pageSize).offset(offsetOf(query)),
    db.select({ total: count() }).from(ocgs).leftJoinLateral(latest, sql`true`).where(where),
  ]);
  return { rows, total: Number(total?.total ?? 0) };
}

/** Takes the next OCG number of a region; the counter only goes up, so numbers are never reused. */
export async function nextOcgReference(tx: Tx, regionId: string): Promise<string> {
  const [counter] = await tx
    .insert(ocgReferenceCounters)
    .values({ regionId, lastNumber: 1 })
    .onConflictDoUpdate({
      target: ocgReferenceCounters.regionId,
      set: { lastNumber: sql`${ocgReferenceCounters.lastNumber} + 1` },
    })
    .returning();
  const [region] = await tx.select({ code: regions.code }).from(regions).where(eq(regions.id, regionId));
  if (!counter || !region) throw new Error(`no reference counter for region ${regionId}`);
  return `${region.code}-OCG-${String(counter.lastNumber).padStart(4, "0")}`;
}

export async function findForce(db: Queryable, id: string) {
  const [row] = await db.select().from(forces).where(eq(forces.id, id));
  return row;
}

/** The codes among `ids` that exist, to name the ones that do not. */
export async function existingForceIds(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: forces.id })
    .from(forces)
    .where(inArray(forces.id, [...ids]));
  return new Set(rows.map((row) => row.id));
}

export async function existingCrimeTypes(db: Queryable, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .select({ code: crimeTypes.code })
    .from(crimeTypes)
    .where(inArray(crimeTypes.code, [...codes]));
  return new Set(rows.map((row) => row.code));
}

export async function isActiveUser(db: Queryable, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, id), isNull(users.disabledAt)));
  return row !== undefined;
}

const planActionSelection = {
  action: ocgPlanActions,
  overdue: sql<boolean>`(${overdueCondition})`,
};

export async function planActionsOf(db: Queryable, ocgId: string) {
  return db
    .select(planActionSelection)
    .from(ocgPlanActions)
    .where(eq(ocgPlanActions.ocgId, ocgId))
    .orderBy(asc(ocgPlanActions.dueOn), asc(ocgPlanActions.createdAt));
}

/** A plan action with the OCG it belongs to (whose visibility is the action's). */
export async function findPlanAction(db: Queryable, id: string) {
  const [row] = await db
    .select({ ...planActionSelection, ocg: ocgs })
    .from(ocgPlanActions)
    .innerJoin(ocgs, eq(ocgs.id, ocgPlanActions.ocgId))
    .where(eq(ocgPlanActions.id, id));
  return row;
}

export async function listPlanActions(db: Queryable, actor: Actor, query: ListPlanActionsQuery) {
  const conditions: SQL[] = [visibleTo(actor, ocgColumns)];
  if (query.overdue !== undefined)
    conditions.push(query.overdue ? overdueCondition : sql`NOT (${overdueCondition})`);
  if (query.strand) conditions.push(eq(ocgPlanActions.strand, query.strand));
  if (query.forceId) {
    conditions.push(
      or(eq(ocgs.forceId, query.forceId), sql`${query.forceId} = ANY(${ocgs.forcesAffected})`) as SQL,
    );
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        ...planActionSelection,
        ocg: { id: ocgs.id, reference: ocgs.reference, name: ocgs.name },
      })
      .from(ocgPlanActions)
      .innerJoin(ocgs, eq(ocgs.id, ocgPlanActions.ocgId))
      .where(where)
      .orderBy(asc(ocgPlanActions.dueOn), asc(ocgs.reference), asc(ocgPlanActions.id))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db
      .select({ total: count() })
      .from(ocgPlanActions)
      .innerJoin(ocgs, eq(ocgs.id, ocgPlanActions.ocgId))
      .where(where),
  ]);
  return { rows, total: Number(total?.total ?? 0) };
}

/**
 * The audit events that make up an OCG's history: its own, its plan actions' and its
 * assessments' (found by the assessment row, or by the ocgId the scoring feature records).
 * Reads are not history, so read events are left out.
 */
export async function timelineEvents(db: Queryable, ocgId: string) {
  return db
    .select({ event: auditEvents, actorName: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(
      and(
        or(
          and(eq(auditEvents.entityType, "ocg"), eq(auditEvents.entityId, ocgId)),
          and(
            eq(auditEvents.entityType, "ocg_plan_action"),
            sql`${auditEvents.entityId} IN (SELECT ${ocgPlanActions.id}::text FROM ${ocgPlanActions} WHERE ${ocgPlanActions.ocgId} = ${ocgId})`,
          ),
          and(
            eq(auditEvents.entityType, "ocg_assessment"),
            or(
              sql`${auditEvents.changes} -> 'ocgId' ->> 'after' = ${ocgId}`,
              sql`${auditEvents.entityId} IN (SELECT ${ocgAssessments.id}::text FROM ${ocgAssessments} WHERE ${ocgAssessments.ocgId} = ${ocgId})`,
            ),
          ),
          // Operations that target (or targeted) the group, even if it was taken off them since.
          and(
            eq(auditEvents.entityType, "operation"),
            or(
              sql`${auditEvents.entityId} IN (SELECT ${operationTargets.operationId}::text FROM ${operationTargets} WHERE ${operationTargets.ocgId} = ${ocgId})`,
              sql`${auditEvents.changes} -> 'targetOcgIds' -> 'before' ? ${ocgId}`,
            ),
          ),
          and(
            eq(auditEvents.entityType, "disruption"),
            sql`${auditEvents.entityId} IN (SELECT ${disruptions.id}::text FROM ${disruptions} WHERE ${disruptions.ocgId} = ${ocgId})`,
          ),
          // Outcomes may have been deleted since: their events name the OCG.
          and(
            eq(auditEvents.entityType, "outcome"),
            sql`coalesce(${auditEvents.changes} -> 'ocgId' ->> 'after', ${auditEvents.changes} -> 'ocgId' ->> 'before') = ${ocgId}`,
          ),
        ),
        sql`${auditEvents.action} NOT LIKE '%.read'`,
      ),
    )
    .orderBy(desc(auditEvents.id));
}
