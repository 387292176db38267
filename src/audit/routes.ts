import { and, count, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { can, visibleTo } from "#src/auth/policy.ts";
import { auditEvents } from "#src/db/schema.ts";
import type { App, AppDeps } from "#src/http/types.ts";
import { forbidden } from "#src/lib/errors.ts";
import { offsetOf, optionalFilter, pageOf, pageQuery } from "#src/lib/paging.ts";
import { actorOf, verifyAuditChain } from "./audit.ts";

const tags = ["Audit"];
const isoDate = z.iso.date("Use a date like 2026-11-23");

const auditQuery = z.strictObject({
  actor: optionalFilter(z.string().max(254)),
  action: optionalFilter(z.string().max(100)),
  entityType: optionalFilter(z.string().max(100)),
  entityId: optionalFilter(z.string().max(254)),
  from: optionalFilter(isoDate),
  to: optionalFilter(isoDate),
  ...pageQuery,
});

const auditEvent = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  forceId: z.string().nullable(),
  classification: z.string(),
  changes: z.record(z.string(), z.object({ before: z.unknown().optional(), after: z.unknown().optional() })),
  requestId: z.string().nullable(),
  clientIp: z.string().nullable(),
});

const verdict = z.object({
  intact: z.boolean(),
  checked: z.number().int(),
  brokenEventId: z.number().int().optional(),
  reason: z.string().optional(),
});

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000);

export function auditRoutes(app: App, { db }: AppDeps): void {
  app.get("/api/v1/audit", {
    config: { access: "audit.read" },
    schema: {
      tags,
      summary: "Audit events in your scope, newest first",
      querystring: auditQuery,
      response: { 200: pageOf(auditEvent) },
    },
    handler: async (request) => {
      const actor = actorOf(request.context);
      if (!can(actor, "audit.read")) throw forbidden();
      const query = request.query;
      const conditions: (SQL | undefined)[] = [
        visibleTo(actor, auditEvents),
        query.actor ? eq(auditEvents.actorLabel, query.actor.toLowerCase()) : undefined,
        query.action ? eq(auditEvents.action, query.action) : undefined,
        query.entityType ? eq(auditEvents.entityType, query.entityType) : undefined,
        query.entityId ? eq(auditEvents.entityId, query.entityId) : undefined,
        query.from ? gte(auditEvents.occurredAt, new Date(`${query.from}T00:00:00Z`)) : undefined,
        query.to ? lt(auditEvents.occurredAt, nextDay(query.to)) : undefined,
      ];
      const where = and(...conditions);
      const rows = await db
        .select()
        .from(auditEvents)
        .where(where)
        .orderBy(desc(auditEvents.id))
        .limit(query.pageSize)
        .offset(offsetOf(query));
      const [total] = await db.select({ total: count() }).from(auditEvents).where(where);
      return {
        items: rows.map(({ prevHash: _prev, hash: _hash, regionId: _region, ...event }) => ({
          ...event,
          occurredAt: event.occurredAt.toISOString(),
        })),
        total: Number(total?.total ?? 0),
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  });

  app.get("/api/v1/audit/verify", {
    config: { access: "audit.read" },
    schema: {
      tags,
      summary: "Check the audit trail's hash chain: intact, or the first broken event",
      response: { 200: verdict },
    },
    handler: async (request) => {
      const actor = actorOf(request.context);
      if (!can(actor, "audit.read") || actor.scope !== "national") {
        throw forbidden("Verifying the whole audit chain needs national scope");
      }
      return verifyAuditChain(db);
    },
  });
}
