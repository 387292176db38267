import { eq } from "drizzle-orm";
import { actorOf, changedFields, type RequestContext, recordAudit } from "#src/audit/audit.ts";
import { type Actor, type Classification, can, classifications, clearanceCovers } from "#src/auth/policy.ts";
import type { Db } from "#src/db/database.ts";
import { cyberChoicesReferrals } from "#src/db/schema.ts";
import { AppError, type FieldError, forbidden, notFound } from "#src/lib/errors.ts";
import { ukToday } from "#src/lib/periods.ts";
import * as queries from "./queries.ts";
import type {
  CreateCyberChoicesInput,
  CyberChoicesSummaryView,
  CyberChoicesView,
  ListCyberChoicesQuery,
  UpdateCyberChoicesInput,
} from "./schema.ts";

// Cyber Choices records are about people at risk of offending, often children: the Prevent team
// alone reads them, and every read is written to the audit log.

const auditedFields = [
  "forceId",
  "regionId",
  "referredOn",
  "source",
  "subjectLabel",
  "age",
  "concerns",
  "safeguardingChecked",
  "consentObtained",
  "interventions",
  "interventionPlan",
  "outcome",
  "status",
  "reviewOn",
  "classification",
] as const;

const reviewDue = (record: queries.CyberChoicesRow, today: string) =>
  record.status === "open" && record.reviewOn <= today;

function presentSummary(row: queries.CyberChoicesWithNames, today: string): CyberChoicesSummaryView {
  const { record } = row;
  return {
    id: record.id,
    reference: record.reference,
    force: { id: record.forceId, name: row.forceName },
    referredOn: record.referredOn,
    source: record.source,
    subjectLabel: record.subjectLabel,
    age: record.age,
    status: record.status,
    reviewOn: record.reviewOn,
    reviewDue: reviewDue(record, today),
    classification: record.classification,
  };
}

function present(row: queries.CyberChoicesWithNames, today: string): CyberChoicesView {
  const { record } = row;
  return {
    ...presentSummary(row, today),
    regionId: record.regionId,
    concerns: record.concerns,
    safeguardingChecked: record.safeguardingChecked,
    consentObtained: record.consentObtained,
    interventions: record.interventions,
    interventionPlan: record.interventionPlan,
    outcome: record.outcome,
    createdBy: { id: record.createdBy, name: row.creatorName },
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

function assertPreventTeam(actor: Actor) {
  if (!can(actor, "prevent.manage")) throw forbidden("Only the Prevent team can see Cyber Choices referrals");
}

/** Loads a record the actor may see; anything else looks like it does not exist. */
async function loadVisible(db: Db, actor: Actor, id: string) {
  assertPreventTeam(actor);
  const row = await queries.findRecord(db, id);
  if (!row || !can(actor, "prevent.manage", row.record)) throw notFound("Cyber Choices referral");
  return row;
}

/** The highest marking among the records, for the audit event that names them all. */
const highestOf = (records: { classification: Classification }[]): Classification =>
  classifications.reduce<Classification>(
    (highest, marking) => (records.some((record) => record.classification === marking) ? marking : highest),
    "OFFICIAL",
  );

export async function listCyberChoices(db: Db, context: RequestContext, query: ListCyberChoicesQuery) {
  const actor = actorOf(context);
  assertPreventTeam(actor);
  const today = ukToday();
  const { rows, total } = await queries.listRecords(db, actor, query, today);
  const ids = rows.map((row) => row.record.id);
  await db.transaction(async (tx) => {
    await recordAudit(tx, context, {
      action: "cyber-choices.list",
      entityType: "cyber-choices",
      // One event for the page read; the records it showed are named in it.
      entityId: "list",
      forceId: actor.forceId,
      regionId: actor.regionId,
      classification: highestOf(rows.map((row) => row.record)),
      changes: { ids: { after: ids }, query: { after: query } },
    });
  });
  return {
    items: rows.map((row) => presentSummary(row, today)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getCyberChoices(
  db: Db,
  context: RequestContext,
  id: string,
): Promise<CyberChoicesView> {
  const actor = actorOf(context);
  const row = await loadVisible(db, actor, id);
  await db.transaction(async (tx) => {
    await recordAudit(tx, context, {
      action: "cyber-choices.read",
      entityType: "cyber-choices",
      entityId: id,
      forceId: row.record.forceId,
      regionId: row.record.regionId,
      classification: row.record.classification,
    });
  });
  return present(row, ukToday());
}

type Details = Omit<CreateCyberChoicesInput, "forceId"> & {
  forceId: string;
  status: "open" | "closed";
  outcome: string | null;
};

/** Checks a record as it would be stored, naming every bad field at once; gives its region. */
async function resolve(db: Db, actor: Actor, details: Details) {
  const errors: FieldError[] = [];
  const force = await queries.findForce(db, details.forceId);
  if (!force) errors.push({ field: "forceId", message: "Choose a force area from the list" });
  else if (
    !can(actor, "prevent.manage", { forceId: force.id, regionId: force.regionId, classification: "OFFICIAL" })
  )
    errors.push({
      field: "forceId",
      message: "You can only record Cyber Choices referrals for force areas you work in",
    });
  if (!clearanceCovers(actor.clearance, details.classification))
    errors.push({ field: "classification", message: "You cannot mark a record above your own clearance" });
  if (details.referredOn > ukToday())
    errors.push({ field: "referredOn", message: "The date referred cannot be in the future" });
  if (details.reviewOn < details.referredOn)
    errors.push({ field: "reviewOn", message: "The review date must be on or after the date referred" });
  if (details.status === "closed" && !details.outcome)
    errors.push({ field: "outcome", message: "Give the outcome to close the referral" });
  if (details.status === "open" && details.outcome)
    errors.push({ field: "outcome", message: "An open referral has no outcome yet: close it to record one" });
  if (errors.length > 0 || !force)
    throw new AppError("validation", errors[0]?.message ?? "Check the referral", { fields: errors });
  return {
    ...details,
    interventions: [...new Set(details.interventions)],
    regionId: force.regionId,
  };
}

export async function createCyberChoices(
  db: Db,
  context: RequestContext,
  input: CreateCyberChoicesInput,
): Promise<CyberChoicesView> {
  const actor = actorOf(context);
  assertPreventTeam(actor);
  const details = await resolve(db, actor, { ...input, status: "open", outcome: null });
  const id = await db.transaction(async (tx) => {
    const reference = await queries.nextReference(tx, details.regionId);
    const [created] = await tx
      .insert(cyberChoicesReferrals)
      .values({ ...details, reference, createdBy: actor.id })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await recordAudit(tx, context, {
      action: "cyber-choices.create",
      entityType: "cyber-choices",
      entityId: created.id,
      forceId: created.forceId,
      regionId: created.regionId,
      classification: created.classification,
      changes: { reference: { after: reference }, ...changedFields(null, created, auditedFields) },
    });
    return created.id;
  });
  const row = await queries.findRecord(db, id);
  if (!row) throw notFound("Cyber Choices referral");
  return present(row, ukToday());
}

/** Changes a record's details, closes it with its outcome, or reopens it (dropping the outcome). */
export async function updateCyberChoices(
  db: Db,
  context: RequestContext,
  id: string,
  input: UpdateCyberChoicesInput,
): Promise<CyberChoicesView> {
  const actor = actorOf(context);
  const { record: before } = await loadVisible(db, actor, id);
  const status = input.status ?? before.status;
  const details = await resolve(db, actor, {
    forceId: input.forceId ?? before.forceId,
    referredOn: input.referredOn ?? before.referredOn,
    source: input.source ?? before.source,
    subjectLabel: input.subjectLabel ?? before.subjectLabel,
    age: input.age ?? before.age,
    concerns: input.concerns ?? before.concerns,
    safeguardingChecked: input.safeguardingChecked ?? before.safeguardingChecked,
    consentObtained: input.consentObtained ?? before.consentObtained,
    interventions: input.interventions ?? before.interventions,
    interventionPlan: input.interventionPlan === undefined ? before.interventionPlan : input.interventionPlan,
    reviewOn: input.reviewOn ?? before.reviewOn,
    classification: input.classification ?? before.classification,
    status,
    // Reopening drops the outcome unless a new one is sent (which is then refused as open).
    outcome: input.outcome !== undefined ? input.outcome : input.status === "open" ? null : before.outcome,
  });
  const changes = changedFields(before, { ...before, ...details }, auditedFields);
  if (Object.keys(changes).length > 0)
    await db.transaction(async (tx) => {
      const [after] = await tx
        .update(cyberChoicesReferrals)
        .set({ ...details, updatedAt: new Date() })
        .where(eq(cyberChoicesReferrals.id, id))
        .returning();
      if (!after) throw notFound("Cyber Choices referral");
      const action =
        before.status !== after.status ? (after.status === "closed" ? "close" : "reopen") : "update";
      await recordAudit(tx, context, {
        action: `cyber-choices.${action}`,
        entityType: "cyber-choices",
        entityId: id,
        forceId: after.forceId,
        regionId: after.regionId,
        classification: after.classification,
        changes: changedFields(before, after, auditedFields),
      });
    });
  const row = await queries.findRecord(db, id);
  if (!row) throw notFound("Cyber Choices referral");
  return present(row, ukToday());
}
