import type { App, AppDeps } from "#src/http/types.ts";
import * as service from "./panels-service.ts";
import {
  createPanelBody,
  listPanelsQuery,
  panel,
  panelIdParams,
  panelPage,
  updatePanelBody,
} from "./schema.ts";

const tags = ["Moderation panels"];

export function panelRoutes(app: App, { db }: AppDeps): void {
  app.get("/api/v1/panels", {
    config: { access: "disruptions.read" },
    schema: {
      tags,
      summary:
        "List the moderation panels of your region (all regions for national users), latest month first",
      querystring: listPanelsQuery,
      response: { 200: panelPage },
    },
    handler: (request) => service.listPanels(db, request.context, request.query),
  });

  app.post("/api/v1/panels", {
    config: { access: "disruptions.moderate" },
    schema: {
      tags,
      summary:
        "Set up a region's monthly panel; its agenda takes the region's submitted claims up to the end of that month",
      body: createPanelBody,
      response: { 201: panel },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createPanel(db, request.context, request.body)),
  });

  app.get("/api/v1/panels/:id", {
    config: { access: "disruptions.read", record: "panel" },
    schema: {
      tags,
      summary: "Get a panel with the agenda claims you may see, in order of reference, and their decisions",
      params: panelIdParams,
      response: { 200: panel },
    },
    handler: (request) => service.getPanel(db, request.context, request.params.id),
  });

  app.patch("/api/v1/panels/:id", {
    config: { access: "disruptions.moderate", record: "panel" },
    schema: {
      tags,
      summary: "Change an open panel's date, chair or attendees",
      params: panelIdParams,
      body: updatePanelBody,
      response: { 200: panel },
    },
    handler: (request) => service.updatePanel(db, request.context, request.params.id, request.body),
  });

  app.post("/api/v1/panels/:id/agenda", {
    config: { access: "disruptions.moderate", record: "panel" },
    schema: {
      tags,
      summary: "Take onto an open panel's agenda the claims submitted since it was set up",
      params: panelIdParams,
      response: { 200: panel },
    },
    handler: (request) => service.refreshAgenda(db, request.context, request.params.id),
  });

  app.post("/api/v1/panels/:id/close", {
    config: { access: "disruptions.moderate", record: "panel" },
    schema: {
      tags,
      summary: "Close a panel once every claim on its agenda is decided; a closed panel is locked",
      params: panelIdParams,
      response: { 200: panel },
    },
    handler: (request) => service.closePanel(db, request.context, request.params.id),
  });
}
