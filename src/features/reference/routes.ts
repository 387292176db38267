import type { App, AppDeps } from "#src/http/types.ts";
import {
  createCrimeTypeBody,
  createNfibCodeBody,
  createOrganisationBody,
  createUnitTypeBody,
  crimeType,
  force,
  listOf,
  nfibCode,
  nfibCodeParams,
  nfibCodeQuery,
  organisation,
  region,
  unitType,
  updateNfibCodeBody,
} from "./schema.ts";
import * as service from "./service.ts";

const tags = ["Reference data"];

export function referenceRoutes(app: App, { db }: AppDeps): void {
  app.get("/api/v1/regions", {
    config: { access: "signed-in" },
    schema: {
      tags,
      summary: "The ten policing regions and their ROCUs (London has none)",
      response: { 200: listOf(region) },
    },
    handler: () => service.listRegions(db),
  });
  app.get("/api/v1/forces", {
    config: { access: "signed-in" },
    schema: {
      tags,
      summary: "The 43 territorial police forces of England and Wales",
      response: { 200: listOf(force) },
    },
    handler: () => service.listForces(db),
  });
  app.get("/api/v1/organisations", {
    config: { access: "signed-in" },
    schema: {
      tags,
      summary:
        "Organisations users belong to: forces, ROCUs, national bodies, commissioners' offices and Community Safety Partnerships",
      response: { 200: listOf(organisation) },
    },
    handler: () => service.listOrganisations(db),
  });
  app.post("/api/v1/organisations", {
    config: { access: "reference.manage" },
    schema: {
      tags,
      summary: "Add a commissioner's office (one per force area) or a Community Safety Partnership",
      body: createOrganisationBody,
      response: { 201: organisation },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createOrganisation(db, request.context, request.body)),
  });
  app.get("/api/v1/unit-types", {
    config: { access: "signed-in" },
    schema: {
      tags,
      summary: "Kinds of organisation unit (ECU, FCID, PPU, RCCU …)",
      response: { 200: listOf(unitType) },
    },
    handler: () => service.listUnitTypes(db),
  });
  app.post("/api/v1/unit-types", {
    config: { access: "reference.manage" },
    schema: {
      tags,
      summary: "Add a kind of organisation unit",
      body: createUnitTypeBody,
      response: { 201: unitType },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createUnitType(db, request.context, request.body)),
  });
  app.get("/api/v1/crime-types", {
    config: { access: "signed-in" },
    schema: {
      tags,
      summary: "Crime types for OCGs (drugs supply, county lines, firearms …), in display order",
      response: { 200: listOf(crimeType) },
    },
    handler: () => service.listCrimeTypes(db),
  });
  app.post("/api/v1/crime-types", {
    config: { access: "reference.manage" },
    schema: {
      tags,
      summary: "Add a crime type",
      body: createCrimeTypeBody,
      response: { 201: crimeType },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createCrimeType(db, request.context, request.body)),
  });
  app.get("/api/v1/nfib-codes", {
    config: { access: "signed-in" },
    schema: {
      tags,
      summary: "NFIB crime codes, each flagged cyber-dependent, cyber-enabled or other",
      querystring: nfibCodeQuery,
      response: { 200: listOf(nfibCode) },
    },
    handler: (request) => service.listNfibCodes(db, request.query),
  });
  app.post("/api/v1/nfib-codes", {
    config: { access: "reference.manage" },
    schema: {
      tags,
      summary: "Add an NFIB code",
      body: createNfibCodeBody,
      response: { 201: nfibCode },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await service.createNfibCode(db, request.context, request.body)),
  });
  app.patch("/api/v1/nfib-codes/:code", {
    config: { access: "reference.manage" },
    schema: {
      tags,
      summary: "Rename an NFIB code or change its category",
      params: nfibCodeParams,
      body: updateNfibCodeBody,
      response: { 200: nfibCode },
    },
    handler: (request) => service.updateNfibCode(db, request.context, request.params.code, request.body),
  });
}
