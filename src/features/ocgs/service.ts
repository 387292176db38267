import { and, eq } from "drizzle-orm";
import {
  type AuditEventInput,
  actorOf,
  changedFields,
  type RequestContext,
  recordAudit,
} from "#src/audit/audit.ts";
import { type Actor, can, type OwnedRecord } from "#src/auth/policy.ts";
import type { Db, Queryable, Tx } from "#src/db/database.ts";
import { type AuditChanges, ocgPlanActions, ocgs } from "#src/db/schema.ts";
import { AppError, type FieldError, forbidden, notFound } from "#src/lib/errors.ts";
import { changeStatus, nextStatuses, type OcgStatus } from "./machine.ts";
import * as queries from "./queries.ts";
import type {
  CreateOcgInput,
  CreatePlanActionInput,
  ListOcgsQuery,
  ListPlanActionsQuery,
  OcgSummaryView,
  OcgView,
  PlanActionView,
  PlanActionWithOcgView,
  UpdateOcgInput,
  UpdatePlanActionInput,
} from "./schema.ts";

/** What a user of the OCG's lead force, region or an affected force may see. */
export const ocgRecord = (
  ocg: Pick<queries.OcgRow, "forceId" | "regionId" | "classification" | "forcesAffected">,
): OwnedRecord => ({
  forceId: ocg.forceId,
  regionId: ocg.regionId,
  classification: ocg.classification,
  sharedWithForces: ocg.forcesAffected,
});

/**
 * What it takes to change an OCG: the lead force within the actor's scope. Affected forces read
 * the group but do not manage it, so sharing is left out.
 */
const ownedByLeadForce = (ocg: Pick<queries.OcgRow, "forceId" | "regionId" | "classification">) => ({
  forceId: ocg.forceId,
  regionId: ocg.regionId,
  classification: ocg.classification,
});

export function presentSummary(row: queries.OcgSummaryRow): OcgSummaryView {
  const { ocg, latest } = row;
  return {
    id: ocg.id,
    reference: ocg.reference,
    name: ocg.name,
    status: ocg.status,
    level: ocg.level,
    leadForce: { id: ocg.forceId, name: row.leadForceName },
    regionId: ocg.regionId,
    primaryCrimeType: { code: ocg.primaryCrimeType, name: row.primaryCrimeTypeName },
    secondaryCrimeTypes: ocg.secondaryCrimeTypes,
    classification: ocg.classification,
    latestAssessment:
      latest?.id != null
        ? {
            id: latest.id,
            score: latest.score,
            band: latest.band,
            modelVersion: latest.modelVersion,
            assessedOn: latest.assessedOn,
          }
        : null,
    overdueActions: row.overdueActions,
    updatedAt: ocg.updatedAt.toISOString(),
  };
}

function presentPlanAction({ action, overdue }: { action: queries.PlanActionRow; overdue: boolean }) {
  return {
    id: action.id,
    ocgId: action.ocgId,
    strand: action.strand,
    description: action.description,
    owner: action.owner,
    dueOn: action.dueOn,
    status: action.status,
    overdue,
    createdAt: action.createdAt.toISOString(),
    updatedAt: action.updatedAt.toISOString(),
  } satisfies PlanActionView;
}

const auditedOcgFields = [
  "reference",
  "name",
  "aliases",
  "status",
  "archiveReason",
  "forceId",
  "regionId",
  "lroUserId",
  "level",
  "primaryCrimeType",
  "secondaryCrimeTypes",
  "forcesAffected",
  "areasAffected",
  "estimatedSize",
  "classification",
] as const;

function ocgAudit(ocg: queries.OcgRow, action: string, changes: AuditChanges): AuditEventInput {
  return {
    action: `ocg.${action}`,
    entityType: "ocg",
    entityId: ocg.id,
    forceId: ocg.forceId,
    regionId: ocg.regionId,
    classification: ocg.classification,
    changes,
  };
}

/** Loads an OCG the actor may see; anything else looks like it does not exist. */
export async function loadOcg(db: Db, actor: Actor, id: string, permission: "ocgs.read" | "ocgs.manage") {
  const ocg = await queries.findOcgRow(db, id);
  if (!ocg || !can(actor, "ocgs.read", ocgRecord(ocg))) throw notFound("OCG");
  if (permission === "ocgs.manage" && !can(actor, "ocgs.manage", ownedByLeadForce(ocg))) {
    throw forbidden("Only the lead force (or its region) can change this OCG");
  }
  return ocg;
}

export async function listOcgs(db: Db, context: RequestContext, query: ListOcgsQuery) {
  const actor = actorOf(context);
  if (!can(actor, "ocgs.read")) throw forbidden();
  const { rows, total } = await queries.listOcgs(db, actor, query);
  return { items: rows.map(presentSummary), total, page: query.page, pageSize: query.pageSize };
}

export async function getOcg(db: Db, context: RequestContext, id: string): Promise<OcgView> {
  const actor = actorOf(context);
  await loadOcg(db, actor, id, "ocgs.read");
  const [row, actions] = await Promise.all([queries.findOcg(db, actor, id), queries.planActionsOf(db, id)]);
  if (!row) throw notFound("OCG");
  const { ocg } = row;
  return {
    ...presentSummary(row),
    aliases: ocg.aliases,
    lro: ocg.lroUserId && row.lroName ? { id: ocg.lroUserId, name: row.lroName } : null,
    forcesAffected: ocg.forcesAffected,
    areasAffected: ocg.areasAffected,
    estimatedSize: ocg.estimatedSize,
    archiveReason: ocg.archiveReason,
    nextStatuses: nextStatuses(ocg.status),
    createdAt: ocg.createdAt.toISOString(),
    planActions: actions.map(presentPlanAction),
  };
}

type OcgDetails = Omit<CreateOcgInput, "leadForceId"> & { forceId: string };

const unique = (values: readonly string[]) => [...new Set(values)];

/**
 * The reference data checking an OCG needs. The API asks the database; a CSV import answers from
 * reference data it loaded once for the whole file, so 10,000 rows do not cost 40,000 queries.
 */
export interface OcgLookups {
  findForce(id: string): Promise<{ id: string; regionId: string } | undefined>;
  existingForceIds(ids: readonly string[]): Promise<Set<string>>;
  existingCrimeTypes(codes: readonly string[]): Promise<Set<string>>;
  isActiveUser(id: string): Promise<boolean>;
}

const databaseLookups = (db: Queryable): OcgLookups => ({
  findForce: (id) => queries.findForce(db, id),
  existingForceIds: (ids) => queries.existingForceIds(db, ids),
  existingCrimeTypes: (codes) => queries.existingCrimeTypes(db, codes),
  isActiveUser: (id) => queries.isActiveUser(db, id),
});

/**
 * Checks the references an OCG makes (force, crime types, LRO) and reports every bad field at
 * once, so the form can show them all; the region follows from the lead force. The LRO is only
 * checked when it is being set: an officer who leaves must not block every other edit.
 */
async function resolveDetails(lookups: OcgLookups, details: OcgDetails, settingLro: boolean) {
  const errors: FieldError[] = [];
  const force = await lookups.findForce(details.forceId);
  if (!force) errors.push({ field: "leadForceId", message: "Choose the lead force from the list" });
  const forcesAffected = unique(details.forcesAffected);
  const knownForces = await lookups.existingForceIds(forcesAffected);
  const unknownForces = forcesAffected.filter((id) => !knownForces.has(id));
  if (unknownForces.length > 0) {
    errors.push({ field: "forcesAffected", message: `Unknown force: ${unknownForces.join(", ")}` });
  }
  const secondary = unique(details.secondaryCrimeTypes);
  const knownTypes = await lookups.existingCrimeTypes([details.primaryCrimeType, ...secondary]);
  if (!knownTypes.has(details.primaryCrimeType)) {
    errors.push({ field: "primaryCrimeType", message: "Choose the primary crime type from the list" });
  }
  const unknownTypes = secondary.filter((code) => !knownTypes.has(code));
  if (unknownTypes.length > 0) {
    errors.push({ field: "secondaryCrimeTypes", message: `Unknown crime type: ${unknownTypes.join(", ")}` });
  } else if (secondary.includes(details.primaryCrimeType)) {
    errors.push({
      field: "secondaryCrimeTypes",
      message: "A secondary crime type cannot be the same as the primary crime type",
    });
  }
  if (settingLro && details.lroUserId && !(await lookups.isActiveUser(details.lroUserId))) {
    errors.push({
      field: "lroUserId",
      message: "Choose a Local Responsible Officer who has an active account",
    });
  }
  if (errors.length > 0 || !force) {
    throw new AppError("validation", errors[0]?.message ?? "The OCG has errors", { fields: errors });
  }
  return {
    ...details,
    regionId: force.regionId,
    aliases: unique(details.aliases),
    secondaryCrimeTypes: secondary,
    forcesAffected,
  };
}

function assertMayManage(
  actor: Actor,
  details: { forceId: string; regionId: string; classification: OcgDetails["classification"] },
) {
  if (!can(actor, "ocgs.manage", ownedByLeadForce(details))) {
    throw forbidden(
      "You can only manage OCGs led by a force in your scope and classified up to your clearance",
    );
  }
}

/** A new OCG that passed every check, ready to be written. */
export type CheckedNewOcg = Awaited<ReturnType<typeof resolveDetails>>;

/**
 * Checks a new OCG as the API and the CSV import both do: its references, then that the actor
 * may manage a group led by that force at that classification.
 */
export async function checkNewOcg(
  lookups: OcgLookups,
  actor: Actor,
  input: CreateOcgInput,
): Promise<CheckedNewOcg> {
  const { leadForceId, ...rest } = input;
  const details = await resolveDetails(lookups, { ...rest, forceId: leadForceId }, true);
  assertMayManage(actor, details);
  return details;
}

/**
 * Writes a checked OCG and its audit event inside the caller's transaction. An import passes the
 * row's key, which the database keeps unique, so the same row is never imported twice.
 */
export async function insertOcg(
  tx: Tx,
  context: RequestContext,
  details: CheckedNewOcg,
  importKey: string | null = null,
): Promise<queries.OcgRow> {
  const actor = actorOf(context);
  const reference = await queries.nextOcgReference(tx, details.regionId);
  const [created] = await tx
    .insert(ocgs)
    .values({ ...details, reference, status: "active", importKey, createdBy: actor.id })
    .returning();
  if (!created) throw new Error("insert returned no row");
  const changes = changedFields(null, created, auditedOcgFields);
  // An imported group's event carries the key of the row it came from.
  if (importKey) changes.importKey = { after: importKey };
  await recordAudit(tx, context, ocgAudit(created, "create", changes));
  return created;
}

export async function createOcg(db: Db, context: RequestContext, input: CreateOcgInput): Promise<OcgView> {
  const actor = actorOf(context);
  if (!can(actor, "ocgs.manage")) throw forbidden();
  const details = await checkNewOcg(databaseLookups(db), actor, input);
  const created = await db.transaction((tx) => insertOcg(tx, context, details));
  return getOcg(db, context, created.id);
}

export async function updateOcg(
  db: Db,
  context: RequestContext,
  id: string,
  input: UpdateOcgInput,
): Promise<OcgView> {
  const actor = actorOf(context);
  const before = await loadOcg(db, actor, id, "ocgs.manage");
  const { leadForceId, ...rest } = input;
  const settingLro = rest.lroUserId !== undefined && rest.lroUserId !== before.lroUserId;
  const details = await resolveDetails(
    databaseLookups(db),
    {
      name: rest.name ?? before.name,
      aliases: rest.aliases ?? before.aliases,
      forceId: leadForceId ?? before.forceId,
      lroUserId: rest.lroUserId === undefined ? before.lroUserId : rest.lroUserId,
      level: rest.level ?? before.level,
      primaryCrimeType: rest.primaryCrimeType ?? before.primaryCrimeType,
      secondaryCrimeTypes: rest.secondaryCrimeTypes ?? before.secondaryCrimeTypes,
      forcesAffected: rest.forcesAffected ?? before.forcesAffected,
      areasAffected: rest.areasAffected ?? before.areasAffected,
      estimatedSize: rest.estimatedSize === undefined ? before.estimatedSize : rest.estimatedSize,
      classification: rest.classification ?? before.classification,
    },
    settingLro,
  );
  assertMayManage(actor, details);
  if (Object.keys(changedFields(before, { ...before, ...details }, auditedOcgFields)).length === 0) {
    return getOcg(db, context, id);
  }
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(ocgs)
      .set({ ...details, updatedAt: new Date() })
      .where(eq(ocgs.id, id))
      .returning();
    if (!after) throw notFound("OCG");
    // Plan actions are owned by the lead force too; the reference stays as it was.
    if (after.forceId !== before.forceId) {
      await tx.update(ocgPlanActions).set({ forceId: after.forceId }).where(eq(ocgPlanActions.ocgId, id));
    }
    await recordAudit(tx, context, ocgAudit(after, "update", changedFields(before, after, auditedOcgFields)));
  });
  return getOcg(db, context, id);
}

export async function changeOcgStatus(
  db: Db,
  context: RequestContext,
  id: string,
  input: { status: OcgStatus; reason?: string | undefined },
): Promise<OcgView> {
  const actor = actorOf(context);
  const before = await loadOcg(db, actor, id, "ocgs.manage");
  const change = changeStatus(before.status, input.status, input.reason);
  const reason = input.reason?.trim();
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(ocgs)
      .set({ status: change.status, archiveReason: change.archiveReason, updatedAt: new Date() })
      // Only if nobody changed the status meanwhile: the transition was decided from `before`.
      .where(and(eq(ocgs.id, id), eq(ocgs.status, before.status)))
      .returning();
    if (!after) throw new AppError("conflict", "Someone else changed the OCG's status: reload and try again");
    await recordAudit(
      tx,
      context,
      ocgAudit(after, change.action, {
        ...changedFields(before, after, ["status", "archiveReason"]),
        ...(reason ? { reason: { after: reason } } : {}),
      }),
    );
  });
  return getOcg(db, context, id);
}

function planActionAudit(
  action: queries.PlanActionRow,
  ocg: queries.OcgRow,
  verb: string,
  changes: AuditChanges,
): AuditEventInput {
  return {
    action: `ocg_plan_action.${verb}`,
    entityType: "ocg_plan_action",
    entityId: action.id,
    forceId: ocg.forceId,
    regionId: ocg.regionId,
    classification: ocg.classification,
    changes,
  };
}

const auditedPlanActionFields = ["ocgId", "strand", "description", "owner", "dueOn", "status"] as const;

export async function addPlanAction(
  db: Db,
  context: RequestContext,
  ocgId: string,
  input: CreatePlanActionInput,
): Promise<PlanActionView> {
  const actor = actorOf(context);
  const ocg = await loadOcg(db, actor, ocgId, "ocgs.manage");
  const id = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(ocgPlanActions)
      .values({ ...input, ocgId, forceId: ocg.forceId })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await recordAudit(
      tx,
      context,
      planActionAudit(created, ocg, "create", changedFields(null, created, auditedPlanActionFields)),
    );
    return created.id;
  });
  return presentPlanAction(await loadPlanAction(db, actor, id, "ocgs.read"));
}

/** A plan action is visible exactly when its OCG is. */
async function loadPlanAction(db: Db, actor: Actor, id: string, permission: "ocgs.read" | "ocgs.manage") {
  const found = await queries.findPlanAction(db, id);
  if (!found || !can(actor, "ocgs.read", ocgRecord(found.ocg))) throw notFound("Plan action");
  if (permission === "ocgs.manage" && !can(actor, "ocgs.manage", ownedByLeadForce(found.ocg))) {
    throw forbidden("Only the lead force (or its region) can change this OCG's plan");
  }
  return found;
}

export async function updatePlanAction(
  db: Db,
  context: RequestContext,
  id: string,
  input: UpdatePlanActionInput,
): Promise<PlanActionView> {
  const actor = actorOf(context);
  const { action: before, ocg } = await loadPlanAction(db, actor, id, "ocgs.manage");
  if (Object.keys(changedFields(before, { ...before, ...input }, auditedPlanActionFields)).length > 0) {
    await db.transaction(async (tx) => {
      const [after] = await tx
        .update(ocgPlanActions)
        .set({ ...input, updatedAt: new Date() })
        .where(eq(ocgPlanActions.id, id))
        .returning();
      if (!after) throw notFound("Plan action");
      await recordAudit(
        tx,
        context,
        planActionAudit(after, ocg, "update", changedFields(before, after, auditedPlanActionFields)),
      );
    });
  }
  return presentPlanAction(await loadPlanAction(db, actor, id, "ocgs.read"));
}

export async function listPlanActions(db: Db, context: RequestContext, query: ListPlanActionsQuery) {
  const actor = actorOf(context);
  if (!can(actor, "ocgs.read")) throw forbidden();
  const { rows, total } = await queries.listPlanActions(db, actor, query);
  const items: PlanActionWithOcgView[] = rows.map((row) => ({ ...presentPlanAction(row), ocg: row.ocg }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}
