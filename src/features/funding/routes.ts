import type { App, AppDeps } from "#src/http/types.ts";
import {
  createFormulaBody,
  createFormulaVersionBody,
  createStreamBody,
  formula,
  formulaIdParams,
  formulaPage,
  listFormulasQuery,
  listStreamsQuery,
  split,
  splitBody,
  stream,
  streamIdParams,
  streamPage,
  updateStreamBody,
} from "./schema.ts";
import * as service from "./service.ts";

const tags = ["Funding"];

export function fundingRoutes(app: App, { db }: AppDeps): void {
  app.get("/api/v1/funding/formulas", {
    config: { access: "funding.read" },
    schema: {
      tags,
      summary: "List cost-sharing formulas you can see (kept in your force or region, or naming your force)",
      querystring: listFormulasQuery,
      response: { 200: formulaPage },
    },
    handler: (request) => service.listFormulas(db, request.context, request.query),
  });

  app.post("/api/v1/funding/formulas", {
    config: { access: "funding.manage" },
    schema: {
      tags,
      summary: "Record a cost-sharing formula with its shares for a first financial year (shares total 100%)",
      body: createFormulaBody,
      response: { 201: formula },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createFormula(db, request.context, request.body)),
  });

  app.get("/api/v1/funding/formulas/:id", {
    config: { access: "funding.read", record: "funding-formula" },
    schema: {
      tags,
      summary: "Get a formula with every year's shares and the decision that set them",
      params: formulaIdParams,
      response: { 200: formula },
    },
    handler: (request) => service.getFormula(db, request.context, request.params.id),
  });

  app.post("/api/v1/funding/formulas/:id/versions", {
    config: { access: "funding.manage", record: "funding-formula" },
    schema: {
      tags,
      summary:
        "Record the shares decided for another financial year (without parts, the shares carry forward)",
      params: formulaIdParams,
      body: createFormulaVersionBody,
      response: { 201: formula },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await service.createFormulaVersion(db, request.context, request.params.id, request.body)),
  });

  app.post("/api/v1/funding/formulas/:id/split", {
    config: { access: "funding.read", record: "funding-formula" },
    schema: {
      tags,
      summary:
        "Preview what each party pays of an amount, exact to the penny, through nested formulas (writes nothing)",
      params: formulaIdParams,
      body: splitBody,
      response: { 200: split },
    },
    handler: (request) => service.splitFormula(db, request.context, request.params.id, request.body),
  });

  app.get("/api/v1/funding/streams", {
    config: { access: "funding.read" },
    schema: {
      tags,
      summary:
        "List funding streams you can see, with the sum of their money in the year filtered (or all years)",
      querystring: listStreamsQuery,
      response: { 200: streamPage },
    },
    handler: (request) => service.listStreams(db, request.context, request.query),
  });

  app.post("/api/v1/funding/streams", {
    config: { access: "funding.manage" },
    schema: {
      tags,
      summary: "Record a funding stream: source, recipient, amount per financial year and its conditions",
      body: createStreamBody,
      response: { 201: stream },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createStream(db, request.context, request.body)),
  });

  app.get("/api/v1/funding/streams/:id", {
    config: { access: "funding.read", record: "funding-stream" },
    schema: {
      tags,
      summary: "Get a funding stream with its amounts and conditions",
      params: streamIdParams,
      response: { 200: stream },
    },
    handler: (request) => service.getStream(db, request.context, request.params.id),
  });

  app.patch("/api/v1/funding/streams/:id", {
    config: { access: "funding.manage", record: "funding-stream" },
    schema: {
      tags,
      summary: "Change a funding stream; amounts, when given, replace every year's",
      params: streamIdParams,
      body: updateStreamBody,
      response: { 200: stream },
    },
    handler: (request) => service.updateStream(db, request.context, request.params.id, request.body),
  });
}
