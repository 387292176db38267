import { can } from "#src/auth/policy.ts";
import type { App, AppDeps } from "#src/http/types.ts";
import { forbidden } from "#src/lib/errors.ts";
import { pageOf } from "#src/lib/paging.ts";
import { actorOf, verifyAuditChain } from "./audit.ts";
import { listAuditEvents } from "./queries.ts";
import { auditEvent, auditQuery, verdict } from "./schema.ts";

const tags = ["Audit"];
export function auditRoutes(app: App, { db }: AppDeps): void {
  app.get("/api/v1/audit", {
    config: { access: "audit.read" },
    schema: {
      tags,
      summary: "Audit events in your scope, newest first",
      querystring: auditQuery,
      response: { 200: pageOf(auditEvent) },
    },
    handler: (request) => listAuditEvents(db, request.context, request.query),
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
