import type { App, AppDeps } from "#src/http/types.ts";
import {
  claim,
  claimIdParams,
  claimPage,
  createClaimBody,
  decisionBody,
  listClaimsQuery,
  totals,
  totalsQuery,
  updateClaimBody,
} from "./schema.ts";
import * as service from "./service.ts";

const tags = ["Disruptions"];

export function disruptionRoutes(app: App, { db }: AppDeps): void {
  app.get("/api/v1/disruptions", {
    config: { access: "disruptions.read" },
    schema: {
      tags,
      summary: "List disruption claims you can see (owned like their OCG, or made by your organisation)",
      querystring: listClaimsQuery,
      response: { 200: claimPage },
    },
    handler: (request) => service.listClaims(db, request.context, request.query),
  });

  app.post("/api/v1/disruptions", {
    config: { access: "disruptions.claim" },
    schema: {
      tags,
      summary: "Draft a disruption claim against an OCG you can see; its reference is <region>-DIS-<number>",
      body: createClaimBody,
      response: { 201: claim },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createClaim(db, request.context, request.body)),
  });

  app.get("/api/v1/disruptions/totals", {
    config: { access: "pursue.totals" },
    schema: {
      tags,
      summary:
        "Counts of moderated disruptions by period and group: moderated grades only, numbers only, within your scope and clearance",
      querystring: totalsQuery,
      response: { 200: totals },
    },
    handler: (request) => service.disruptionTotals(db, request.context, request.query),
  });

  app.get("/api/v1/disruptions/:id", {
    config: { access: "disruptions.read", record: "disruption" },
    schema: {
      tags,
      summary: "Get a claim with its decisions and the actions you may take on it",
      params: claimIdParams,
      response: { 200: claim },
    },
    handler: (request) => service.viewClaim(db, request.context, request.params.id),
  });

  app.patch("/api/v1/disruptions/:id", {
    config: { access: "disruptions.claim", record: "disruption" },
    schema: {
      tags,
      summary: "Change a draft or returned claim (the claiming organisation only)",
      params: claimIdParams,
      body: updateClaimBody,
      response: { 200: claim },
    },
    handler: (request) => service.updateClaim(db, request.context, request.params.id, request.body),
  });

  app.post("/api/v1/disruptions/:id/submit", {
    config: { access: "disruptions.claim", record: "disruption" },
    schema: {
      tags,
      summary: "Submit a draft (or resubmit a returned claim) to be listed for the next panel",
      params: claimIdParams,
      response: { 200: claim },
    },
    handler: (request) => service.submitClaim(db, request.context, request.params.id),
  });

  app.post("/api/v1/disruptions/:id/decision", {
    config: { access: "disruptions.moderate", record: "disruption" },
    schema: {
      tags,
      summary:
        "Decide a claim on an open panel's agenda: accepted, regraded (grade + reason), rejected or returned (reason); never your own unit's claim",
      params: claimIdParams,
      body: decisionBody,
      response: { 200: claim },
    },
    handler: (request) => service.decideClaim(db, request.context, request.params.id, request.body),
  });
}
