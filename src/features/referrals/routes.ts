import type { App, AppDeps } from "#src/http/types.ts";
import { referralInput } from "./intake.ts";
import {
  intakeResult,
  listReferralsQuery,
  referral,
  referralIdParams,
  referralPage,
  triageDecisionBody,
} from "./schema.ts";
import * as service from "./service.ts";
import { triageSettings } from "./settings.ts";

const tags = ["Cyber crime referrals"];

export function referralRoutes(app: App, { db }: AppDeps): void {
  app.get("/api/v1/referrals", {
    config: { access: "referrals.read" },
    schema: {
      tags,
      summary:
        "List referrals you can see; the triage queue is status=awaiting-triage sorted by priority (the default sort)",
      querystring: listReferralsQuery,
      response: { 200: referralPage },
    },
    handler: (request) => service.listReferrals(db, request.context, request.query),
  });

  app.post("/api/v1/referrals", {
    config: { access: "referrals.intake" },
    schema: {
      tags,
      summary:
        "Record a referral; sending a crime reference again changes nothing if the content is the same, and makes a new version if it differs",
      body: referralInput,
      response: { 200: intakeResult, 201: intakeResult },
    },
    handler: async (request, reply) => {
      const result = await service.submitReferral(db, request.context, request.body);
      return reply.code(result.outcome === "created" ? 201 : 200).send(result);
    },
  });

  app.get("/api/v1/referrals/:id", {
    config: { access: "referrals.read", record: "referral" },
    schema: {
      tags,
      summary:
        "Get a referral with its priority reasons, triage clock, linked referrals, decisions and versions",
      params: referralIdParams,
      response: { 200: referral },
    },
    handler: (request) => service.getReferral(db, request.context, request.params.id),
  });

  app.post("/api/v1/referrals/:id/triage", {
    config: { access: "referrals.triage", record: "referral" },
    schema: {
      tags,
      summary:
        "Triage a waiting referral: allocate it to a unit, victim care only, or no further action, with a reason",
      params: referralIdParams,
      body: triageDecisionBody,
      response: { 200: referral },
    },
    handler: (request) => service.triageReferral(db, request.context, request.params.id, request.body),
  });

  app.post("/api/v1/referrals/:id/reallocation", {
    config: { access: "referrals.reallocate", record: "referral" },
    schema: {
      tags,
      summary: "Change a triage decision already made (supervisors), with a reason",
      params: referralIdParams,
      body: triageDecisionBody,
      response: { 200: referral },
    },
    handler: (request) => service.reallocateReferral(db, request.context, request.params.id, request.body),
  });

  app.get("/api/v1/triage-settings", {
    config: { access: "signed-in" },
    schema: {
      tags,
      summary: "The triage weights, triage targets per band and the victim contact target",
      response: { 200: triageSettings },
    },
    handler: () => service.getTriageSettings(db),
  });

  app.put("/api/v1/triage-settings", {
    config: { access: "triage.settings" },
    schema: {
      tags,
      summary:
        "Change the triage weights and targets; they apply to referrals received or re-sent from now on",
      body: triageSettings,
      response: { 200: triageSettings },
    },
    handler: (request) => service.saveTriageSettings(db, request.context, request.body),
  });
}
