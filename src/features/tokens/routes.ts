import { z } from "zod";
import type { App, AppDeps } from "#src/http/types.ts";
import { createdToken, createTokenBody, listTokensQuery, tokenIdParams, tokenList } from "./schema.ts";
import * as service from "./service.ts";

const tags = ["API tokens"];

export function tokenRoutes(app: App, { db }: AppDeps): void {
  app.get("/api/v1/tokens", {
    config: { access: "signed-in" },
    schema: {
      tags,
      summary: "List your API tokens (or, for an administrator, another user's)",
      querystring: listTokensQuery,
      response: { 200: tokenList },
    },
    handler: (request) => service.listTokens(db, request.context, request.query.userId),
  });

  app.post("/api/v1/tokens", {
    config: { access: "signed-in" },
    schema: {
      tags,
      summary: "Create an API token; its secret is shown only in this response",
      body: createTokenBody,
      response: { 201: createdToken },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createToken(db, request.context, request.body)),
  });

  app.delete("/api/v1/tokens/:id", {
    config: { access: "signed-in", record: "token" },
    schema: { tags, summary: "Revoke an API token", params: tokenIdParams, response: { 204: z.null() } },
    handler: async (request, reply) => {
      await service.revokeToken(db, request.context, request.params.id);
      return reply.code(204).send(null);
    },
  });
}
