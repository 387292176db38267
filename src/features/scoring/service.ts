import { and, eq } from "drizzle-orm";
import {
  type AuditEventInput,
  actorOf,
  changedFields,
  type RequestContext,
  recordAudit,
} from "#src/audit/audit.ts";
import { type Actor, type Classification, can, clearanceCovers, type OwnedRecord } from "#src/auth/policy.ts";
import type { Db } from "#src/db/database.ts";
import { ocgAssessments, scoringModels } from "#src/db/schema.ts";
import { AppError, forbidden, invalidField, notFound } from "#src/lib/errors.ts";
import {
  type ModelDefinition,
  modelDefinition,
  type RatingProblem,
  ratingProblems,
  roundScore,
  scoreAssessment,
} from "./model.ts";
import * as queries from "./queries.ts";
import type {
  AssessmentChange,
  AssessmentView,
  CreateAssessmentInput,
  CreateModelInput,
  PriorityEntry,
  PriorityListQuery,
  ScoringModelView,
  UpdateAssessmentInput,
} from "./schema.ts";

// ---- Scoring models: national reference data, readable by everyone who reads OCGs. ----

/** Stored definitions were validated when created and are never changed; parsing types them. */
const definitionOf = (model: queries.ModelRow): ModelDefinition => modelDefinition.parse(model.definition);

function presentModel(model: queries.ModelRow): ScoringModelView {
  return {
    id: model.id,
    version: model.version,
    name: model.name,
    status: model.status,
    definition: definitionOf(model),
    notes: model.notes,
    createdBy: model.createdBy,
    createdAt: model.createdAt.toISOString(),
  };
}

function modelAudit(
  model: queries.ModelRow,
  action: string,
  changes: AuditEventInput["changes"],
): AuditEventInput {
  return { action, entityType: "scoring_model", entityId: model.id, changes };
}

export async function listModels(db: Db, context: RequestContext) {
  if (!can(actorOf(context), "ocgs.read")) throw forbidden();
  return { items: (await queries.listModels(db)).map(presentModel) };
}

export async function getModel(db: Db, context: RequestContext, id: string): Promise<ScoringModelView> {
  if (!can(actorOf(context), "ocgs.read")) throw forbidden();
  const model = await queries.findModel(db, id);
  if (!model) throw notFound("Scoring model");
  return presentModel(model);
}

/** A new version starts as a draft: it can be compared on the priority list before it is activated. */
export async function createModel(
  db: Db,
  context: RequestContext,
  input: CreateModelInput,
): Promise<ScoringModelView> {
  const actor = actorOf(context);
  if (!can(actor, "scoring.manage")) throw forbidden();
  const created = await db.transaction(async (tx) => {
    await queries.lockModels(tx);
    const version = await queries.nextModelVersion(tx);
    const [row] = await tx
      .insert(scoringModels)
      .values({
        version,
        name: input.name,
        status: "draft",
        definition: input.definition,
        notes: input.notes,
        createdBy: actor.id,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await recordAudit(
      tx,
      context,
      modelAudit(row, "scoring_model.create", {
        version: { after: row.version },
        name: { after: row.name },
        status: { after: row.status },
        definition: { after: row.definition },
        notes: { after: row.notes },
      }),
    );
    return row;
  });
  return presentModel(created);
}

/** Puts a model in force; the one in force until now is retired in the same transaction. */
export async function activateModel(db: Db, context: RequestContext, id: string): Promise<ScoringModelView> {
  const actor = actorOf(context);
  if (!can(actor, "scoring.manage")) throw forbidden();
  const activated = await db.transaction(async (tx) => {
    await queries.lockModels(tx);
    const model = await queries.findModel(tx, id);
    if (!model) throw notFound("Scoring model");
    if (model.status === "active") return model;
    const previous = await queries.findActiveModel(tx);
    // Retire first: the unique index allows only one active model at any moment.
    if (previous) {
      await tx.update(scoringModels).set({ status: "retired" }).where(eq(scoringModels.id, previous.id));
      await recordAudit(
        tx,
        context,
        modelAudit(previous, "scoring_model.retire", {
          status: { before: "active", after: "retired" },
          replacedBy: { after: model.id },
        }),
      );
    }
    const [row] = await tx
      .update(scoringModels)
      .set({ status: "active" })
      .where(eq(scoringModels.id, id))
      .returning();
    if (!row) throw notFound("Scoring model");
    await recordAudit(
      tx,
      context,
      modelAudit(row, "scoring_model.activate", {
        status: { before: model.status, after: "active" },
        ...(previous ? { replaces: { after: previous.id } } : {}),
      }),
    );
    return row;
  });
  return presentModel(activated);
}

// ---- Assessments: owned through their OCG. ----

const ocgRecord = (ocg: queries.OcgRow): OwnedRecord => ({
  forceId: ocg.forceId,
  regionId: ocg.regionId,
  classification: ocg.classification,
  sharedWithForces: ocg.forcesAffected,
});

const stricter = (a: Classification, b: Classification): Classification => (clearanceCovers(a, b) ? a : b);

/**
 * An assessment is seen by whoever sees its OCG now (the OCG's lead force, region and affected
 * forces may change after a final assessment, which can never be updated to follow), and only by
 * those cleared for both the assessment's classification and the OCG's.
 */
const assessmentRecord = (assessment: queries.AssessmentRow, ocg: queries.OcgRow): OwnedRecord => ({
  ...ocgRecord(ocg),
  classification: stricter(assessment.classification, ocg.classification),
});

/** Loads an OCG the actor may act on; anything out of reach looks like it does not exist. */
async function loadOcg(db: Db, actor: Actor, id: string, permission: "ocgs.read" | "ocgs.assess") {
  const ocg = await queries.findOcg(db, id);
  if (!ocg || !can(actor, "ocgs.read", ocgRecord(ocg))) throw notFound("OCG");
  if (!can(actor, permission, ocgRecord(ocg))) throw forbidden();
  return ocg;
}

async function loadAssessment(db: Db, actor: Actor, id: string, permission: "ocgs.read" | "ocgs.assess") {
  const found = await queries.findAssessment(db, id);
  const ocg = found && (await queries.findOcg(db, found.assessment.ocgId));
  if (!found || !ocg || !can(actor, "ocgs.read", assessmentRecord(found.assessment, ocg)))
    throw notFound("Assessment");
  if (!can(actor, permission, assessmentRecord(found.assessment, ocg))) throw forbidden();
  return { ...found, ocg };
}

function presentAssessment({
  assessment,
  model,
  assessorName,
}: queries.AssessmentWithContext): AssessmentView {
  const { breakdown, missing } = scoreAssessment(definitionOf(model), assessment.ratings);
  return {
    id: assessment.id,
    ocgId: assessment.ocgId,
    modelId: model.id,
    modelVersion: model.version,
    forceId: assessment.forceId,
    regionId: assessment.regionId,
    classification: assessment.classification,
    assessor: { id: assessment.assessorId, name: assessorName },
    assessedOn: assessment.assessedOn,
    status: assessment.status,
    ratings: assessment.ratings,
    score: Number(assessment.score),
    band: assessment.band,
    breakdown,
    missing,
    finalisedAt: assessment.finalisedAt?.toISOString() ?? null,
    createdAt: assessment.createdAt.toISOString(),
    updatedAt: assessment.updatedAt.toISOString(),
  };
}

const auditedFields = ["assessedOn", "ratings", "score", "band", "status", "finalisedAt"] as const;

function assessmentAudit(
  after: queries.AssessmentRow,
  action: string,
  before: queries.AssessmentRow | null,
): AuditEventInput {
  return {
    action,
    entityType: "ocg_assessment",
    entityId: after.id,
    forceId: after.forceId,
    regionId: after.regionId,
    classification: after.classification,
    // The OCG's timeline finds its assessments' events by this.
    changes: {
      ocgId: { after: after.ocgId },
      ...(before ? {} : { modelId: { after: after.modelId } }),
      ...changedFields(before, after, auditedFields),
    },
  };
}

function refuseProblems(problems: RatingProblem[]): void {
  const [first] = problems;
  if (first) throw new AppError("validation", `${first.field}: ${first.message}`, { fields: problems });
}

/** Ratings as stored: every rating with its rationale (an empty one while drafting). */
const storedRatings = (ratings: CreateAssessmentInput["ratings"]) =>
  Object.fromEntries(
    Object.entries(ratings).map(([key, rating]) => [
      key,
      { value: rating.value, rationale: rating.rationale },
    ]),
  );

const finalIsFinal = () =>
  new AppError("conflict", "final assessments are never edited: start a re-assessment");

export async function getAssessment(db: Db, context: RequestContext, id: string): Promise<AssessmentView> {
  return presentAssessment(await loadAssessment(db, actorOf(context), id, "ocgs.read"));
}

/**
 * A draft scored under the model in force (or a draft model being trialled). Retired models take
 * no new assessments: their scales are no longer the force's guidance.
 */
export async function createAssessment(
  db: Db,
  context: RequestContext,
  ocgId: string,
  input: CreateAssessmentInput,
): Promise<AssessmentView> {
  const actor = actorOf(context);
  const ocg = await loadOcg(db, actor, ocgId, "ocgs.assess");
  if (ocg.status === "archived")
    throw new AppError("conflict", `${ocg.reference} is archived: reopen it before assessing it`);
  const model = input.modelId
    ? await queries.findModel(db, input.modelId)
    : await queries.findActiveModel(db);
  if (!model) throw invalidField("modelId", "Choose a scoring model from the list");
  if (model.status === "retired")
    throw invalidField(
      "modelId",
      `Version ${model.version} of the scoring model is retired: use the one in force`,
    );
  const definition = definitionOf(model);
  refuseProblems(ratingProblems(definition, input.ratings, { complete: false }));
  const { score, band } = scoreAssessment(definition, input.ratings);
  const id = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(ocgAssessments)
      .values({
        ocgId: ocg.id,
        modelId: model.id,
        forceId: ocg.forceId,
        regionId: ocg.regionId,
        classification: ocg.classification,
        assessorId: actor.id,
        assessedOn: input.assessedOn,
        status: "draft",
        ratings: storedRatings(input.ratings),
        score: score.toFixed(2),
        band,
      })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await recordAudit(tx, context, assessmentAudit(created, "ocg_assessment.create", null));
    return created.id;
  });
  return getAssessment(db, context, id);
}

export async function updateAssessment(
  db: Db,
  context: RequestContext,
  id: string,
  input: UpdateAssessmentInput,
): Promise<AssessmentView> {
  const actor = actorOf(context);
  const { assessment: before, model } = await loadAssessment(db, actor, id, "ocgs.assess");
  if (before.status === "final") throw finalIsFinal();
  const definition = definitionOf(model);
  const ratings = input.ratings ? storedRatings(input.ratings) : before.ratings;
  refuseProblems(ratingProblems(definition, ratings, { complete: false }));
  const { score, band } = scoreAssessment(definition, ratings);
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(ocgAssessments)
      .set({
        assessedOn: input.assessedOn ?? before.assessedOn,
        ratings,
        score: score.toFixed(2),
        band,
        updatedAt: new Date(),
      })
      // Only while still a draft: someone may have finalised it since it was read.
      .where(and(eq(ocgAssessments.id, id), eq(ocgAssessments.status, "draft")))
      .returning();
    if (!after) throw finalIsFinal();
    await recordAudit(tx, context, assessmentAudit(after, "ocg_assessment.update", before));
  });
  return getAssessment(db, context, id);
}

/** Fixes an assessment for good: every dimension rated with a rationale, under the model in force. */
export async function finaliseAssessment(
  db: Db,
  context: RequestContext,
  id: string,
): Promise<AssessmentView> {
  const actor = actorOf(context);
  const { assessment: before, model } = await loadAssessment(db, actor, id, "ocgs.assess");
  if (before.status === "final") throw new AppError("conflict", "This assessment is already final");
  if (model.status !== "active")
    throw new AppError(
      "conflict",
      `Version ${model.version} of the scoring model is not in force: start a new assessment under the active model`,
    );
  const definition = definitionOf(model);
  refuseProblems(ratingProblems(definition, before.ratings, { complete: true }));
  const { score, band } = scoreAssessment(definition, before.ratings);
  await db.transaction(async (tx) => {
    const now = new Date();
    const [after] = await tx
      .update(ocgAssessments)
      .set({ status: "final", finalisedAt: now, score: score.toFixed(2), band, updatedAt: now })
      .where(and(eq(ocgAssessments.id, id), eq(ocgAssessments.status, "draft")))
      .returning();
    if (!after) throw new AppError("conflict", "This assessment is already final");
    await recordAudit(tx, context, assessmentAudit(after, "ocg_assessment.finalise", before));
  });
  return getAssessment(db, context, id);
}

/** How one final assessment differs from the final one before it, dimension by dimension. */
function changeFrom(
  previous: queries.AssessmentWithContext,
  current: queries.AssessmentWithContext,
): AssessmentChange {
  const before = definitionOf(previous.model);
  const after = definitionOf(current.model);
  const keys = [...new Set([...after.dimensions, ...before.dimensions].map((item) => item.key))];
  const pointOf = (definition: ModelDefinition, key: string, value: number | undefined) => {
    if (value === undefined) return null;
    const label = definition.dimensions
      .find((item) => item.key === key)
      ?.scale.find((point) => point.value === value)?.label;
    return { value, label: label ?? String(value) };
  };
  const changedDimensions = keys.flatMap((key) => {
    const from = previous.assessment.ratings[key]?.value;
    const to = current.assessment.ratings[key]?.value;
    if (from === to) return [];
    const label = [...after.dimensions, ...before.dimensions].find((item) => item.key === key)?.label ?? key;
    return [{ key, label, from: pointOf(before, key, from), to: pointOf(after, key, to) }];
  });
  const previousScore = Number(previous.assessment.score);
  return {
    previousAssessmentId: previous.assessment.id,
    previousScore,
    scoreDelta: roundScore(Number(current.assessment.score) - previousScore),
    bandChange:
      previous.assessment.band === current.assessment.band
        ? null
        : { from: previous.assessment.band, to: current.assessment.band },
    modelChanged: previous.model.id !== current.model.id,
    changedDimensions,
  };
}

/** The OCG's assessments newest first; each final one says what changed since the final one before. */
export async function listAssessmentsOfOcg(db: Db, context: RequestContext, ocgId: string) {
  const actor = actorOf(context);
  await loadOcg(db, actor, ocgId, "ocgs.read");
  const rows = await queries.assessmentsOfOcg(db, actor, ocgId);
  const finals = rows.filter((row) => row.assessment.status === "final");
  return {
    items: rows.map((row) => {
      const previous = row.assessment.status === "final" ? finals[finals.indexOf(row) + 1] : undefined;
      return { ...presentAssessment(row), changes: previous ? changeFrom(previous, row) : null };
    }),
  };
}

// ---- The priority list. ----

/** Competition ranking (1, 2, 2, 4): equal scores share a place, as in the SQL ranking. */
function ranksOf(scores: Map<string, number>): Map<string, number> {
  const ordered = [...scores.values()].sort((a, b) => b - a);
  return new Map([...scores].map(([id, score]) => [id, ordered.indexOf(score) + 1]));
}

export async function priorityList(db: Db, context: RequestContext, query: PriorityListQuery) {
  const actor = actorOf(context);
  if (!can(actor, "ocgs.read")) throw forbidden();
  const comparisonModel = query.compareModelId
    ? await queries.findModel(db, query.compareModelId)
    : undefined;
  if (query.compareModelId && !comparisonModel)
    throw invalidField("compareModelId", "Choose a scoring model from the list");
  const { rows, total } = await queries.priorityList(db, actor, query);

  // Re-scoring is a formula over each group's latest ratings, so it runs here with model.ts; it
  // covers the whole list (not only this page) so that ranks under the comparison are true ranks.
  const comparison = new Map<string, { score: number; band: string; missing: string[] }>();
  if (comparisonModel) {
    const definition = definitionOf(comparisonModel);
    for (const row of await queries.rankedRatings(db, actor, query)) {
      if (!row.ratings) continue;
      const { score, band, missing } = scoreAssessment(definition, row.ratings);
      comparison.set(row.id, { score, band, missing });
    }
  }
  const comparisonRanks = ranksOf(new Map([...comparison].map(([id, { score }]) => [id, score])));

  const items = rows.map((row): PriorityEntry => {
    const compared = comparison.get(row.id);
    const rankUnderComparison = comparisonRanks.get(row.id) ?? null;
    return {
      rank: row.rank,
      ocg: {
        id: row.id,
        reference: row.reference,
        name: row.name,
        status: row.status,
        level: row.level,
        forceId: row.forceId,
        regionId: row.regionId,
        primaryCrimeType: row.primaryCrimeType,
        classification: row.classification,
      },
      assessmentId: row.assessmentId,
      assessedOn: row.assessedOn,
      score: row.score,
      band: row.band,
      modelVersion: row.modelVersion,
      rankUnderComparison,
      scoreUnderComparison: compared?.score ?? null,
      bandUnderComparison: compared?.band ?? null,
      movement: row.rank !== null && rankUnderComparison !== null ? row.rank - rankUnderComparison : null,
      missing: compared?.missing ?? [],
    };
  });
  return {
    items,
    total,
    page: query.page,
    pageSize: query.pageSize,
    comparisonModel: comparisonModel
      ? {
          id: comparisonModel.id,
          version: comparisonModel.version,
          name: comparisonModel.name,
          status: comparisonModel.status,
        }
      : null,
  };
}
