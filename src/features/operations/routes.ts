import type { App, AppDeps } from "#src/http/types.ts";
import {
  changeOperationStatusBody,
  createOperationBody,
  listOperationsQuery,
  operation,
  operationIdParams,
  operationPage,
  updateOperationBody,
} from "./schema.ts";
import * as service from "./service.ts";

const tags = ["Operations"];

export function operationRoutes(app: App, { db }: AppDeps): void {
  app.get("/api/v1/operations", {
    config: { access: "operations.read" },
    schema: {
      tags,
      summary: "List operations you can see (hosted in your force or region, or targeting your force's OCGs)",
      querystring: listOperationsQuery,
      response: { 200: operationPage },
    },
    handler: (request) => service.listOperations(db, request.context, request.query),
  });

  app.post("/api/v1/operations", {
    config: { access: "operations.manage" },
    schema: {
      tags,
      summary: "Propose an operation against one or more OCGs; its code name must be new",
      body: createOperationBody,
      response: { 201: operation },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createOperation(db, request.context, request.body)),
  });

  app.get("/api/v1/operations/:id", {
    config: { access: "operations.read", record: "operation" },
    schema: {
      tags,
      summary: "Get an operation with the target OCGs you can see",
      params: operationIdParams,
      response: { 200: operation },
    },
    handler: (request) => service.getOperation(db, request.context, request.params.id),
  });

  app.patch("/api/v1/operations/:id", {
    config: { access: "operations.manage", record: "operation" },
    schema: {
      tags,
      summary: "Change an operation's details or targets; targets you cannot see are kept",
      params: operationIdParams,
      body: updateOperationBody,
      response: { 200: operation },
    },
    handler: (request) => service.updateOperation(db, request.context, request.params.id, request.body),
  });

  app.post("/api/v1/operations/:id/status", {
    config: { access: "operations.manage", record: "operation" },
    schema: {
      tags,
      summary: "Activate, suspend, resume or close an operation (closing needs a result summary)",
      params: operationIdParams,
      body: changeOperationStatusBody,
      response: { 200: operation },
    },
    handler: (request) => service.changeOperationStatus(db, request.context, request.params.id, request.body),
  });
}
