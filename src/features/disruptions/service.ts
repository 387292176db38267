import { and, eq } from "drizzle-orm";
import {
  type AuditEventInput,
  actorOf,
  changedFields,
  type RequestContext,
  recordAudit,
} from "#src/audit/audit.ts";
import {
  type Actor,
  type Classification,
  can,
  canSee,
  clearanceCovers,
  type OwnedRecord,
} from "#src/auth/policy.ts";
import type { Db, Queryable, Tx } from "#src/db/database.ts";
import { type AuditChanges, disruptions } from "#src/db/schema.ts";
import * as ocgQueries from "#src/features/ocgs/queries.ts";
import { ocgRecord } from "#src/features/ocgs/service.ts";
import { AppError, type FieldError, forbidden, notFound } from "#src/lib/errors.ts";
import { periodLabel } from "#src/lib/periods.ts";
import {
  actionsInState,
  assertEditable,
  type ClaimAction,
  decide,
  type PanelStatus,
  submit,
} from "./machine.ts";
import * as queries from "./queries.ts";
import {
  type ClaimSummaryView,
  type ClaimView,
  type CreateClaimInput,
  type DecisionBody,
  type DecisionView,
  type ListClaimsQuery,
  moderatedBasis,
  type TotalsQuery,
  type TotalsView,
  type UpdateClaimInput,
} from "./schema.ts";

type ClaimRow = queries.ClaimRow;

/** A claim is owned like its OCG when it was made: the lead force and its region. */
export const claimRecord = (
  claim: Pick<ClaimRow, "forceId" | "regionId" | "classification">,
): OwnedRecord => ({
  forceId: claim.forceId,
  regionId: claim.regionId,
  classification: claim.classification,
});

/** Scope and clearance, or the claimant's own organisation (within clearance): see claimVisibleTo. */
export function canSeeClaim(
  actor: Actor,
  claim: Pick<ClaimRow, "forceId" | "regionId" | "classification" | "claimingOrganisationId">,
): boolean {
  return (
    canSee(actor, claimRecord(claim)) ||
    (claim.claimingOrganisationId === actor.organisationId &&
      clearanceCovers(actor.clearance, claim.classification))
  );
}

/** Only the claiming organisation changes and submits its claims. */
const mayChange = (actor: Actor, claim: Pick<ClaimRow, "claimingOrganisationId">) =>
  can(actor, "disruptions.claim") && claim.claimingOrganisationId === actor.organisationId;

/** Moderators decide claims in their scope, but never their own organisation's. */
const mayDecide = (actor: Actor, claim: ClaimRow) =>
  can(actor, "disruptions.moderate", claimRecord(claim)) &&
  claim.claimingOrganisationId !== actor.organisationId;

/** What the caller may do to the claim now, for the UI to offer exactly that. */
export function allowedActions(
  actor: Actor,
  claim: ClaimRow,
  panelStatus: PanelStatus | null,
): ClaimAction[] {
  return actionsInState({ status: claim.status, panelStatus }).filter((action) =>
    action === "decide" ? mayDecide(actor, claim) : mayChange(actor, claim),
  );
}

/** Loads a claim the actor may see; anything else looks like it does not exist. */
async function loadClaim(db: Queryable, actor: Actor, id: string) {
  const found = await queries.findClaimRow(db, id);
  if (!found || !can(actor, "disruptions.read") || !canSeeClaim(actor, found.claim)) {
    throw notFound("Disruption claim");
  }
  return found;
}

export function presentClaimSummary(row: queries.ClaimSummaryRow): ClaimSummaryView {
  const { claim } = row;
  return {
    id: claim.id,
    reference: claim.reference,
    status: claim.status,
    ocg: row.ocg,
    operation:
      claim.operationId && row.operationCodeName !== null
        ? { id: claim.operationId, codeName: row.operationCodeName }
        : null,
    disruptedOn: claim.disruptedOn,
    claimedGrade: claim.claimedGrade,
    moderatedGrade: claim.moderatedGrade,
    strand: claim.strand,
    crimeType: { code: claim.crimeType, name: row.crimeTypeName },
    claimingOrganisation: { id: claim.claimingOrganisationId, name: row.organisationName },
    leadForce: { id: claim.forceId, name: row.leadForceName },
    regionId: claim.regionId,
    classification: claim.classification,
    panelId: claim.panelId,
    submittedAt: claim.submittedAt?.toISOString() ?? null,
    updatedAt: claim.updatedAt.toISOString(),
  };
}

/** "2026-03-01" → "2026-03": a panel is named by its month. */
export const monthOf = (periodMonth: string) => periodMonth.slice(0, 7);

export function presentDecision(
  decision: queries.DecisionRow,
  periodMonth: string,
  deciderName: string | null,
): DecisionView {
  return {
    panelId: decision.panelId,
    panelPeriod: monthOf(periodMonth),
    decision: decision.decision,
    grade: decision.grade,
    reason: decision.reason,
    decidedBy: { id: decision.decidedBy, name: deciderName ?? "" },
    decidedAt: decision.decidedAt.toISOString(),
  };
}

export async function listClaims(db: Db, context: RequestContext, query: ListClaimsQuery) {
  const actor = actorOf(context);
  if (!can(actor, "disruptions.read")) throw forbidden();
  const { rows, total } = await queries.listClaims(db, actor, query);
  return { items: rows.map(presentClaimSummary), total, page: query.page, pageSize: query.pageSize };
}

export async function getClaim(db: Db, context: RequestContext, id: string): Promise<ClaimView> {
  const actor = actorOf(context);
  await loadClaim(db, actor, id);
  const [row, decisions] = await Promise.all([queries.findClaim(db, id), queries.decisionsOf(db, id)]);
  if (!row) throw notFound("Disruption claim");
  const { claim, panel } = row;
  return {
    ...presentClaimSummary(row),
    narrative: claim.narrative,
    evidenceReferences: claim.evidenceReferences,
    claimant: { id: claim.claimantUserId, name: row.claimantName },
    decisionReason: claim.decisionReason,
    panel: panel
      ? {
          id: panel.id,
          period: monthOf(panel.periodMonth),
          periodLabel: periodLabel(panel.periodMonth, "month"),
          status: panel.status,
        }
      : null,
    decisions: decisions.map((item) => presentDecision(item.decision, item.periodMonth, item.deciderName)),
    allowedActions: allowedActions(actor, claim, panel?.status ?? null),
    createdAt: claim.createdAt.toISOString(),
  };
}

/** Opening a SECRET claim is itself recorded, as reading any SECRET record is. */
export async function viewClaim(db: Db, context: RequestContext, id: string): Promise<ClaimView> {
  const view = await getClaim(db, context, id);
  if (view.classification === "SECRET") {
    const { claim } = await loadClaim(db, actorOf(context), id);
    await db.transaction((tx) => recordAudit(tx, context, claimAudit(claim, "read", {})));
  }
  return view;
}

const auditedClaimFields = [
  "reference",
  "ocgId",
  "operationId",
  "disruptedOn",
  "claimedGrade",
  "strand",
  "crimeType",
  "narrative",
  "claimingOrganisationId",
  "evidenceReferences",
  "status",
  "panelId",
  "moderatedGrade",
  "decisionReason",
  "forceId",
  "regionId",
  "classification",
] as const;

/** Every event names the claim's OCG, so the OCG's timeline can show its disruptions. */
export function claimAudit(claim: ClaimRow, verb: string, changes: AuditChanges): AuditEventInput {
  return {
    action: `disruption.${verb}`,
    entityType: "disruption",
    entityId: claim.id,
    forceId: claim.forceId,
    regionId: claim.regionId,
    classification: claim.classification,
    changes: { ocgId: { after: claim.ocgId }, ...changes },
  };
}

interface ClaimDetails {
  ocgId: string;
  operationId: string | null;
  disruptedOn: string;
  claimedGrade: ClaimRow["claimedGrade"];
  strand: ClaimRow["strand"];
  crimeType?: string | undefined;
  narrative: string;
  evidenceReferences: string[];
  classification: Classification;
}

/**
 * The records checking a claim needs. The API asks the database; a CSV import asks it once per
 * record its file names, so 10,000 rows do not cost 30,000 queries.
 */
export interface ClaimLookups {
  findOcg(id: string): ReturnType<typeof ocgQueries.findOcgRow>;
  findOperationFor(operationId: string, ocgId: string): ReturnType<typeof queries.findOperationFor>;
  existingCrimeTypes(codes: readonly string[]): Promise<Set<string>>;
}

export const claimLookups = (db: Queryable): ClaimLookups => ({
  findOcg: (id) => ocgQueries.findOcgRow(db, id),
  findOperationFor: (operationId, ocgId) => queries.findOperationFor(db, operationId, ocgId),
  existingCrimeTypes: (codes) => ocgQueries.existingCrimeTypes(db, codes),
});

/**
 * Checks what a claim refers to and reports every bad field at once: an OCG the claimant can see
 * (an affected force may claim against a group affecting it), an operation that targets that OCG,
 * a known crime type (by default the OCG's primary one), and a classification within the
 * claimant's clearance. Unchanged references are not checked again on an edit.
 */
async function resolveDetails(
  lookups: ClaimLookups,
  actor: Actor,
  details: ClaimDetails,
  changed: { ocg: boolean; operation: boolean; crimeType: boolean },
) {
  const errors: FieldError[] = [];
  const ocg = await lookups.findOcg(details.ocgId);
  const ocgVisible = ocg !== undefined && canSee(actor, ocgRecord(ocg));
  if (changed.ocg && !ocgVisible) errors.push({ field: "ocgId", message: "Choose the OCG from the list" });
  if (details.operationId && (changed.operation || changed.ocg)) {
    const found = await lookups.findOperationFor(details.operationId, details.ocgId);
    const visible =
      found !== undefined &&
      canSee(actor, {
        forceId: found.operation.forceId,
        regionId: found.operation.regionId,
        classification: found.operation.classification,
        sharedWithForces: found.operation.forcesInvolved,
      });
    if (!visible) {
      errors.push({ field: "operationId", message: "Choose the operation from the list" });
    } else if (!found.targetsOcg) {
      errors.push({ field: "operationId", message: "Choose an operation that targets this OCG" });
    }
  }
  const crimeType = details.crimeType ?? ocg?.primaryCrimeType;
  if (changed.crimeType && crimeType && !(await lookups.existingCrimeTypes([crimeType])).has(crimeType)) {
    errors.push({ field: "crimeType", message: "Choose the crime type from the list" });
  }
  if (!clearanceCovers(actor.clearance, details.classification)) {
    errors.push({
      field: "classification",
      message: "You cannot classify a claim above your own clearance",
    });
  }
  if (errors.length > 0 || !ocg || !crimeType) {
    throw new AppError("validation", errors[0]?.message ?? "The claim has errors", { fields: errors });
  }
  return {
    ...details,
    crimeType,
    evidenceReferences: [...new Set(details.evidenceReferences)],
    ocg,
  };
}

/** A new claim that passed every check, ready to be written. */
export type CheckedNewClaim = Awaited<ReturnType<typeof resolveDetails>>;

/** Checks a new claim as the API and the CSV import both do. */
export function checkNewClaim(
  lookups: ClaimLookups,
  actor: Actor,
  input: CreateClaimInput,
): Promise<CheckedNewClaim> {
  return resolveDetails(lookups, actor, input, { ocg: true, operation: true, crimeType: true });
}

/**
 * Writes a checked claim, as a draft of the actor's organisation, and its audit event inside the
 * caller's transaction. An import passes the row's key, which the database keeps unique.
 */
export async function insertClaim(
  tx: Tx,
  context: RequestContext,
  checked: CheckedNewClaim,
  importKey: string | null = null,
): Promise<ClaimRow> {
  const actor = actorOf(context);
  const { ocg, ...details } = checked;
  const reference = await queries.nextReference(tx, "disruption", ocg.regionId);
  const [created] = await tx
    .insert(disruptions)
    .values({
      ...details,
      reference,
      status: "draft",
      claimingOrganisationId: actor.organisationId,
      claimantUserId: actor.id,
      forceId: ocg.forceId,
      regionId: ocg.regionId,
      importKey,
    })
    .returning();
  if (!created) throw new Error("insert returned no row");
  const changes = changedFields(null, created, auditedClaimFields);
  // An imported claim's event carries the key of the row it came from.
  if (importKey) changes.importKey = { after: importKey };
  await recordAudit(tx, context, claimAudit(created, "create", changes));
  return created;
}

export async function createClaim(
  db: Db,
  context: RequestContext,
  input: CreateClaimInput,
): Promise<ClaimView> {
  const actor = actorOf(context);
  if (!can(actor, "disruptions.claim")) throw forbidden();
  const checked = await checkNewClaim(claimLookups(db), actor, input);
  const created = await db.transaction((tx) => insertClaim(tx, context, checked));
  return getClaim(db, context, created.id);
}

/** Loads a claim its claimant's organisation may change (a draft or a returned claim). */
async function loadForClaimant(db: Db, actor: Actor, id: string) {
  const { claim } = await loadClaim(db, actor, id);
  if (!mayChange(actor, claim)) {
    throw forbidden("Only the force or unit that made the claim can change or submit it");
  }
  return claim;
}

export async function updateClaim(
  db: Db,
  context: RequestContext,
  id: string,
  input: UpdateClaimInput,
): Promise<ClaimView> {
  const actor = actorOf(context);
  const before = await loadForClaimant(db, actor, id);
  assertEditable(before.status);
  const ocgChanged = input.ocgId !== undefined && input.ocgId !== before.ocgId;
  const { ocg, ...details } = await resolveDetails(
    claimLookups(db),
    actor,
    {
      ocgId: input.ocgId ?? before.ocgId,
      operationId: input.operationId === undefined ? before.operationId : input.operationId,
      disruptedOn: input.disruptedOn ?? before.disruptedOn,
      claimedGrade: input.claimedGrade ?? before.claimedGrade,
      strand: input.strand ?? before.strand,
      crimeType: input.crimeType ?? before.crimeType,
      narrative: input.narrative ?? before.narrative,
      evidenceReferences: input.evidenceReferences ?? before.evidenceReferences,
      classification: input.classification ?? before.classification,
    },
    {
      ocg: ocgChanged,
      operation: input.operationId !== undefined && input.operationId !== before.operationId,
      crimeType: input.crimeType !== undefined && input.crimeType !== before.crimeType,
    },
  );
  // A claim moved to another OCG is owned like that OCG; otherwise it keeps the owner it had.
  const owner = ocgChanged ? { forceId: ocg.forceId, regionId: ocg.regionId } : {};
  const next = { ...before, ...details, ...owner };
  if (Object.keys(changedFields(before, next, auditedClaimFields)).length > 0) {
    await db.transaction(async (tx) => {
      const [after] = await tx
        .update(disruptions)
        .set({ ...details, ...owner, updatedAt: new Date() })
        // Only if nobody submitted or decided it meanwhile.
        .where(and(eq(disruptions.id, id), eq(disruptions.status, before.status)))
        .returning();
      if (!after)
        throw new AppError("conflict", "Someone else changed the claim's status: reload and try again");
      await recordAudit(
        tx,
        context,
        claimAudit(after, "update", changedFields(before, after, auditedClaimFields)),
      );
    });
  }
  return getClaim(db, context, id);
}

export async function submitClaim(db: Db, context: RequestContext, id: string): Promise<ClaimView> {
  const actor = actorOf(context);
  const before = await loadForClaimant(db, actor, id);
  const submission = submit(before.status);
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(disruptions)
      // A returned claim leaves the panel that returned it, to be listed for the next one.
      .set({ status: submission.status, panelId: null, submittedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(disruptions.id, id), eq(disruptions.status, before.status)))
      .returning();
    if (!after)
      throw new AppError("conflict", "Someone else changed the claim's status: reload and try again");
    await recordAudit(
      tx,
      context,
      claimAudit(after, submission.action, changedFields(before, after, ["status", "panelId"])),
    );
  });
  return getClaim(db, context, id);
}

/**
 * A panel's decision on a claim on its agenda. The panel row is locked first, so a decision and
 * the panel's closing cannot cross; the claim's status, the decision row and the audit event are
 * written together.
 */
export async function decideClaim(
  db: Db,
  context: RequestContext,
  id: string,
  input: DecisionBody,
): Promise<ClaimView> {
  const actor = actorOf(context);
  const { claim: seen } = await loadClaim(db, actor, id);
  if (!can(actor, "disruptions.moderate", claimRecord(seen)))
    throw forbidden("Only moderators decide claims");
  if (seen.claimingOrganisationId === actor.organisationId) {
    throw forbidden("You cannot moderate a claim your own unit made");
  }
  await db.transaction(async (tx) => {
    const panel = seen.panelId ? await queries.lockPanel(tx, seen.panelId) : undefined;
    const [before] = await tx.select().from(disruptions).where(eq(disruptions.id, id)).for("update");
    if (!before) throw notFound("Disruption claim");
    // The claim may have left the panel (resubmitted) since it was read: then it is not decidable.
    const panelStatus = panel && before.panelId === panel.id ? panel.status : null;
    const outcome = decide({ status: before.status, panelStatus, claimedGrade: before.claimedGrade }, input);
    if (!panel) throw new Error("a decidable claim must be on a panel");
    const [after] = await tx
      .update(disruptions)
      .set({
        status: outcome.status,
        moderatedGrade: outcome.moderatedGrade,
        decisionReason: outcome.decisionReason,
        updatedAt: new Date(),
      })
      .where(eq(disruptions.id, id))
      .returning();
    if (!after) throw notFound("Disruption claim");
    await queries.insertDecision(tx, {
      disruptionId: id,
      panelId: panel.id,
      decision: outcome.decision,
      grade: outcome.grade,
      reason: outcome.reason,
      decidedBy: actor.id,
    });
    await recordAudit(
      tx,
      context,
      claimAudit(after, "decide", {
        ...changedFields(before, after, ["status", "moderatedGrade", "decisionReason"]),
        decision: { after: outcome.decision },
        panelId: { after: panel.id },
      }),
    );
  });
  return getClaim(db, context, id);
}

/**
 * Moderated disruptions by period and group. Counts only, never narrative: what a board member
 * reads. Only claims the caller could see count, at the grade the panel gave.
 */
export async function disruptionTotals(
  db: Db,
  context: RequestContext,
  query: TotalsQuery,
): Promise<TotalsView> {
  const actor = actorOf(context);
  if (!can(actor, "pursue.totals")) throw forbidden();
  const rows = (await queries.moderatedTotals(db, actor, query)).map((row) => ({
    period: periodLabel(row.periodStart, query.period),
    periodStart: row.periodStart,
    ...(query.groupBy === "none" ? {} : { group: { id: row.groupId, name: row.groupName } }),
    major: row.major,
    moderate: row.moderate,
    minor: row.minor,
    total: row.major + row.moderate + row.minor,
  }));
  const sum = (grade: "major" | "moderate" | "minor" | "total") =>
    rows.reduce((total, row) => total + row[grade], 0);
  return {
    basis: moderatedBasis,
    period: query.period,
    groupBy: query.groupBy,
    rows,
    total: { major: sum("major"), moderate: sum("moderate"), minor: sum("minor"), total: sum("total") },
  };
}
