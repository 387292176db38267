import { eq } from "drizzle-orm";
import {
  type AuditEventInput,
  actorOf,
  changedFields,
  type RequestContext,
  recordAudit,
} from "#src/audit/audit.ts";
import { type Actor, can, canSee, type OwnedRecord } from "#src/auth/policy.ts";
import type { Db, Queryable, Tx } from "#src/db/database.ts";
import { type AuditChanges, outcomes } from "#src/db/schema.ts";
import { findForce, findOcgRow } from "#src/features/ocgs/queries.ts";
import { ocgRecord } from "#src/features/ocgs/service.ts";
import { operationRecord } from "#src/features/operations/service.ts";
import { AppError, type FieldError, forbidden, notFound } from "#src/lib/errors.ts";
import { periodEnd, periodLabel, ukToday } from "#src/lib/periods.ts";
import { type OutcomeFacts, outcomeErrors, storedQuantity, type Unit, unitOf } from "./kinds.ts";
import * as queries from "./queries.ts";
import type {
  CreateOutcomeInput,
  ListOutcomesQuery,
  OutcomeFigures,
  OutcomeTotalsView,
  OutcomeView,
  TotalsQuery,
  UpdateOutcomeInput,
} from "./schema.ts";

/** An outcome is owned by the force credited with it. */
export const outcomeRecord = (
  outcome: Pick<queries.OutcomeRow, "forceId" | "regionId" | "classification">,
): OwnedRecord => ({
  forceId: outcome.forceId,
  regionId: outcome.regionId,
  classification: outcome.classification,
});

function storedUnit(outcome: queries.OutcomeRow): Unit {
  const unit = unitOf(outcome.kind, outcome.commodity);
  // The table's CHECK constraints give every seizure a commodity.
  if (!unit) throw new Error(`outcome ${outcome.id} is a seizure without a commodity`);
  return unit;
}

/** The view of an outcome; the records it links to are named only to those who may see them. */
function present(actor: Actor, row: queries.OutcomeWithLinks): OutcomeView {
  const { outcome, ocg, operation, disruption } = row;
  return {
    id: outcome.id,
    kind: outcome.kind,
    operationId: outcome.operationId,
    operation: canSee(actor, operationRecord(operation))
      ? { id: operation.id, codeName: operation.codeName }
      : null,
    ocgId: outcome.ocgId,
    ocg: canSee(actor, ocgRecord(ocg)) ? { id: ocg.id, reference: ocg.reference, name: ocg.name } : null,
    disruptionId: outcome.disruptionId,
    disruption:
      disruption && canSee(actor, disruption) ? { id: disruption.id, reference: disruption.reference } : null,
    occurredOn: outcome.occurredOn,
    quantity: Number(outcome.quantity),
    unit: storedUnit(outcome),
    commodity: outcome.commodity,
    offence: outcome.offence,
    sentenceMonths: outcome.sentenceMonths,
    court: outcome.court,
    safeguardedGroup: outcome.safeguardedGroup,
    notes: outcome.notes,
    force: { id: outcome.forceId, name: row.forceName },
    regionId: outcome.regionId,
    classification: outcome.classification,
    createdAt: outcome.createdAt.toISOString(),
    updatedAt: outcome.updatedAt.toISOString(),
  };
}

/** Loads an outcome the actor may see; anything else looks like it does not exist. */
async function loadOutcome(
  db: Db,
  actor: Actor,
  id: string,
  permission: "outcomes.read" | "outcomes.record",
) {
  const row = await queries.findOutcome(db, id);
  if (!row || !can(actor, "outcomes.read", outcomeRecord(row.outcome))) throw notFound("Outcome");
  if (permission === "outcomes.record" && !can(actor, "outcomes.record", outcomeRecord(row.outcome))) {
    throw forbidden("Only the force credited with this outcome (or its region) can change it");
  }
  return row;
}

export async function listOutcomes(db: Db, context: RequestContext, query: ListOutcomesQuery) {
  const actor = actorOf(context);
  if (!can(actor, "outcomes.read")) throw forbidden();
  assertDateRange(query);
  const { rows, total } = await queries.listOutcomes(db, actor, query);
  return {
    items: rows.map((row) => present(actor, row)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getOutcome(db: Db, context: RequestContext, id: string): Promise<OutcomeView> {
  const actor = actorOf(context);
  return present(actor, await loadOutcome(db, actor, id, "outcomes.read"));
}

/**
 * The records checking an outcome needs. The API asks the database; an import may answer from
 * data it loaded once for the whole file.
 */
export interface OutcomeLookups {
  findOperation(id: string): Promise<queries.OperationRow | undefined>;
  isTargetOf(operationId: string, ocgId: string): Promise<boolean>;
  findOcg(
    id: string,
  ): Promise<(Parameters<typeof ocgRecord>[0] & { id: string; reference: string }) | undefined>;
  findDisruption(
    id: string,
  ): Promise<(OwnedRecord & { ocgId: string; forceId: string; regionId: string }) | undefined>;
  findForce(id: string): Promise<{ id: string; regionId: string } | undefined>;
}

export const databaseLookups = (db: Queryable): OutcomeLookups => ({
  findOperation: (id) => queries.findOperation(db, id),
  isTargetOf: (operationId, ocgId) => queries.isTargetOf(db, operationId, ocgId),
  findOcg: (id) => findOcgRow(db, id),
  findDisruption: (id) => queries.findDisruption(db, id),
  findForce: (id) => findForce(db, id),
});

/** Everything an outcome holds, as the service checks it before writing (the force may be left to default). */
type OutcomeDetails = CreateOutcomeInput;

const invalid = (errors: FieldError[]) =>
  new AppError("validation", errors[0]?.message ?? "The outcome has errors", { fields: errors });

/**
 * Checks an outcome's facts against the rules of its kind and its links against the records they
 * name, reporting every bad field at once: the operation must be one the actor can see, the OCG
 * one of its targets, the disruption a claim against that OCG. The force credited defaults to the
 * operation's host force; the region follows the force.
 */
async function resolveDetails(lookups: OutcomeLookups, actor: Actor, details: OutcomeDetails) {
  const facts: OutcomeFacts = details;
  const errors = outcomeErrors(facts, ukToday());
  const operation = await lookups.findOperation(details.operationId);
  const visibleOperation = operation && canSee(actor, operationRecord(operation)) ? operation : undefined;
  if (!visibleOperation) {
    errors.push({ field: "operationId", message: "Choose an operation from the list" });
  } else {
    const ocg = await lookups.findOcg(details.ocgId);
    const visibleOcg = ocg && canSee(actor, ocgRecord(ocg)) ? ocg : undefined;
    if (!visibleOcg || !(await lookups.isTargetOf(visibleOperation.id, details.ocgId))) {
      errors.push({
        field: "ocgId",
        message: `${visibleOcg ? visibleOcg.reference : "The OCG chosen"} is not a target of Operation ${visibleOperation.codeName}`,
      });
    } else if (details.disruptionId) {
      const disruption = await lookups.findDisruption(details.disruptionId);
      if (!disruption || disruption.ocgId !== visibleOcg.id || !canSee(actor, disruption)) {
        errors.push({
          field: "disruptionId",
          message: `Choose a disruption claimed against ${visibleOcg.reference}, or none`,
        });
      }
    }
  }
  const forceId = details.forceId ?? visibleOperation?.forceId;
  const force = forceId ? await lookups.findForce(forceId) : undefined;
  // Without a visible operation there is no host force to default to: the operation's error says it.
  if (!force && (details.forceId !== undefined || visibleOperation)) {
    errors.push({ field: "forceId", message: "Choose the force credited from the list" });
  }
  if (errors.length > 0 || !force) throw invalid(errors);
  const unit = unitOf(details.kind, details.commodity);
  const quantity = details.kind === "conviction" ? 1 : details.quantity;
  if (!unit || quantity === null) throw invalid([{ field: "quantity", message: "Enter the quantity" }]);
  const checked = {
    kind: details.kind,
    operationId: details.operationId,
    ocgId: details.ocgId,
    disruptionId: details.disruptionId,
    occurredOn: details.occurredOn,
    quantity: storedQuantity(quantity, unit),
    commodity: details.commodity,
    offence: details.offence,
    sentenceMonths: details.sentenceMonths,
    court: details.court,
    safeguardedGroup: details.safeguardedGroup,
    notes: details.notes,
    forceId: force.id,
    regionId: force.regionId,
    classification: details.classification,
  };
  if (!can(actor, "outcomes.record", outcomeRecord(checked))) {
    throw forbidden(
      "You can only record outcomes credited to a force in your scope and classified up to your clearance",
    );
  }
  return checked;
}

/** A new outcome that passed every check, ready to be written. */
export type CheckedOutcome = Awaited<ReturnType<typeof resolveDetails>>;

/** Checks a new outcome as the API (and an import) does: its facts, its links, the actor's reach. */
export function checkNewOutcome(
  lookups: OutcomeLookups,
  actor: Actor,
  input: CreateOutcomeInput,
): Promise<CheckedOutcome> {
  return resolveDetails(lookups, actor, input);
}

const auditedFields = [
  "kind",
  "operationId",
  "ocgId",
  "disruptionId",
  "occurredOn",
  "quantity",
  "commodity",
  "offence",
  "sentenceMonths",
  "court",
  "safeguardedGroup",
  "notes",
  "forceId",
  "regionId",
  "classification",
] as const;

/**
 * Every outcome event names its OCG in `changes.ocgId` (in `after`, or in `before` when deleted),
 * even when the OCG did not change, so the OCG's timeline can find it.
 */
function outcomeAudit(outcome: queries.OutcomeRow, verb: string, changes: AuditChanges): AuditEventInput {
  const ocgId = changes.ocgId ?? (verb === "delete" ? { before: outcome.ocgId } : { after: outcome.ocgId });
  return {
    action: `outcome.${verb}`,
    entityType: "outcome",
    entityId: outcome.id,
    forceId: outcome.forceId,
    regionId: outcome.regionId,
    classification: outcome.classification,
    changes: { ...changes, ocgId },
  };
}

/**
 * Writes a checked outcome and its audit event inside the caller's transaction. An import passes
 * the row's key, which the database keeps unique, so the same row is never imported twice.
 */
export async function insertOutcome(
  tx: Tx,
  context: RequestContext,
  details: CheckedOutcome,
  importKey: string | null = null,
): Promise<queries.OutcomeRow> {
  const actor = actorOf(context);
  const [created] = await tx
    .insert(outcomes)
    .values({ ...details, importKey, createdBy: actor.id })
    .returning();
  if (!created) throw new Error("insert returned no row");
  const changes = changedFields(null, created, auditedFields);
  if (importKey) changes.importKey = { after: importKey };
  await recordAudit(tx, context, outcomeAudit(created, "create", changes));
  return created;
}

export async function recordOutcome(
  db: Db,
  context: RequestContext,
  input: CreateOutcomeInput,
): Promise<OutcomeView> {
  const actor = actorOf(context);
  if (!can(actor, "outcomes.record")) throw forbidden();
  const details = await checkNewOutcome(databaseLookups(db), actor, input);
  const created = await db.transaction((tx) => insertOutcome(tx, context, details));
  return getOutcome(db, context, created.id);
}

export async function updateOutcome(
  db: Db,
  context: RequestContext,
  id: string,
  input: UpdateOutcomeInput,
): Promise<OutcomeView> {
  const actor = actorOf(context);
  const { outcome: before } = await loadOutcome(db, actor, id, "outcomes.record");
  // A field left out keeps its value; null clears it.
  const pick = <Key extends keyof UpdateOutcomeInput>(
    key: Key,
    current: NonNullable<UpdateOutcomeInput[Key]> | null,
  ) => (input[key] === undefined ? current : input[key]);
  const details = await resolveDetails(databaseLookups(db), actor, {
    kind: before.kind,
    operationId: input.operationId ?? before.operationId,
    ocgId: input.ocgId ?? before.ocgId,
    disruptionId: pick("disruptionId", before.disruptionId),
    occurredOn: input.occurredOn ?? before.occurredOn,
    quantity: pick("quantity", Number(before.quantity)),
    commodity: pick("commodity", before.commodity),
    offence: pick("offence", before.offence),
    sentenceMonths: pick("sentenceMonths", before.sentenceMonths),
    court: pick("court", before.court),
    safeguardedGroup: pick("safeguardedGroup", before.safeguardedGroup),
    notes: input.notes ?? before.notes,
    forceId: input.forceId ?? before.forceId,
    classification: input.classification ?? before.classification,
  });
  if (Object.keys(changedFields(before, { ...before, ...details }, auditedFields)).length > 0) {
    await db.transaction(async (tx) => {
      const [after] = await tx
        .update(outcomes)
        .set({ ...details, updatedAt: new Date() })
        .where(eq(outcomes.id, id))
        .returning();
      if (!after) throw notFound("Outcome");
      await recordAudit(
        tx,
        context,
        outcomeAudit(after, "update", changedFields(before, after, auditedFields)),
      );
    });
  }
  return getOutcome(db, context, id);
}

/** Removes an entry made by mistake; the audit event keeps every value it held. */
export async function deleteOutcome(db: Db, context: RequestContext, id: string): Promise<void> {
  const actor = actorOf(context);
  const { outcome } = await loadOutcome(db, actor, id, "outcomes.record");
  await db.transaction(async (tx) => {
    const [deleted] = await tx.delete(outcomes).where(eq(outcomes.id, id)).returning();
    if (!deleted) throw notFound("Outcome");
    const changes: AuditChanges = Object.fromEntries(
      auditedFields.map((field) => [field, { before: outcome[field] }]),
    );
    await recordAudit(tx, context, outcomeAudit(deleted, "delete", changes));
  });
}

function assertDateRange(query: { from?: string | undefined; to?: string | undefined }) {
  if (query.from && query.to && query.from > query.to) {
    throw new AppError("validation", "The end date must be on or after the start date", {
      fields: [{ field: "to", message: "The end date must be on or after the start date" }],
    });
  }
}

/** The day before an ISO date: the inclusive end of a period whose exclusive end is given. */
function dayBefore(date: string): string {
  const [year = 0, month = 1, day = 1] = date.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day - 1)).toISOString().slice(0, 10);
}

function figuresOf(row: queries.FiguresRow): OutcomeFigures {
  return {
    arrests: row.arrests,
    charges: row.charges,
    convictions: row.convictions,
    sentenceYears: Number(row.sentenceYears),
    seizures: {
      cocaineKg: Number(row.cocaineKg),
      heroinKg: Number(row.heroinKg),
      cannabisKg: Number(row.cannabisKg),
      otherDrugsKg: Number(row.otherDrugsKg),
      firearms: row.firearms,
      ammunition: row.ammunition,
      cashPounds: Number(row.cashPounds),
    },
    confiscationOrders: { count: row.confiscationOrders, amountPounds: Number(row.confiscationPounds) },
    restraintOrders: { count: row.restraintOrders, amountPounds: Number(row.restraintPounds) },
    safeguarded: { children: row.children, adults: row.adults },
  };
}

/**
 * Outcome totals by financial year, quarter or month, optionally per force or region: counts and
 * sums only, over the records the actor may see. Each row names the dates of its records, so the
 * outcome list filtered by them (and by its group) shows exactly what was counted.
 */
export async function outcomeTotals(
  db: Db,
  context: RequestContext,
  query: TotalsQuery,
): Promise<OutcomeTotalsView> {
  const actor = actorOf(context);
  if (!can(actor, "pursue.totals")) throw forbidden();
  assertDateRange(query);
  const { rows, total } = await queries.outcomeTotals(db, actor, query);
  return {
    period: query.period,
    groupBy: query.groupBy,
    rows: rows.map((row) => {
      const lastDay = dayBefore(periodEnd(row.periodStart, query.period));
      return {
        period: periodLabel(row.periodStart, query.period),
        from: query.from && query.from > row.periodStart ? query.from : row.periodStart,
        to: query.to && query.to < lastDay ? query.to : lastDay,
        ...(row.groupId && row.groupName ? { group: { id: row.groupId, name: row.groupName } } : {}),
        ...figuresOf(row),
      };
    }),
    total: figuresOf(total),
  };
}
