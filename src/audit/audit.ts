import { createHash } from "node:crypto";
import { asc, desc, gt, sql } from "drizzle-orm";
import type { Actor, Classification } from "#src/auth/policy.ts";
import type { Db, Tx } from "#src/db/database.ts";
import { type AuditChanges, auditEvents } from "#src/db/schema.ts";
import { AppError } from "#src/lib/errors.ts";

/** Who acted, and from where: carried from the HTTP request (or the CLI) into every service call. */
export interface RequestContext {
  actor: Actor | null;
  requestId: string | null;
  clientIp: string | null;
}

export interface AuditEventInput {
  action: string;
  entityType: string;
  entityId: string;
  forceId?: string | null;
  regionId?: string | null;
  classification?: Classification;
  changes?: AuditChanges;
  /** Who to name when no one is signed in (e.g. a failed login gives the email tried). */
  actorLabel?: string;
}

const genesisHash = "0".repeat(64);
// Any constant works: it only has to be the same for every writer of the audit chain.
const auditChainLockKey = 74_200_001;

type StoredEvent = typeof auditEvents.$inferSelect;
type HashedFields = Omit<StoredEvent, "id" | "hash">;

/** JSON with object keys sorted at every depth, so the same event always serialises the same way. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function hashEvent(fields: HashedFields): string {
  const { occurredAt, ...rest } = fields;
  return createHash("sha256")
    .update(canonicalJson({ ...rest, occurredAt: occurredAt.toISOString() }))
    .digest("hex");
}

/**
 * Appends one event to the hash chain inside the caller's transaction, so the event exists if and
 * only if the change does. The advisory lock serialises writers so the chain never forks.
 */
export async function recordAudit(tx: Tx, context: RequestContext, event: AuditEventInput): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${auditChainLockKey})`);
  const [last] = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.id))
    .limit(1);
  const fields: HashedFields = {
    occurredAt: new Date(),
    actorId: context.actor?.id ?? null,
    actorLabel: event.actorLabel ?? context.actor?.email ?? "system",
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    forceId: event.forceId ?? null,
    regionId: event.regionId ?? null,
    classification: event.classification ?? "OFFICIAL",
    // Through JSON once so that what is hashed is exactly what jsonb gives back (dates as strings).
    changes: JSON.parse(JSON.stringify(event.changes ?? {})) as AuditChanges,
    requestId: context.requestId,
    clientIp: context.clientIp,
    prevHash: last?.hash ?? genesisHash,
  };
  await tx.insert(auditEvents).values({ ...fields, hash: hashEvent(fields) });
}

/** Before/after of the named fields whose values differ. */
export function changedFields<T extends Record<string, unknown>>(
  before: T | null,
  after: T,
  fields: readonly (keyof T & string)[],
): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of fields) {
    const was = before?.[field];
    const now = after[field];
    if (canonicalJson(was) !== canonicalJson(now))
      changes[field] = before ? { before: was, after: now } : { after: now };
  }
  return changes;
}

export type ChainVerdict =
  | { intact: true; checked: number }
  | { intact: false; checked: number; brokenEventId: number; reason: string };

/** Walks the whole chain in order; names the first event whose hash or link does not hold. */
export async function verifyAuditChain(db: Db, batchSize = 1000): Promise<ChainVerdict> {
  let previousHash = genesisHash;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, afterId))
      .orderBy(asc(auditEvents.id))
      .limit(batchSize);
    for (const event of batch) {
      const { id, hash, ...fields } = event;
      if (fields.prevHash !== previousHash) {
        return {
          intact: false,
          checked,
          brokenEventId: id,
          reason: "it does not follow the event before it (an event was removed or altered)",
        };
      }
      if (hashEvent(fields) !== hash) {
        return {
          intact: false,
          checked,
          brokenEventId: id,
          reason: "its contents no longer match its hash (it was altered)",
        };
      }
      previousHash = hash;
      afterId = id;
      checked++;
    }
    if (batch.length < batchSize) return { intact: true, checked };
  }
}

/** The actor of a request that passed authentication (routes that are not public). */
export function actorOf(context: RequestContext): Actor {
  if (!context.actor) throw new AppError("unauthenticated", "Sign in to continue");
  return context.actor;
}
