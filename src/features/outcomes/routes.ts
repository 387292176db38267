import { z } from "zod";
import type { App, AppDeps } from "#src/http/types.ts";
import {
  createOutcomeBody,
  listOutcomesQuery,
  outcome,
  outcomeIdParams,
  outcomePage,
  outcomeTotals,
  totalsQuery,
  updateOutcomeBody,
} from "./schema.ts";
import * as service from "./service.ts";

const tags = ["Outcomes"];

export function outcomeRoutes(app: App, { db }: AppDeps): void {
  app.get("/api/v1/outcomes", {
    config: { access: "outcomes.read" },
    schema: {
      tags,
      summary:
        "List the outcomes you can see (arrests, charges, convictions, seizures, orders, safeguarding)",
      querystring: listOutcomesQuery,
      response: { 200: outcomePage },
    },
    handler: (request) => service.listOutcomes(db, request.context, request.query),
  });

  app.post("/api/v1/outcomes", {
    config: { access: "outcomes.record" },
    schema: {
      tags,
      summary: "Record an outcome of an operation against one of its target OCGs",
      body: createOutcomeBody,
      response: { 201: outcome },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.recordOutcome(db, request.context, request.body)),
  });

  app.get("/api/v1/outcomes/totals", {
    config: { access: "pursue.totals" },
    schema: {
      tags,
      summary:
        "Outcome totals by financial year, quarter or month, optionally per force or region: counts and sums only",
      querystring: totalsQuery,
      response: { 200: outcomeTotals },
    },
    handler: (request) => service.outcomeTotals(db, request.context, request.query),
  });

  app.get("/api/v1/outcomes/:id", {
    config: { access: "outcomes.read", record: "outcome" },
    schema: { tags, summary: "Get an outcome", params: outcomeIdParams, response: { 200: outcome } },
    handler: (request) => service.getOutcome(db, request.context, request.params.id),
  });

  app.patch("/api/v1/outcomes/:id", {
    config: { access: "outcomes.record", record: "outcome" },
    schema: {
      tags,
      summary: "Correct an outcome; its kind stays as recorded",
      params: outcomeIdParams,
      body: updateOutcomeBody,
      response: { 200: outcome },
    },
    handler: (request) => service.updateOutcome(db, request.context, request.params.id, request.body),
  });

  app.delete("/api/v1/outcomes/:id", {
    config: { access: "outcomes.record", record: "outcome" },
    schema: {
      tags,
      summary: "Delete an outcome recorded by mistake (the audit log keeps what it held)",
      params: outcomeIdParams,
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      await service.deleteOutcome(db, request.context, request.params.id);
      return reply.code(204).send(null);
    },
  });
}
