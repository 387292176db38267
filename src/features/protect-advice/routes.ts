import type { App, AppDeps } from "#src/http/types.ts";
import { adviceHistory, adviceList, adviceSlugParams, createAdviceBody, newVersionBody } from "./schema.ts";
import * as service from "./service.ts";

const tags = ["Protect advice"];

export function protectAdviceRoutes(app: App, { db }: AppDeps): void {
  // The advice is public guidance, not sensitive: anyone signed in may read it.
  app.get("/api/v1/protect-advice", {
    config: { access: "signed-in" },
    schema: {
      tags,
      summary: "The Protect advice library: the current version of each piece of advice",
      response: { 200: adviceList },
    },
    handler: () => service.listAdvice(db),
  });

  app.get("/api/v1/protect-advice/:slug", {
    config: { access: "signed-in" },
    schema: {
      tags,
      summary: "One piece of Protect advice with every version it has had, newest first",
      params: adviceSlugParams,
      response: { 200: adviceHistory },
    },
    handler: (request) => service.getAdvice(db, request.params.slug),
  });

  app.post("/api/v1/protect-advice", {
    config: { access: "advice.manage" },
    schema: {
      tags,
      summary: "Add a piece of Protect advice under a new name; it starts at version 1",
      body: createAdviceBody,
      response: { 201: adviceHistory },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createAdvice(db, request.context, request.body)),
  });

  app.post("/api/v1/protect-advice/:slug/versions", {
    config: { access: "advice.manage" },
    schema: {
      tags,
      summary:
        "Publish a new version of a piece of advice: it is given from now on, and earlier versions stay for the contacts that recorded them",
      params: adviceSlugParams,
      body: newVersionBody,
      response: { 201: adviceHistory },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await service.publishVersion(db, request.context, request.params.slug, request.body)),
  });
}
