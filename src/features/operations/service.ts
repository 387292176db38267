import { and, eq } from "drizzle-orm";
import {
  type AuditEventInput,
  actorOf,
  changedFields,
  type RequestContext,
  recordAudit,
} from "#src/audit/audit.ts";
import { type Actor, type Classification, can, canSee, type OwnedRecord } from "#src/auth/policy.ts";
import type { Db } from "#src/db/database.ts";
import { type AuditChanges, operations, operationTargets } from "#src/db/schema.ts";
import { ocgRecord } from "#src/features/ocgs/service.ts";
import { AppError, type FieldError, forbidden, notFound } from "#src/lib/errors.ts";
import { changeStatus, nextStatuses } from "./machine.ts";
import * as queries from "./queries.ts";
import type {
  ChangeOperationStatusInput,
  CreateOperationInput,
  ListOperationsQuery,
  OperationView,
  UpdateOperationInput,
} from "./schema.ts";

/** What the host force's users, its region, and users of the targets' lead forces may see. */
export const operationRecord = (
  operation: Pick<queries.OperationRow, "forceId" | "regionId" | "classification" | "forcesInvolved">,
): OwnedRecord => ({
  forceId: operation.forceId,
  regionId: operation.regionId,
  classification: operation.classification,
  sharedWithForces: operation.forcesInvolved,
});

/**
 * What it takes to change an operation: the host force within the actor's scope. Forces whose
 * groups are targeted read the operation but do not run it, so sharing is left out.
 */
const ownedByHostForce = (operation: {
  forceId: string;
  regionId: string;
  classification: Classification;
}) => ({
  forceId: operation.forceId,
  regionId: operation.regionId,
  classification: operation.classification,
});

/** Today in the UK, where operations start and end, as YYYY-MM-DD. */
const ukToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());

function present(
  row: queries.OperationViewRow,
  targets: { id: string; reference: string; name: string }[],
): OperationView {
  const { operation } = row;
  return {
    id: operation.id,
    codeName: operation.codeName,
    status: operation.status,
    leadOrganisation: { id: operation.leadOrganisationId, name: row.leadOrganisationName },
    hostForce: { id: operation.forceId, name: row.hostForceName },
    regionId: operation.regionId,
    level: operation.level,
    sio: operation.sioUserId && row.sioName ? { id: operation.sioUserId, name: row.sioName } : null,
    startedOn: operation.startedOn,
    endedOn: operation.endedOn,
    resultSummary: operation.resultSummary,
    classification: operation.classification,
    targets,
    nextStatuses: nextStatuses(operation.status),
    createdAt: operation.createdAt.toISOString(),
    updatedAt: operation.updatedAt.toISOString(),
  };
}

/** Presents operations with the targets this actor may see, in one query for all of them. */
async function presentAll(db: Db, actor: Actor, rows: queries.OperationViewRow[]) {
  const targets = await queries.visibleTargetsOf(
    db,
    actor,
    rows.map((row) => row.operation.id),
  );
  return rows.map((row) =>
    present(
      row,
      targets
        .filter((target) => target.operationId === row.operation.id)
        .map(({ id, reference, name }) => ({ id, reference, name })),
    ),
  );
}

const auditedOperationFields = [
  "codeName",
  "leadOrganisationId",
  "forceId",
  "regionId",
  "level",
  "sioUserId",
  "startedOn",
  "endedOn",
  "status",
  "resultSummary",
  "forcesInvolved",
  "classification",
  // The OCGs targeted: OCG timelines find their operations by it.
  "targetOcgIds",
] as const;

type AuditedOperation = queries.OperationRow & { targetOcgIds: string[] };

function operationAudit(
  operation: queries.OperationRow,
  verb: string,
  changes: AuditChanges,
): AuditEventInput {
  return {
    action: `operation.${verb}`,
    entityType: "operation",
    entityId: operation.id,
    forceId: operation.forceId,
    regionId: operation.regionId,
    classification: operation.classification,
    changes,
  };
}

/** Loads an operation the actor may see; anything else looks like it does not exist. */
async function loadOperation(
  db: Db,
  actor: Actor,
  id: string,
  permission: "operations.read" | "operations.manage",
) {
  const operation = await queries.findOperationRow(db, id);
  if (!operation || !can(actor, "operations.read", operationRecord(operation))) throw notFound("Operation");
  if (permission === "operations.manage" && !can(actor, "operations.manage", ownedByHostForce(operation))) {
    throw forbidden("Only the host force (or its region) can change this operation");
  }
  return operation;
}

export async function listOperations(db: Db, context: RequestContext, query: ListOperationsQuery) {
  const actor = actorOf(context);
  if (!can(actor, "operations.read")) throw forbidden();
  const { rows, total } = await queries.listOperations(db, actor, query);
  return { items: await presentAll(db, actor, rows), total, page: query.page, pageSize: query.pageSize };
}

export async function getOperation(db: Db, context: RequestContext, id: string): Promise<OperationView> {
  const actor = actorOf(context);
  await loadOperation(db, actor, id, "operations.read");
  const row = await queries.findOperation(db, id);
  if (!row) throw notFound("Operation");
  const [view] = await presentAll(db, actor, [row]);
  if (!view) throw notFound("Operation");
  return view;
}

type OperationDetails = Omit<CreateOperationInput, "hostForceId"> & { forceId: string };

const sortedUnique = (values: readonly string[]) => [...new Set(values)].sort();

/**
 * Checks everything an operation refers to and reports every bad field at once, so the form can
 * show them all. Targets must be OCGs the actor can see, except those already targeted that are
 * hidden from them, which `hiddenTargetIds` keeps. The region follows the host force; the forces
 * involved are the targets' lead forces. The SIO is only checked when being set: an officer who
 * leaves must not block every other edit.
 */
async function resolveDetails(
  db: Db,
  actor: Actor,
  details: OperationDetails,
  existing: { id: string; hiddenTargetIds: string[]; settingSio: boolean } | null,
) {
  const errors: FieldError[] = [];
  const taken = await queries.findByCodeName(db, details.codeName, existing?.id ?? null);
  if (taken) errors.push({ field: "codeName", message: `Operation ${taken.codeName} already exists` });
  if (!(await queries.findOrganisation(db, details.leadOrganisationId))) {
    errors.push({ field: "leadOrganisationId", message: "Choose who leads the operation from the list" });
  }
  const hostForce = await queries.findForce(db, details.forceId);
  if (!hostForce) errors.push({ field: "hostForceId", message: "Choose the host force from the list" });
  if (
    (existing?.settingSio ?? true) &&
    details.sioUserId &&
    !(await queries.isActiveUser(db, details.sioUserId))
  ) {
    errors.push({
      field: "sioUserId",
      message: "Choose a Senior Investigating Officer who has an active account",
    });
  }
  const chosen = sortedUnique(details.targetOcgIds);
  const targetOcgIds = sortedUnique([...chosen, ...(existing?.hiddenTargetIds ?? [])]);
  const targets = await queries.ocgsWithIds(db, targetOcgIds);
  const seen = new Set(targets.filter((ocg) => canSee(actor, ocgRecord(ocg))).map((ocg) => ocg.id));
  const unseen = chosen.filter((id) => !seen.has(id) && !existing?.hiddenTargetIds.includes(id));
  if (unseen.length > 0) {
    errors.push({
      field: "targetOcgIds",
      message: `Choose target OCGs from those you can see: ${unseen.join(", ")} cannot be found`,
    });
  }
  if (details.startedOn && details.endedOn && details.endedOn < details.startedOn) {
    errors.push({ field: "endedOn", message: "The end date must be on or after the start date" });
  }
  if (errors.length > 0 || !hostForce) {
    throw new AppError("validation", errors[0]?.message ?? "The operation has errors", { fields: errors });
  }
  return {
    codeName: details.codeName,
    leadOrganisationId: details.leadOrganisationId,
    forceId: hostForce.id,
    regionId: hostForce.regionId,
    level: details.level,
    sioUserId: details.sioUserId,
    startedOn: details.startedOn,
    endedOn: details.endedOn,
    classification: details.classification,
    forcesInvolved: sortedUnique(targets.map((ocg) => ocg.forceId)),
    targetOcgIds,
  };
}

function assertMayManage(
  actor: Actor,
  details: { forceId: string; regionId: string; classification: Classification },
) {
  if (!can(actor, "operations.manage", ownedByHostForce(details))) {
    throw forbidden(
      "You can only manage operations hosted by a force in your scope and classified up to your clearance",
    );
  }
}

/** Whether a failed write hit the unique index on code names (drivers wrap their errors as causes). */
function isCodeNameClash(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const { code, constraint } = cause as Error & { code?: unknown; constraint?: unknown };
    if (code === "23505" && constraint === "operations_code_name_key") return true;
  }
  return false;
}

/** A code name taken between our check and our write (two people racing) is the same field error. */
async function withUniqueCodeName<T>(codeName: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isCodeNameClash(error)) throw error;
    const message = `Operation ${codeName} already exists`;
    throw new AppError("validation", message, { fields: [{ field: "codeName", message }] });
  }
}

export async function createOperation(
  db: Db,
  context: RequestContext,
  input: CreateOperationInput,
): Promise<OperationView> {
  const actor = actorOf(context);
  if (!can(actor, "operations.manage")) throw forbidden();
  const { hostForceId, ...rest } = input;
  const { targetOcgIds, ...details } = await resolveDetails(
    db,
    actor,
    { ...rest, forceId: hostForceId },
    null,
  );
  assertMayManage(actor, details);
  const id = await withUniqueCodeName(details.codeName, () =>
    db.transaction(async (tx) => {
      const [created] = await tx
        .insert(operations)
        .values({ ...details, status: "proposed", createdBy: actor.id })
        .returning();
      if (!created) throw new Error("insert returned no row");
      await tx
        .insert(operationTargets)
        .values(targetOcgIds.map((ocgId) => ({ operationId: created.id, ocgId })));
      await recordAudit(
        tx,
        context,
        operationAudit(
          created,
          "create",
          changedFields<AuditedOperation>(null, { ...created, targetOcgIds }, auditedOperationFields),
        ),
      );
      return created.id;
    }),
  );
  return getOperation(db, context, id);
}

export async function updateOperation(
  db: Db,
  context: RequestContext,
  id: string,
  input: UpdateOperationInput,
): Promise<OperationView> {
  const actor = actorOf(context);
  const before = await loadOperation(db, actor, id, "operations.manage");
  const beforeTargets = await queries.targetIdsOf(db, id);
  const visibleBefore = new Set(
    (await queries.ocgsWithIds(db, beforeTargets))
      .filter((ocg) => canSee(actor, ocgRecord(ocg)))
      .map((ocg) => ocg.id),
  );
  const { hostForceId, ...rest } = input;
  const { targetOcgIds, ...details } = await resolveDetails(
    db,
    actor,
    {
      codeName: rest.codeName ?? before.codeName,
      leadOrganisationId: rest.leadOrganisationId ?? before.leadOrganisationId,
      forceId: hostForceId ?? before.forceId,
      level: rest.level ?? before.level,
      sioUserId: rest.sioUserId === undefined ? before.sioUserId : rest.sioUserId,
      startedOn: rest.startedOn === undefined ? before.startedOn : rest.startedOn,
      endedOn: rest.endedOn === undefined ? before.endedOn : rest.endedOn,
      // Targets the actor cannot see are not theirs to drop: they are kept whatever is sent.
      targetOcgIds: rest.targetOcgIds ?? beforeTargets.filter((ocgId) => visibleBefore.has(ocgId)),
      classification: rest.classification ?? before.classification,
    },
    {
      id,
      hiddenTargetIds: beforeTargets.filter((ocgId) => !visibleBefore.has(ocgId)),
      settingSio: rest.sioUserId !== undefined && rest.sioUserId !== before.sioUserId,
    },
  );
  assertMayManage(actor, details);
  const beforeAudited = { ...before, targetOcgIds: beforeTargets };
  const changes = changedFields<AuditedOperation>(
    beforeAudited,
    { ...before, ...details, targetOcgIds },
    auditedOperationFields,
  );
  if (Object.keys(changes).length === 0) return getOperation(db, context, id);
  await withUniqueCodeName(details.codeName, () =>
    db.transaction(async (tx) => {
      const [after] = await tx
        .update(operations)
        .set({ ...details, updatedAt: new Date() })
        .where(eq(operations.id, id))
        .returning();
      if (!after) throw notFound("Operation");
      if (changes.targetOcgIds) {
        await tx.delete(operationTargets).where(eq(operationTargets.operationId, id));
        await tx.insert(operationTargets).values(targetOcgIds.map((ocgId) => ({ operationId: id, ocgId })));
      }
      await recordAudit(
        tx,
        context,
        operationAudit(
          after,
          "update",
          changedFields<AuditedOperation>(beforeAudited, { ...after, targetOcgIds }, auditedOperationFields),
        ),
      );
    }),
  );
  return getOperation(db, context, id);
}

export async function changeOperationStatus(
  db: Db,
  context: RequestContext,
  id: string,
  input: ChangeOperationStatusInput,
): Promise<OperationView> {
  const actor = actorOf(context);
  const before = await loadOperation(db, actor, id, "operations.manage");
  const change = changeStatus(before, input.status, input.resultSummary, ukToday());
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(operations)
      .set({
        status: change.status,
        startedOn: change.startedOn,
        endedOn: change.endedOn,
        resultSummary: change.resultSummary,
        updatedAt: new Date(),
      })
      // Only if nobody changed the status meanwhile: the transition was decided from `before`.
      .where(and(eq(operations.id, id), eq(operations.status, before.status)))
      .returning();
    if (!after) {
      throw new AppError("conflict", "Someone else changed the operation's status: reload and try again");
    }
    await recordAudit(
      tx,
      context,
      operationAudit(
        after,
        change.action,
        changedFields(before, after, ["status", "startedOn", "endedOn", "resultSummary"]),
      ),
    );
  });
  return getOperation(db, context, id);
}
