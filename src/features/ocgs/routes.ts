import type { App, AppDeps } from "#src/http/types.ts";
import {
  changeStatusBody,
  createOcgBody,
  createPlanActionBody,
  listOcgsQuery,
  listPlanActionsQuery,
  ocg,
  ocgIdParams,
  ocgPage,
  planAction,
  planActionIdParams,
  planActionPage,
  timeline,
  updateOcgBody,
  updatePlanActionBody,
} from "./schema.ts";
import * as service from "./service.ts";
import { getTimeline } from "./timeline.ts";

const tags = ["Organised crime groups"];

export function ocgRoutes(app: App, { db }: AppDeps): void {
  app.get("/api/v1/ocgs", {
    config: { access: "ocgs.read" },
    schema: {
      tags,
      summary: "List OCGs you can see (your force's, those affecting it, or your region's)",
      querystring: listOcgsQuery,
      response: { 200: ocgPage },
    },
    handler: (request) => service.listOcgs(db, request.context, request.query),
  });

  app.post("/api/v1/ocgs", {
    config: { access: "ocgs.manage" },
    schema: {
      tags,
      summary: "Map a new OCG; its reference is the lead force's region code and the next number",
      body: createOcgBody,
      response: { 201: ocg },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createOcg(db, request.context, request.body)),
  });

  app.get("/api/v1/ocgs/:id", {
    config: { access: "ocgs.read", record: "ocg" },
    schema: { tags, summary: "Get an OCG with its 4P plan", params: ocgIdParams, response: { 200: ocg } },
    handler: (request) => service.getOcg(db, request.context, request.params.id),
  });

  app.patch("/api/v1/ocgs/:id", {
    config: { access: "ocgs.manage", record: "ocg" },
    schema: {
      tags,
      summary: "Change an OCG's details; changing the lead force keeps the reference",
      params: ocgIdParams,
      body: updateOcgBody,
      response: { 200: ocg },
    },
    handler: (request) => service.updateOcg(db, request.context, request.params.id, request.body),
  });

  app.post("/api/v1/ocgs/:id/status", {
    config: { access: "ocgs.manage", record: "ocg" },
    schema: {
      tags,
      summary: "Make an OCG dormant, active, archived (with a reason) or reinstate it (with a reason)",
      params: ocgIdParams,
      body: changeStatusBody,
      response: { 200: ocg },
    },
    handler: (request) => service.changeOcgStatus(db, request.context, request.params.id, request.body),
  });

  app.get("/api/v1/ocgs/:id/timeline", {
    config: { access: "ocgs.read", record: "ocg" },
    schema: {
      tags,
      summary: "What happened to an OCG, newest first",
      params: ocgIdParams,
      response: { 200: timeline },
    },
    handler: (request) => getTimeline(db, request.context, request.params.id),
  });

  app.post("/api/v1/ocgs/:id/plan-actions", {
    config: { access: "ocgs.manage", record: "ocg" },
    schema: {
      tags,
      summary: "Add a Pursue, Prevent, Protect or Prepare action to an OCG's plan",
      params: ocgIdParams,
      body: createPlanActionBody,
      response: { 201: planAction },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.addPlanAction(db, request.context, request.params.id, request.body)),
  });

  app.get("/api/v1/plan-actions", {
    config: { access: "ocgs.read" },
    schema: {
      tags,
      summary: "4P plan actions of the OCGs you can see, soonest due first",
      querystring: listPlanActionsQuery,
      response: { 200: planActionPage },
    },
    handler: (request) => service.listPlanActions(db, request.context, request.query),
  });

  app.patch("/api/v1/plan-actions/:id", {
    config: { access: "ocgs.manage", record: "plan-action" },
    schema: {
      tags,
      summary: "Change a plan action, including its status",
      params: planActionIdParams,
      body: updatePlanActionBody,
      response: { 200: planAction },
    },
    handler: (request) => service.updatePlanAction(db, request.context, request.params.id, request.body),
  });
}
