import { and, count, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { can, visibleTo } from "#src/auth/policy.ts";
import type { Db } from "#src/db/database.ts";
import { auditEvents } from "#src/db/schema.ts";
import { forbidden } from "#src/lib/errors.ts";
import { offsetOf } from "#src/lib/paging.ts";
import { actorOf, type RequestContext } from "./audit.ts";
import type { auditQuery } from "./schema.ts";

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000);

/** Audit events the actor may see (scope and clearance, in SQL), newest first. */
export async function listAuditEvents(db: Db, context: RequestContext, query: z.infer<typeof auditQuery>) {
  const actor = actorOf(context);
  if (!can(actor, "audit.read")) throw forbidden();
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
}
