import { and, eq, sql } from "drizzle-orm";
import { actorOf, type RequestContext, recordAudit } from "#src/audit/audit.ts";
import { type Actor, can, clearanceCovers } from "#src/auth/policy.ts";
import type { Db, Queryable } from "#src/db/database.ts";
import { forces, instanceSettings, nfibCodes, referralDecisions, referrals } from "#src/db/schema.ts";
import { AppError, type FieldError, forbidden, notFound } from "#src/lib/errors.ts";
import { referralRecord } from "./access.ts";
import { type IdentifierKind, identifierKinds, normaliseIdentifier } from "./identifiers.ts";
import { ingestReferrals } from "./ingest.ts";
import { prepareReferral, type ReferralInput } from "./intake.ts";
import * as queries from "./queries.ts";
import type {
  ListReferralsQuery,
  ReferralPageView,
  ReferralSummaryView,
  ReferralView,
  TriageDecisionInput,
} from "./schema.ts";
import { loadTriageSettings, type TriageSettings, triageSettingsKey } from "./settings.ts";
import { clockState } from "./targets.ts";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function presentSummary(
  row: queries.ReferralWithNames,
  settings: TriageSettings,
  now: Date,
): ReferralSummaryView {
  const { referral } = row;
  const clock =
    referral.status === "awaiting-triage"
      ? clockState(referral.receivedAt, referral.priorityBand, settings.targets, now)
      : null;
  return {
    id: referral.id,
    crimeReference: referral.crimeReference,
    force: { id: referral.forceId, name: row.forceName },
    reportedOn: referral.reportedOn,
    nfib: { code: referral.nfibCode, name: row.nfibName, category: row.nfibCategory },
    victimType: referral.victimType,
    victimAgeBand: referral.victimAgeBand,
    vulnerability: referral.vulnerability,
    lossPence: referral.lossPence,
    repeatVictim: referral.repeatVictim,
    priority: {
      score: referral.priorityScore,
      band: referral.priorityBand,
      reasons: referral.priorityReasons as ReferralSummaryView["priority"]["reasons"],
    },
    status: referral.status,
    allocatedUnit: referral.allocatedUnit,
    receivedAt: referral.receivedAt.toISOString(),
    // The stored due moment is the one the clock was set with; the targets only give its length.
    clock: clock
      ? {
          dueAt: referral.triageDueAt.toISOString(),
          remainingMs: referral.triageDueAt.getTime() - now.getTime(),
          overdue: referral.triageDueAt.getTime() < now.getTime(),
          fractionUsed: clock.fractionUsed,
        }
      : null,
    version: referral.version,
    classification: referral.classification,
  };
}

const isIdentifierKind = (kind: string): kind is IdentifierKind =>
  (identifierKinds as readonly string[]).includes(kind);

/** Loads a referral the actor may see; anything else looks like it does not exist. */
async function loadVisible(db: Queryable, actor: Actor, id: string) {
  const row = await queries.findReferral(db, id);
  if (!row || !can(actor, "referrals.read", referralRecord(row.referral))) throw notFound("Referral");
  return row;
}

export async function getReferral(db: Db, context: RequestContext, id: string): Promise<ReferralView> {
  const actor = actorOf(context);
  const row = await loadVisible(db, actor, id);
  const { referral } = row;
  const [settings, linked, decisions, versions] = await Promise.all([
    loadTriageSettings(db),
    queries.linkedReferrals(db, actor, referral.id, referral.identifierKeys),
    queries.decisionsOf(db, referral.id),
    queries.versionsOf(db, referral.id),
  ]);
  const suspects = referral.suspectIdentifiers.flatMap(({ kind, value }) => {
    if (!isIdentifierKind(kind)) return [];
    const normalised = normaliseIdentifier(kind, value);
    const key = normalised.ok ? `${kind}:${normalised.value}` : null;
    return [
      {
        kind,
        value,
        normalised: normalised.ok ? normalised.value : null,
        linkedCount: key ? (linked.counts.get(key) ?? 0) : 0,
        linked: key
          ? linked.samples
              .filter((other) => other.identifierKeys.includes(key))
              .slice(0, 10)
              .map((other) => ({
                id: other.id,
                crimeReference: other.crimeReference,
                reportedOn: other.reportedOn,
                force: { id: other.forceId, name: other.forceName },
              }))
          : [],
      },
    ];
  });
  const decided = referral.status !== "awaiting-triage";
  const record = referralRecord(referral);
  return {
    ...presentSummary(row, settings, new Date()),
    source: referral.source,
    regionId: referral.regionId,
    offenceFrom: referral.offenceFrom,
    offenceTo: referral.offenceTo,
    summary: referral.summary,
    victim: {
      name: referral.victimName,
      email: referral.victimEmail,
      phone: referral.victimPhone,
      contactPreference: referral.contactPreference,
      vulnerabilityIndicators: referral.vulnerabilityIndicators,
    },
    harmOngoing: referral.harmOngoing,
    suspectIdentifiers: suspects,
    versionReceivedAt: referral.versionReceivedAt.toISOString(),
    decisionReason: referral.decisionReason,
    decidedBy:
      referral.decidedBy && row.decidedByName ? { id: referral.decidedBy, name: row.decidedByName } : null,
    decidedAt: iso(referral.decidedAt),
    decisions: decisions.map(({ decision, deciderName }) => ({
      kind: decision.kind,
      outcome: decision.outcome,
      allocatedUnit: decision.allocatedUnit,
      reason: decision.reason,
      decidedBy: { id: decision.decidedBy, name: deciderName },
      decidedAt: decision.decidedAt.toISOString(),
    })),
    versions: versions.map((version) => ({
      version: version.version,
      receivedAt: version.receivedAt.toISOString(),
      supersededAt: version.supersededAt.toISOString(),
      changes: version.changes as Record<string, { before: unknown; after: unknown }>,
    })),
    contactDueAt: iso(referral.contactDueAt),
    contactedAt: iso(referral.contactedAt),
    canTriage: !decided && can(actor, "referrals.triage", record),
    canReallocate: decided && can(actor, "referrals.reallocate", record),
  };
}

export async function listReferrals(
  db: Db,
  context: RequestContext,
  query: ListReferralsQuery,
): Promise<ReferralPageView> {
  const actor = actorOf(context);
  let identifierKey: string | null = null;
  if (query.identifier) {
    const separator = query.identifier.indexOf(":");
    const kind = query.identifier.slice(0, separator);
    if (separator < 1 || !isIdentifierKind(kind))
      throw new AppError("validation", "Give the identifier as kind:value", {
        fields: [
          {
            field: "identifier",
            message: `Give the identifier as kind:value, where kind is one of ${identifierKinds.join(", ")}`,
          },
        ],
      });
    const normalised = normaliseIdentifier(kind, query.identifier.slice(separator + 1));
    if (!normalised.ok)
      throw new AppError("validation", normalised.message, {
        fields: [{ field: "identifier", message: normalised.message }],
      });
    identifierKey = `${kind}:${normalised.value}`;
  }
  const [settings, { rows, total, totalIsAtLeast }] = await Promise.all([
    loadTriageSettings(db),
    queries.listReferrals(db, actor, query, identifierKey),
  ]);
  const now = new Date();
  return {
    items: rows.map((row) => presentSummary(row, settings, now)),
    total,
    totalIsAtLeast,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The force areas an actor may record referrals for: their own, their region's, or any. */
export function forceInScope(actor: Actor, force: { id: string; regionId: string }): boolean {
  if (actor.scope === "national") return true;
  if (actor.scope === "region") return force.regionId === actor.regionId;
  return force.id === actor.forceId;
}

/**
 * Records a referral typed in or sent through the API. The same crime reference sent again is
 * the same referral: unchanged content changes nothing, changed content becomes a new version.
 */
export async function submitReferral(db: Db, context: RequestContext, input: ReferralInput) {
  const actor = actorOf(context);
  const [force] = await db.select().from(forces).where(eq(forces.id, input.forceId));
  const [code] = await db.select().from(nfibCodes).where(eq(nfibCodes.code, input.nfibCode));
  const fields: FieldError[] = [];
  if (!force) fields.push({ field: "forceId", message: "Choose a force area from the list" });
  else if (!forceInScope(actor, force))
    fields.push({ field: "forceId", message: "You can only record referrals for force areas you work in" });
  if (!code) fields.push({ field: "nfibCode", message: `Unknown NFIB code ${input.nfibCode}` });
  if (!clearanceCovers(actor.clearance, input.classification))
    fields.push({ field: "classification", message: "You cannot mark a referral above your own clearance" });
  if (fields.length > 0)
    throw new AppError("validation", fields[0]?.message ?? "Check the referral", { fields });

  const existing = await queries.findReferralByReference(db, input.crimeReference);
  // Re-sending updates the record its owners hold: someone who cannot see it must not change it.
  if (existing && !can(actor, "referrals.read", referralRecord(existing)))
    throw new AppError("conflict", "Another force area already holds a referral with this crime reference");

  const prepared = prepareReferral(input);
  const settings = await loadTriageSettings(db);
  const ingested = await db.transaction(async (tx) => {
    const [result] = await ingestReferrals(tx, [prepared], {
      receivedAt: new Date(),
      settings,
      importRunId: null,
    });
    if (!result) throw new Error("ingest returned nothing for one referral");
    if (result.outcome !== "unchanged") {
      const [stored] = await tx.select().from(referrals).where(eq(referrals.id, result.id));
      await recordAudit(tx, context, {
        action: result.outcome === "created" ? "referral.create" : "referral.version",
        entityType: "referral",
        entityId: result.id,
        forceId: stored?.forceId ?? null,
        regionId: stored?.regionId ?? null,
        classification: stored?.classification ?? input.classification,
        changes: { version: { after: stored?.version }, crimeReference: { after: input.crimeReference } },
      });
    }
    return result;
  });
  return { outcome: ingested.outcome, referral: await getReferral(db, context, ingested.id) };
}

const decisionOf = (body: TriageDecisionInput) => ({
  status: body.outcome,
  allocatedUnit: body.outcome === "allocated" ? body.allocatedUnit : null,
});

/** The triage decision: allocate to a unit, victim care only, or no further action, with a reason. */
export async function triageReferral(
  db: Db,
  context: RequestContext,
  id: string,
  body: TriageDecisionInput,
): Promise<ReferralView> {
  const actor = actorOf(context);
  const row = await loadVisible(db, actor, id);
  if (!can(actor, "referrals.triage", referralRecord(row.referral))) throw forbidden();
  if (row.referral.status !== "awaiting-triage")
    throw new AppError("conflict", "This referral has already been triaged; a supervisor can reallocate it");
  await db.transaction(async (tx) => {
    const decidedAt = new Date();
    const updated = await tx
      .update(referrals)
      .set({
        ...decisionOf(body),
        decisionReason: body.reason,
        decidedBy: actor.id,
        decidedAt,
        updatedAt: sql`now()`,
      })
      // Two people triaging at once: the second finds it no longer waiting.
      .where(and(eq(referrals.id, id), eq(referrals.status, "awaiting-triage")))
      .returning({ id: referrals.id });
    if (updated.length === 0)
      throw new AppError(
        "conflict",
        "This referral has already been triaged; a supervisor can reallocate it",
      );
    await tx.insert(referralDecisions).values({
      referralId: id,
      kind: "triage",
      outcome: body.outcome,
      allocatedUnit: decisionOf(body).allocatedUnit,
      reason: body.reason,
      decidedBy: actor.id,
      decidedAt,
    });
    await recordAudit(tx, context, {
      action: "referral.triage",
      entityType: "referral",
      entityId: id,
      forceId: row.referral.forceId,
      regionId: row.referral.regionId,
      classification: row.referral.classification,
      changes: {
        status: { before: "awaiting-triage", after: body.outcome },
        allocatedUnit: { after: decisionOf(body).allocatedUnit },
        reason: { after: body.reason },
      },
    });
  });
  return getReferral(db, context, id);
}

/** A supervisor changes a decision already made, with a reason; the history keeps both. */
export async function reallocateReferral(
  db: Db,
  context: RequestContext,
  id: string,
  body: TriageDecisionInput,
): Promise<ReferralView> {
  const actor = actorOf(context);
  const row = await loadVisible(db, actor, id);
  const { referral } = row;
  if (!can(actor, "referrals.reallocate", referralRecord(referral))) throw forbidden();
  if (referral.status === "awaiting-triage")
    throw new AppError("conflict", "This referral has not been triaged yet; triage it instead");
  const next = decisionOf(body);
  if (next.status === referral.status && next.allocatedUnit === referral.allocatedUnit)
    throw new AppError("validation", "That is the decision already recorded", {
      fields: [{ field: "outcome", message: "Choose a different outcome or unit from the current one" }],
    });
  await db.transaction(async (tx) => {
    const decidedAt = new Date();
    await tx
      .update(referrals)
      .set({ ...next, decisionReason: body.reason, decidedBy: actor.id, decidedAt, updatedAt: sql`now()` })
      .where(eq(referrals.id, id));
    await tx.insert(referralDecisions).values({
      referralId: id,
      kind: "reallocation",
      outcome: body.outcome,
      allocatedUnit: next.allocatedUnit,
      reason: body.reason,
      decidedBy: actor.id,
      decidedAt,
    });
    await recordAudit(tx, context, {
      action: "referral.reallocate",
      entityType: "referral",
      entityId: id,
      forceId: referral.forceId,
      regionId: referral.regionId,
      classification: referral.classification,
      changes: {
        status: { before: referral.status, after: next.status },
        allocatedUnit: { before: referral.allocatedUnit, after: next.allocatedUnit },
        reason: { after: body.reason },
      },
    });
  });
  // Force users keep seeing their force's referrals wherever they are allocated, so the
  // reallocator (a force supervisor) can always read the result.
  return getReferral(db, context, id);
}

export async function getTriageSettings(db: Db): Promise<TriageSettings> {
  return loadTriageSettings(db);
}

/** New weights and targets apply to referrals received or re-sent from now on. */
export async function saveTriageSettings(
  db: Db,
  context: RequestContext,
  settings: TriageSettings,
): Promise<TriageSettings> {
  actorOf(context);
  return db.transaction(async (tx) => {
    const before = await loadTriageSettings(tx);
    await tx
      .insert(instanceSettings)
      .values({ key: triageSettingsKey, value: settings })
      .onConflictDoUpdate({ target: instanceSettings.key, set: { value: settings } });
    await recordAudit(tx, context, {
      action: "triage-settings.update",
      entityType: "triage-settings",
      entityId: triageSettingsKey,
      changes: { settings: { before, after: settings } },
    });
    return settings;
  });
}
