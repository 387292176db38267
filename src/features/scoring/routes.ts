import type { App, AppDeps } from "#src/http/types.ts";
import {
  assessment,
  assessmentHistory,
  assessmentIdParams,
  createAssessmentBody,
  createModelBody,
  modelIdParams,
  ocgIdParams,
  priorityList,
  priorityListQuery,
  scoringModel,
  scoringModelList,
  updateAssessmentBody,
} from "./schema.ts";
import * as service from "./service.ts";

const tags = ["Threat, risk and harm scoring"];

// Scoring models are national reference data, not owned by a force, so their routes name no
// record kind: every ocgs.read holder reads every version (see tests/integration/access.test.ts).
export function scoringRoutes(app: App, { db }: AppDeps): void {
  app.get("/api/v1/scoring-models", {
    config: { access: "ocgs.read" },
    schema: {
      tags,
      summary: "Every version of the scoring model, newest first",
      response: { 200: scoringModelList },
    },
    handler: (request) => service.listModels(db, request.context),
  });

  app.get("/api/v1/scoring-models/:id", {
    config: { access: "ocgs.read" },
    schema: {
      tags,
      summary: "Get a scoring model version",
      params: modelIdParams,
      response: { 200: scoringModel },
    },
    handler: (request) => service.getModel(db, request.context, request.params.id),
  });

  app.post("/api/v1/scoring-models", {
    config: { access: "scoring.manage" },
    schema: {
      tags,
      summary: "Add a new version of the scoring model, as a draft",
      body: createModelBody,
      response: { 201: scoringModel },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createModel(db, request.context, request.body)),
  });

  app.post("/api/v1/scoring-models/:id/activate", {
    config: { access: "scoring.manage" },
    schema: {
      tags,
      summary: "Put a model version in force; the one in force until now is retired",
      params: modelIdParams,
      response: { 200: scoringModel },
    },
    handler: (request) => service.activateModel(db, request.context, request.params.id),
  });

  app.get("/api/v1/ocgs/:id/assessments", {
    config: { access: "ocgs.read", record: "ocg" },
    schema: {
      tags,
      summary: "An OCG's assessments, newest first, each final one with what changed since the last",
      params: ocgIdParams,
      response: { 200: assessmentHistory },
    },
    handler: (request) => service.listAssessmentsOfOcg(db, request.context, request.params.id),
  });

  app.post("/api/v1/ocgs/:id/assessments", {
    config: { access: "ocgs.assess", record: "ocg" },
    schema: {
      tags,
      summary: "Start a draft assessment of an OCG (under the model in force unless modelId is given)",
      params: ocgIdParams,
      body: createAssessmentBody,
      response: { 201: assessment },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await service.createAssessment(db, request.context, request.params.id, request.body)),
  });

  app.get("/api/v1/assessments/:id", {
    config: { access: "ocgs.read", record: "assessment" },
    schema: { tags, summary: "Get an assessment", params: assessmentIdParams, response: { 200: assessment } },
    handler: (request) => service.getAssessment(db, request.context, request.params.id),
  });

  app.patch("/api/v1/assessments/:id", {
    config: { access: "ocgs.assess", record: "assessment" },
    schema: {
      tags,
      summary: "Change a draft assessment (ratings replace the whole set); final ones are never edited",
      params: assessmentIdParams,
      body: updateAssessmentBody,
      response: { 200: assessment },
    },
    handler: (request) => service.updateAssessment(db, request.context, request.params.id, request.body),
  });

  app.post("/api/v1/assessments/:id/finalise", {
    config: { access: "ocgs.assess", record: "assessment" },
    schema: {
      tags,
      summary: "Finalise an assessment: every dimension rated with a rationale; it can never change again",
      params: assessmentIdParams,
      response: { 200: assessment },
    },
    handler: (request) => service.finaliseAssessment(db, request.context, request.params.id),
  });

  app.get("/api/v1/priority-list", {
    config: { access: "ocgs.read" },
    schema: {
      tags,
      summary:
        "OCGs ranked by their latest final score; compareModelId shows how another version would rank them",
      querystring: priorityListQuery,
      response: { 200: priorityList },
    },
    handler: (request) => service.priorityList(db, request.context, request.query),
  });
}
