import { inArray } from "drizzle-orm";
import { actorOf, type RequestContext } from "#src/audit/audit.ts";
import { type Actor, can } from "#src/auth/policy.ts";
import type { Db } from "#src/db/database.ts";
import { type AuditChanges, disruptions, operations } from "#src/db/schema.ts";
import { canSeeClaim } from "#src/features/disruptions/service.ts";
import { titleOfAction as operationStatusTitle } from "#src/features/operations/machine.ts";
import { operationRecord } from "#src/features/operations/service.ts";
import { type Commodity, type OutcomeKind, unitOf } from "#src/features/outcomes/kinds.ts";
import { titleOfAction } from "./machine.ts";
import * as queries from "./queries.ts";
import type { TimelineItem } from "./schema.ts";
import { loadOcg } from "./service.ts";

const fieldLabels: Record<string, string> = {
  name: "name",
  aliases: "aliases",
  forceId: "lead force",
  lroUserId: "Local Responsible Officer",
  level: "level of activity",
  primaryCrimeType: "primary crime type",
  secondaryCrimeTypes: "secondary crime types",
  forcesAffected: "forces affected",
  areasAffected: "areas affected",
  estimatedSize: "estimated size",
  classification: "classification",
  strand: "strand",
  description: "description",
  owner: "owner",
  dueOn: "due date",
  status: "status",
};

const changedList = (changes: AuditChanges) => {
  const labels = Object.keys(changes).flatMap((field) => fieldLabels[field] ?? []);
  return labels.length > 0 ? `Changed: ${labels.join(", ")}` : undefined;
};

const changed = (changes: AuditChanges, field: string, side: "before" | "after" = "after") => {
  const value = changes[field]?.[side];
  return value === undefined || value === null ? undefined : String(value);
};

const listOf = (changes: AuditChanges, field: string, side: "before" | "after") => {
  const value = changes[field]?.[side];
  return Array.isArray(value) ? value.map(String) : [];
};

const capitalised = (word: string) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`;

const assessmentTitles: Record<string, string> = {
  create: "Assessment started",
  update: "Assessment draft updated",
  finalise: "Assessment finalised",
  finalize: "Assessment finalised",
};

const decisionTitles: Record<string, (grade: string | undefined) => string> = {
  accepted: (grade) => `accepted as ${grade ?? "claimed"}`,
  regraded: (grade) => `regraded to ${grade ?? "another grade"}`,
  rejected: () => "rejected",
  returned: () => "returned for more information",
};

const outcomeWords: Record<string, string> = {
  arrest: "Arrests",
  charge: "Charges",
  conviction: "Conviction",
  seizure: "Seizure",
  "confiscation-order": "Confiscation order",
  "restraint-order": "Restraint order",
  safeguarding: "People safeguarded",
};

type Event = Awaited<ReturnType<typeof queries.timelineEvents>>[number];

/**
 * The operations and disruption claims the timeline's events name, so that each event can be
 * titled by code name or reference and left out when the reader may not see its record.
 */
async function relatedRecords(db: Db, events: Event[]) {
  const idsOf = (type: string) => [
    ...new Set(events.filter(({ event }) => event.entityType === type).map(({ event }) => event.entityId)),
  ];
  const operationIds = idsOf("operation");
  const claimIds = idsOf("disruption");
  const [operationRows, claimRows] = await Promise.all([
    operationIds.length > 0 ? db.select().from(operations).where(inArray(operations.id, operationIds)) : [],
    claimIds.length > 0 ? db.select().from(disruptions).where(inArray(disruptions.id, claimIds)) : [],
  ]);
  return {
    operations: new Map(operationRows.map((row) => [row.id, row])),
    claims: new Map(claimRows.map((row) => [row.id, row])),
  };
}

/**
 * The OCG's history from the audit trail, newest first: the trail is the one complete record of
 * what happened, so the timeline cannot disagree with it. Events about operations, disruption
 * claims and outcomes appear only to readers who may see those records.
 */
export async function getTimeline(db: Db, context: RequestContext, id: string) {
  const actor = actorOf(context);
  await loadOcg(db, actor, id, "ocgs.read");
  const [events, actions] = await Promise.all([
    queries.timelineEvents(db, id),
    queries.planActionsOf(db, id),
  ]);
  const actionsById = new Map(actions.map(({ action }) => [action.id, action]));
  const related = await relatedRecords(db, events);
  const items = events.flatMap(({ event, actorName }): TimelineItem[] => {
    const verb = event.action.slice(event.action.indexOf(".") + 1);
    const changes = event.changes;
    const base = { at: event.occurredAt.toISOString(), actor: actorName ?? event.actorLabel };
    switch (event.entityType) {
      case "ocg_plan_action": {
        const action = actionsById.get(event.entityId);
        const strand = capitalised(action?.strand ?? "plan");
        const status = changed(changes, "status");
        const title =
          verb === "create"
            ? `${strand} action added`
            : status
              ? `${strand} action marked ${status.replace("-", " ")}`
              : `${strand} action updated`;
        return [{ ...base, kind: "plan-action", title, detail: action?.description }];
      }
      case "ocg_assessment": {
        const score = changed(changes, "score");
        const band = changed(changes, "band");
        return [
          {
            ...base,
            kind: "assessment",
            title: assessmentTitles[verb] ?? `Assessment ${verb.replaceAll("_", " ")}`,
            detail: score && band ? `Score ${score}, band ${band}` : undefined,
          },
        ];
      }
      case "operation": {
        const operation = related.operations.get(event.entityId);
        if (!operation || !can(actor, "operations.read", operationRecord(operation))) return [];
        const name = `Operation ${operation.codeName}`;
        const title = operationTitle(verb, changes, id, name);
        return title
          ? [{ ...base, kind: "operation", title, detail: changed(changes, "resultSummary") }]
          : [];
      }
      case "disruption": {
        const claim = related.claims.get(event.entityId);
        if (!claim || !can(actor, "disruptions.read") || !canSeeClaim(actor, claim)) return [];
        return [{ ...base, kind: "disruption", ...claimTitle(verb, changes, claim) }];
      }
      case "outcome":
        return outcomeItem(actor, event, verb, base);
      default:
        break;
    }
    if (verb === "create") {
      return [{ ...base, kind: "created", title: "OCG created", detail: changed(changes, "reference") }];
    }
    const statusTitle = titleOfAction(verb);
    if (statusTitle)
      return [{ ...base, kind: "status", title: statusTitle, detail: changed(changes, "reason") }];
    return [{ ...base, kind: "updated", title: "Details changed", detail: changedList(changes) }];
  });
  return { items };
}

/** What an operation's event means for this OCG; undefined when it is not about the OCG. */
function operationTitle(verb: string, changes: AuditChanges, ocgId: string, name: string) {
  if (verb === "create") return `Targeted by ${name}`;
  const targetsBefore = listOf(changes, "targetOcgIds", "before");
  const targetsAfter = listOf(changes, "targetOcgIds", "after");
  if (changes.targetOcgIds) {
    if (targetsAfter.includes(ocgId) && !targetsBefore.includes(ocgId)) return `Targeted by ${name}`;
    if (targetsBefore.includes(ocgId) && !targetsAfter.includes(ocgId))
      return `No longer targeted by ${name}`;
  }
  const statusTitle = operationStatusTitle(verb);
  if (statusTitle) return `${name} ${statusTitle.toLowerCase()}`;
  return `${name} details changed`;
}

function claimTitle(verb: string, changes: AuditChanges, claim: { reference: string; claimedGrade: string }) {
  const name = `Disruption ${claim.reference}`;
  switch (verb) {
    case "create":
      return { title: `${name} claimed`, detail: `Claimed as ${claim.claimedGrade}` };
    case "submit":
      return { title: `${name} submitted for moderation` };
    case "resubmit":
      return { title: `${name} resubmitted for moderation` };
    case "list":
      return { title: `${name} listed for a moderation panel` };
    case "decide": {
      const decision = changed(changes, "decision") ?? "";
      const describe = decisionTitles[decision];
      const title = describe ? `${name} ${describe(changed(changes, "moderatedGrade"))}` : `${name} decided`;
      return { title, detail: changed(changes, "decisionReason") };
    }
    default:
      return { title: `${name} claim edited` };
  }
}

/**
 * Outcomes may since have been deleted, so who may see them is judged from the event itself,
 * which carries the outcome's force, region and classification.
 */
function outcomeItem(
  actor: Actor,
  event: Event["event"],
  verb: string,
  base: { at: string; actor: string },
): TimelineItem[] {
  const record = { forceId: event.forceId, regionId: event.regionId, classification: event.classification };
  if (!can(actor, "outcomes.read", record)) return [];
  const side = verb === "delete" ? "before" : "after";
  const kind = changed(event.changes, "kind", side) ?? changed(event.changes, "kind", "before");
  const what = (kind && outcomeWords[kind]) ?? "Outcome";
  const title =
    verb === "create" ? `${what} recorded` : verb === "delete" ? `${what} removed` : `${what} corrected`;
  return [{ ...base, kind: "outcome", title, detail: outcomeDetail(event.changes, side) }];
}

/** "3 people", "2.5 kg of cocaine", "£1,500 of cash", "Sentence of 18 months". */
function outcomeDetail(changes: AuditChanges, side: "before" | "after") {
  const kind = changed(changes, "kind", side) as OutcomeKind | undefined;
  const quantity = Number(changed(changes, "quantity", side));
  if (!kind || !Number.isFinite(quantity)) return undefined;
  const months = changed(changes, "sentenceMonths", side);
  if (kind === "conviction" && months) return `Sentence of ${months} months`;
  const commodity = (changed(changes, "commodity", side) as Commodity | undefined) ?? null;
  const amount = quantity.toLocaleString("en-GB");
  const of = commodity ? ` of ${commodity.replace("-", " ")}` : "";
  switch (unitOf(kind, commodity)) {
    case "pounds":
      return `£${quantity.toLocaleString("en-GB", { minimumFractionDigits: 2 })}${of}`;
    case "kg":
      return `${amount} kg${of}`;
    case "items":
      return `${amount} ${commodity ?? "items"}`;
    default:
      return `${amount} ${quantity === 1 ? "person" : "people"}`;
  }
}
