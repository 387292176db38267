import { z } from "zod";
import { optionalFilter, pageQuery } from "#src/lib/paging.ts";

const isoDate = z.iso.date("Use a date like 2026-11-23");

export const auditQuery = z.strictObject({
  actor: optionalFilter(z.string().max(254)),
  action: optionalFilter(z.string().max(100)),
  entityType: optionalFilter(z.string().max(100)),
  entityId: optionalFilter(z.string().max(254)),
  from: optionalFilter(isoDate),
  to: optionalFilter(isoDate),
  ...pageQuery,
});

export const auditEvent = z.object({
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

export const verdict = z.object({
  intact: z.boolean(),
  checked: z.number().int(),
  brokenEventId: z.number().int().optional(),
  reason: z.string().optional(),
});
