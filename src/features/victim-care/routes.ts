import { referralIdParams } from "#src/features/referrals/schema.ts";
import type { App, AppDeps } from "#src/http/types.ts";
import { contactBody, victimCare, waitingList, waitingQuery } from "./schema.ts";
import * as service from "./service.ts";

const tags = ["Victim care"];

export function victimCareRoutes(app: App, { db }: AppDeps): void {
  // Everyone who contacts victims also reads referrals, so reading needs referrals.read alone.
  app.get("/api/v1/referrals/:id/contacts", {
    config: { access: "referrals.read", record: "referral" },
    schema: {
      tags,
      summary:
        "A referral's victim contact attempts, newest first, with the Protect advice given (at the version given) and the contact target",
      params: referralIdParams,
      response: { 200: victimCare },
    },
    handler: (request) => service.victimCareOf(db, request.context, request.params.id),
  });

  app.post("/api/v1/referrals/:id/contacts", {
    config: { access: "victims.contact", record: "referral" },
    schema: {
      tags,
      summary:
        "Record an attempt to contact the victim, with the Protect advice given; a successful contact meets or misses the contact target",
      params: referralIdParams,
      body: contactBody,
      response: { 201: victimCare },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.recordContact(db, request.context, request.params.id, request.body)),
  });

  app.get("/api/v1/victim-care/overdue", {
    config: { access: "victims.contact" },
    schema: {
      tags,
      summary:
        "Vulnerable victims waiting to be contacted (all, or only those past the target), oldest due first, and follow-ups due",
      querystring: waitingQuery,
      response: { 200: waitingList },
    },
    handler: (request) => service.waitingVictims(db, request.context, request.query),
  });
}
