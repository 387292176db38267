import { and, asc, count, desc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import { type Actor, classifications, clearanceCovers, visibleTo } from "#src/auth/policy.ts";
import type { Queryable, Tx } from "#src/db/database.ts";
import { ocgAssessments, ocgs, scoringModels, users } from "#src/db/schema.ts";
import { offsetOf } from "#src/lib/paging.ts";
import type { PriorityListQuery } from "./schema.ts";

export type ModelRow = typeof scoringModels.$inferSelect;
export type AssessmentRow = typeof ocgAssessments.$inferSelect;
export type OcgRow = Pick<
  typeof ocgs.$inferSelect,
  "id" | "reference" | "status" | "forceId" | "regionId" | "classification" | "forcesAffected"
>;
export interface AssessmentWithContext {
  assessment: AssessmentRow;
  model: ModelRow;
  assessorName: string;
}

// Any constant works: it only has to be the same for every writer of scoring model versions.
const modelVersionLockKey = 74_200_002;

/** Serialises changes to scoring models, so versions are numbered without gaps or clashes. */
export async function lockModels(tx: Tx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${modelVersionLockKey})`);
}

export const listModels = (db: Queryable) =>
  db.select().from(scoringModels).orderBy(desc(scoringModels.version));

export async function findModel(db: Queryable, id: string): Promise<ModelRow | undefined> {
  const [row] = await db.select().from(scoringModels).where(eq(scoringModels.id, id));
  return row;
}

export async function findActiveModel(db: Queryable): Promise<ModelRow | undefined> {
  const [row] = await db.select().from(scoringModels).where(eq(scoringModels.status, "active"));
  return row;
}

export async function nextModelVersion(tx: Tx): Promise<number> {
  const [row] = await tx
    .select({ last: sql<number>`coalesce(max(${scoringModels.version}), 0)::int` })
    .from(scoringModels);
  return (row?.last ?? 0) + 1;
}

/** The little of an OCG that scoring needs: who owns it, how it is classified, whether archived. */
export async function findOcg(db: Queryable, id: string): Promise<OcgRow | undefined> {
  const [row] = await db
    .select({
      id: ocgs.id,
      reference: ocgs.reference,
      status: ocgs.status,
      forceId: ocgs.forceId,
      regionId: ocgs.regionId,
      classification: ocgs.classification,
      forcesAffected: ocgs.forcesAffected,
    })
    .from(ocgs)
    .where(eq(ocgs.id, id));
  return row;
}

const assessmentWithContext = {
  assessment: ocgAssessments,
  model: scoringModels,
  assessorName: users.name,
};

export async function findAssessment(db: Queryable, id: string): Promise<AssessmentWithContext | undefined> {
  const [row] = await db
    .select(assessmentWithContext)
    .from(ocgAssessments)
    .innerJoin(scoringModels, eq(scoringModels.id, ocgAssessments.modelId))
    .innerJoin(users, eq(users.id, ocgAssessments.assessorId))
    .where(eq(ocgAssessments.id, id));
  return row;
}

const clearedFor = (actor: Actor) =>
  classifications.filter((classification) => clearanceCovers(actor.clearance, classification));

/** Newest first: by the date assessed, then by when the record was made. */
const newestFirst = [
  desc(ocgAssessments.assessedOn),
  desc(ocgAssessments.createdAt),
  desc(ocgAssessments.id),
];

/** An OCG's assessments the actor is cleared for (the caller has checked the OCG itself). */
export function assessmentsOfOcg(
  db: Queryable,
  actor: Actor,
  ocgId: string,
): Promise<AssessmentWithContext[]> {
  return db
    .select(assessmentWithContext)
    .from(ocgAssessments)
    .innerJoin(scoringModels, eq(scoringModels.id, ocgAssessments.modelId))
    .innerJoin(users, eq(users.id, ocgAssessments.assessorId))
    .where(and(eq(ocgAssessments.ocgId, ocgId), inArray(ocgAssessments.classification, clearedFor(actor))))
    .orderBy(...newestFirst);
}

/**
 * The non-archived OCGs the actor can see, filtered as asked, each with its latest final
 * assessment (a LATERAL subquery) and its rank by that score; groups never assessed rank null.
 * Ties share a rank. The band filter is applied afterwards, so ranks stay those of the whole list.
 */
function rankedOcgs(db: Queryable, actor: Actor, query: PriorityListQuery) {
  const latest = db
    .select({
      assessmentId: sql<string>`${ocgAssessments.id}`.as("assessment_id"),
      score: sql<number>`${ocgAssessments.score}::float8`.as("score"),
      band: sql<string>`${ocgAssessments.band}`.as("band"),
      assessedOn: sql<string>`${ocgAssessments.assessedOn}::text`.as("assessed_on"),
      ratings: sql<AssessmentRow["ratings"]>`${ocgAssessments.ratings}`.as("ratings"),
      modelVersion: sql<number>`${scoringModels.version}`.as("model_version"),
    })
    .from(ocgAssessments)
    .innerJoin(scoringModels, eq(scoringModels.id, ocgAssessments.modelId))
    .where(
      and(
        eq(ocgAssessments.ocgId, ocgs.id),
        eq(ocgAssessments.status, "final"),
        inArray(ocgAssessments.classification, clearedFor(actor)),
      ),
    )
    .orderBy(...newestFirst)
    .limit(1)
    .as("latest");
  const conditions: SQL[] = [
    visibleTo(actor, {
      forceId: ocgs.forceId,
      regionId: ocgs.regionId,
      classification: ocgs.classification,
      sharedWithForces: ocgs.forcesAffected,
    }),
    sql`${ocgs.status} <> 'archived'`,
  ];
  if (query.regionId) conditions.push(eq(ocgs.regionId, query.regionId));
  if (query.forceId)
    conditions.push(
      or(eq(ocgs.forceId, query.forceId), sql`${query.forceId} = ANY(${ocgs.forcesAffected})`) as SQL,
    );
  if (query.crimeType)
    conditions.push(
      or(
        eq(ocgs.primaryCrimeType, query.crimeType),
        sql`${query.crimeType} = ANY(${ocgs.secondaryCrimeTypes})`,
      ) as SQL,
    );
  return db.$with("ranked").as(
    db
      .select({
        id: ocgs.id,
        reference: ocgs.reference,
        name: ocgs.name,
        status: ocgs.status,
        level: ocgs.level,
        forceId: ocgs.forceId,
        regionId: ocgs.regionId,
        primaryCrimeType: ocgs.primaryCrimeType,
        classification: ocgs.classification,
        assessmentId: latest.assessmentId,
        score: latest.score,
        band: latest.band,
        assessedOn: latest.assessedOn,
        ratings: latest.ratings,
        modelVersion: latest.modelVersion,
        rank: sql<number | null>`CASE WHEN ${latest.score} IS NULL THEN NULL
          ELSE (rank() OVER (PARTITION BY ${latest.score} IS NULL ORDER BY ${latest.score} DESC))::int END`.as(
          "rank",
        ),
      })
      .from(ocgs)
      .leftJoinLateral(latest, sql`true`)
      .where(and(...conditions)),
  );
}

export async function priorityList(db: Queryable, actor: Actor, query: PriorityListQuery) {
  const ranked = rankedOcgs(db, actor, query);
  const where = query.band ? eq(ranked.band, query.band) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .with(ranked)
      .select()
      .from(ranked)
      .where(where)
      .orderBy(sql`${ranked.rank} ASC NULLS LAST`, asc(ranked.reference))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    db.with(ranked).select({ total: count() }).from(ranked).where(where),
  ]);
  return { rows, total: Number(total?.total ?? 0) };
}
export type PriorityRow = Awaited<ReturnType<typeof priorityList>>["rows"][number];

/** Every ranked OCG of the list (whatever the band filter and page) with its latest final ratings. */
export function rankedRatings(db: Queryable, actor: Actor, query: PriorityListQuery) {
  const ranked = rankedOcgs(db, actor, query);
  return db
    .with(ranked)
    .select({ id: ranked.id, rank: ranked.rank, ratings: ranked.ratings })
    .from(ranked)
    .where(sql`${ranked.rank} IS NOT NULL`);
}
