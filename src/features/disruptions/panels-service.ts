import { eq, inArray } from "drizzle-orm";
import {
  type AuditEventInput,
  actorOf,
  changedFields,
  type RequestContext,
  recordAudit,
} from "#src/audit/audit.ts";
import { type Actor, can } from "#src/auth/policy.ts";
import type { Db, Queryable, Tx } from "#src/db/database.ts";
import { type AuditChanges, disruptions, moderationPanels } from "#src/db/schema.ts";
import { AppError, type FieldError, forbidden, notFound } from "#src/lib/errors.ts";
import { periodEnd, periodLabel } from "#src/lib/periods.ts";
import { assertPanelOpen, closePanel as closeInMachine, list } from "./machine.ts";
import * as queries from "./queries.ts";
import type {
  AgendaItemView,
  CreatePanelInput,
  ListPanelsQuery,
  PanelSummaryView,
  PanelView,
  UpdatePanelInput,
} from "./schema.ts";
import { allowedActions, claimAudit, monthOf, presentClaimSummary, presentDecision } from "./service.ts";

type PanelRow = queries.PanelRow;

/**
 * Panels belong to a region and are not classified (decision 004): users of any scope in that
 * region, and national users, see them. Each viewer's agenda shows only the claims they may see.
 */
const mayView = (actor: Actor, regionId: string) =>
  can(actor, "disruptions.read") && (actor.scope === "national" || actor.regionId === regionId);

/** The region's moderators (and national ones) set up, run and close its panels. */
const mayRun = (actor: Actor, regionId: string) =>
  can(actor, "disruptions.moderate") && (actor.scope === "national" || actor.regionId === regionId);

function panelAudit(panel: PanelRow, verb: string, changes: AuditChanges): AuditEventInput {
  return {
    action: `moderation_panel.${verb}`,
    entityType: "moderation_panel",
    entityId: panel.id,
    forceId: null,
    regionId: panel.regionId,
    classification: "OFFICIAL",
    changes,
  };
}

const auditedPanelFields = [
  "regionId",
  "periodMonth",
  "heldOn",
  "chairUserId",
  "attendees",
  "status",
] as const;

/** Loads a panel the actor may see; anything else looks like it does not exist. */
async function loadPanel(db: Queryable, actor: Actor, id: string, purpose: "view" | "run") {
  const panel = await queries.findPanelRow(db, id);
  if (!panel || !mayView(actor, panel.regionId)) throw notFound("Moderation panel");
  if (purpose === "run" && !mayRun(actor, panel.regionId)) {
    throw forbidden("Only the region's moderators run its panels");
  }
  return panel;
}

function presentPanelSummary(row: queries.PanelSummaryRow): PanelSummaryView {
  const { panel } = row;
  const onAgenda = row.decided + row.undecided;
  return {
    id: panel.id,
    region: { id: panel.regionId, name: row.regionName },
    period: monthOf(panel.periodMonth),
    periodLabel: periodLabel(panel.periodMonth, "month"),
    heldOn: panel.heldOn,
    chair: { id: panel.chairUserId, name: row.chairName },
    attendees: panel.attendees,
    status: panel.status,
    closedAt: panel.closedAt?.toISOString() ?? null,
    counts: {
      onAgenda,
      decided: row.decided,
      undecided: row.undecided,
      notShown: Math.max(0, onAgenda - row.visibleOnAgenda),
    },
    updatedAt: panel.updatedAt.toISOString(),
  };
}

export async function listPanels(db: Db, context: RequestContext, query: ListPanelsQuery) {
  const actor = actorOf(context);
  if (!can(actor, "disruptions.read")) throw forbidden();
  const { rows, total } = await queries.listPanels(db, actor, query);
  return { items: rows.map(presentPanelSummary), total, page: query.page, pageSize: query.pageSize };
}

export async function getPanel(db: Db, context: RequestContext, id: string): Promise<PanelView> {
  const actor = actorOf(context);
  await loadPanel(db, actor, id, "view");
  const [row, agenda] = await Promise.all([
    queries.findPanel(db, actor, id),
    queries.agendaOf(db, actor, id),
  ]);
  if (!row) throw notFound("Moderation panel");
  const { panel } = row;
  const items = agenda.map((item): AgendaItemView => {
    const panelStatus = item.claim.panelId === panel.id ? panel.status : null;
    return {
      ...presentClaimSummary(item),
      narrative: item.claim.narrative,
      evidenceReferences: item.claim.evidenceReferences,
      decision: item.decision ? presentDecision(item.decision, panel.periodMonth, item.deciderName) : null,
      canDecide: allowedActions(actor, item.claim, panelStatus).includes("decide"),
    };
  });
  const running = panel.status === "open" && mayRun(actor, panel.regionId);
  return {
    ...presentPanelSummary(row),
    closedBy: panel.closedBy && row.closerName ? { id: panel.closedBy, name: row.closerName } : null,
    createdAt: panel.createdAt.toISOString(),
    agenda: items,
    allowedActions: running ? ["edit", "refreshAgenda", "close"] : [],
  };
}

/** Checks the chair and the meeting date, reporting every bad field at once. */
async function checkMeeting(
  db: Queryable,
  periodMonth: string,
  details: { heldOn: string; chairUserId: string },
) {
  const errors: FieldError[] = [];
  if (details.heldOn < periodMonth) {
    errors.push({ field: "heldOn", message: "A panel cannot meet before the month it moderates begins" });
  }
  if (!(await queries.isActiveModerator(db, details.chairUserId))) {
    errors.push({ field: "chairUserId", message: "Choose a chair who is an active moderator" });
  }
  return errors;
}

const throwIfAny = (errors: FieldError[]) => {
  const [first] = errors;
  if (first) throw new AppError("validation", first.message, { fields: errors });
};

/**
 * Lists on the panel every claim its agenda should take (see claimsToList), each through the
 * claim machine and with its own audit event. Returns how many were listed.
 */
async function listAgenda(tx: Tx, context: RequestContext, panel: PanelRow): Promise<number> {
  const claims = await queries.claimsToList(tx, panel, periodEnd(panel.periodMonth, "month"));
  if (claims.length === 0) return 0;
  for (const claim of claims) list(claim.status, panel.status);
  const listed = await tx
    .update(disruptions)
    .set({ status: "listed", panelId: panel.id, updatedAt: new Date() })
    .where(
      inArray(
        disruptions.id,
        claims.map((claim) => claim.id),
      ),
    )
    .returning();
  const before = new Map(claims.map((claim) => [claim.id, claim]));
  for (const after of listed) {
    await recordAudit(
      tx,
      context,
      claimAudit(after, "list", changedFields(before.get(after.id) ?? null, after, ["status", "panelId"])),
    );
  }
  return listed.length;
}

export async function createPanel(
  db: Db,
  context: RequestContext,
  input: CreatePanelInput,
): Promise<PanelView> {
  const actor = actorOf(context);
  if (!can(actor, "disruptions.moderate")) throw forbidden();
  const periodMonth = `${input.periodMonth}-01`;
  const region = await queries.findRegion(db, input.regionId);
  const errors = await checkMeeting(db, periodMonth, input);
  if (!region) errors.unshift({ field: "regionId", message: "Choose the region from the list" });
  throwIfAny(errors);
  if (!mayRun(actor, input.regionId)) throw forbidden("You can only set up panels for your own region");
  const taken = () =>
    new AppError(
      "conflict",
      `${region?.name ?? "This region"} already has a panel for ${periodLabel(periodMonth, "month")}`,
      {
        fields: [{ field: "periodMonth", message: "This region already has a panel for that month" }],
      },
    );
  if (await queries.findPanelFor(db, input.regionId, periodMonth)) throw taken();
  const id = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(moderationPanels)
      .values({
        regionId: input.regionId,
        periodMonth,
        heldOn: input.heldOn,
        chairUserId: input.chairUserId,
        attendees: [...new Set(input.attendees)],
        status: "open",
        createdBy: actor.id,
      })
      .onConflictDoNothing()
      .returning();
    // Someone set up the same region's panel for that month at the same moment.
    if (!created) throw taken();
    const listed = await listAgenda(tx, context, created);
    await recordAudit(
      tx,
      context,
      panelAudit(created, "create", {
        ...changedFields(null, created, auditedPanelFields),
        listed: { after: listed },
      }),
    );
    return created.id;
  });
  return getPanel(db, context, id);
}

/** Locks the panel and refuses any change once it is closed (the triggers refuse it too). */
async function lockOpenPanel(tx: Tx, id: string): Promise<PanelRow> {
  const panel = await queries.lockPanel(tx, id);
  if (!panel) throw notFound("Moderation panel");
  assertPanelOpen(panel.status);
  return panel;
}

export async function updatePanel(
  db: Db,
  context: RequestContext,
  id: string,
  input: UpdatePanelInput,
): Promise<PanelView> {
  const actor = actorOf(context);
  const seen = await loadPanel(db, actor, id, "run");
  assertPanelOpen(seen.status);
  const details = {
    heldOn: input.heldOn ?? seen.heldOn,
    chairUserId: input.chairUserId ?? seen.chairUserId,
    attendees: input.attendees ? [...new Set(input.attendees)] : seen.attendees,
  };
  const errors = await checkMeeting(db, seen.periodMonth, details);
  // A chair who has since left does not block other changes: only a new chair is checked.
  throwIfAny(
    errors.filter((error) => error.field !== "chairUserId" || details.chairUserId !== seen.chairUserId),
  );
  if (Object.keys(changedFields(seen, { ...seen, ...details }, auditedPanelFields)).length > 0) {
    await db.transaction(async (tx) => {
      const before = await lockOpenPanel(tx, id);
      const [after] = await tx
        .update(moderationPanels)
        .set({ ...details, updatedAt: new Date() })
        .where(eq(moderationPanels.id, id))
        .returning();
      if (!after) throw notFound("Moderation panel");
      await recordAudit(
        tx,
        context,
        panelAudit(after, "update", changedFields(before, after, auditedPanelFields)),
      );
    });
  }
  return getPanel(db, context, id);
}

/** Takes onto the open panel's agenda the claims submitted since it was set up. */
export async function refreshAgenda(db: Db, context: RequestContext, id: string): Promise<PanelView> {
  const actor = actorOf(context);
  const seen = await loadPanel(db, actor, id, "run");
  assertPanelOpen(seen.status);
  await db.transaction(async (tx) => {
    const panel = await lockOpenPanel(tx, id);
    const listed = await listAgenda(tx, context, panel);
    if (listed > 0)
      await recordAudit(tx, context, panelAudit(panel, "refresh_agenda", { listed: { after: listed } }));
  });
  return getPanel(db, context, id);
}

/** Closes the panel once every claim on its agenda is decided; from then on it is locked. */
export async function closePanel(db: Db, context: RequestContext, id: string): Promise<PanelView> {
  const actor = actorOf(context);
  const seen = await loadPanel(db, actor, id, "run");
  assertPanelOpen(seen.status);
  await db.transaction(async (tx) => {
    const before = await lockOpenPanel(tx, id);
    const status = closeInMachine(before.status, await queries.countUndecided(tx, id));
    const [after] = await tx
      .update(moderationPanels)
      .set({ status, closedAt: new Date(), closedBy: actor.id, updatedAt: new Date() })
      .where(eq(moderationPanels.id, id))
      .returning();
    if (!after) throw notFound("Moderation panel");
    await recordAudit(tx, context, panelAudit(after, "close", changedFields(before, after, ["status"])));
  });
  return getPanel(db, context, id);
}
