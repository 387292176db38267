import type { App, AppDeps } from "#src/http/types.ts";
import {
  createCyberChoicesBody,
  cyberChoicesIdParams,
  cyberChoicesPage,
  cyberChoicesRecord,
  listCyberChoicesQuery,
  updateCyberChoicesBody,
} from "./schema.ts";
import * as service from "./service.ts";

const tags = ["Cyber Choices"];

export function cyberChoicesRoutes(app: App, { db }: AppDeps): void {
  app.get("/api/v1/cyber-choices", {
    config: { access: "prevent.manage" },
    schema: {
      tags,
      summary:
        "List Cyber Choices referrals you can see (the Prevent team only); every list read is audited with the records shown",
      querystring: listCyberChoicesQuery,
      response: { 200: cyberChoicesPage },
    },
    handler: (request) => service.listCyberChoices(db, request.context, request.query),
  });

  app.post("/api/v1/cyber-choices", {
    config: { access: "prevent.manage" },
    schema: {
      tags,
      summary:
        "Record a person at risk of cyber offending, by initials or a pseudonym only; the reference (e.g. WM-CC-0001) is given",
      body: createCyberChoicesBody,
      response: { 201: cyberChoicesRecord },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createCyberChoices(db, request.context, request.body)),
  });

  app.get("/api/v1/cyber-choices/:id", {
    config: { access: "prevent.manage", record: "cyber-choices" },
    schema: {
      tags,
      summary: "Get a Cyber Choices referral; the read is audited",
      params: cyberChoicesIdParams,
      response: { 200: cyberChoicesRecord },
    },
    handler: (request) => service.getCyberChoices(db, request.context, request.params.id),
  });

  app.patch("/api/v1/cyber-choices/:id", {
    config: { access: "prevent.manage", record: "cyber-choices" },
    schema: {
      tags,
      summary: "Change a Cyber Choices referral, close it with its outcome (status closed), or reopen it",
      params: cyberChoicesIdParams,
      body: updateCyberChoicesBody,
      response: { 200: cyberChoicesRecord },
    },
    handler: (request) => service.updateCyberChoices(db, request.context, request.params.id, request.body),
  });
}
