import type { App, AppDeps } from "#src/http/types.ts";
import {
  bid,
  bidIdParams,
  bidPage,
  bidStatusBody,
  createBidBody,
  createDecisionBody,
  createPotBody,
  decision,
  decisionIdParams,
  decisionPage,
  listBidsQuery,
  listDecisionsQuery,
  listPotsQuery,
  pot,
  potIdParams,
  potPage,
  reviewBidBody,
  submitBidBody,
  updateBidBody,
  updatePotBody,
} from "./bids-schema.ts";
import * as bids from "./bids-service.ts";
import * as decisions from "./decisions-service.ts";
import * as pots from "./pots-service.ts";

const tags = ["Funding"];

export function fundingBidRoutes(app: App, { db }: AppDeps): void {
  app.get("/api/v1/funding/bids", {
    config: { access: "funding.bids.read" },
    schema: {
      tags,
      summary: "List bids you can see (in your scope, or your own organisation's if you are an applicant)",
      querystring: listBidsQuery,
      response: { 200: bidPage },
    },
    handler: (request) => bids.listBids(db, request.context, request.query),
  });

  app.post("/api/v1/funding/bids", {
    config: { access: "funding.bid" },
    schema: {
      tags,
      summary: "Draft a bid for your organisation: purpose, 4P strand, crime area, force areas and costs",
      body: createBidBody,
      response: { 201: bid },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await bids.createBid(db, request.context, request.body)),
  });

  app.get("/api/v1/funding/bids/:id", {
    config: { access: "funding.bids.read", record: "funding-bid" },
    schema: {
      tags,
      summary: "Get a bid with its costs, each commissioner's share, decisions and history",
      params: bidIdParams,
      response: { 200: bid },
    },
    handler: (request) => bids.getBid(db, request.context, request.params.id),
  });

  app.patch("/api/v1/funding/bids/:id", {
    config: { access: "funding.bid", record: "funding-bid" },
    schema: {
      tags,
      summary: "Change a draft bid, or one the board asked about; costs, when given, replace every line",
      params: bidIdParams,
      body: updateBidBody,
      response: { 200: bid },
    },
    handler: (request) => bids.updateBid(db, request.context, request.params.id, request.body),
  });

  app.post("/api/v1/funding/bids/:id/submit", {
    config: { access: "funding.bid", record: "funding-bid" },
    schema: {
      tags,
      summary:
        "Submit a bid to the board (again, saying what changed, after the board asked for more); splits it between commissioners",
      params: bidIdParams,
      body: submitBidBody,
      response: { 200: bid },
    },
    handler: (request) => bids.submitBid(db, request.context, request.params.id, request.body),
  });

  app.post("/api/v1/funding/bids/:id/review", {
    config: { access: "funding.review", record: "funding-bid" },
    schema: {
      tags,
      summary:
        "Record the board's review: under review, recommended, more information requested or not recommended",
      params: bidIdParams,
      body: reviewBidBody,
      response: { 200: bid },
    },
    handler: (request) => bids.reviewBid(db, request.context, request.params.id, request.body),
  });

  app.post("/api/v1/funding/bids/:id/status", {
    config: { access: "funding.manage", record: "funding-bid" },
    schema: {
      tags,
      summary: "Mark an approved bid funded, or close a bid (with a reason)",
      params: bidIdParams,
      body: bidStatusBody,
      response: { 200: bid },
    },
    handler: (request) => bids.setBidStatus(db, request.context, request.params.id, request.body),
  });

  app.post("/api/v1/funding/bids/:id/decisions", {
    config: { access: "funding.manage", record: "funding-bid" },
    schema: {
      tags,
      summary:
        "Record a commissioner's decision on their share of a recommended bid (an approval may draw on a pot)",
      params: bidIdParams,
      body: createDecisionBody,
      response: { 201: decision },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await decisions.recordDecision(db, request.context, request.params.id, request.body)),
  });

  app.get("/api/v1/funding/decisions", {
    config: { access: "funding.read" },
    schema: {
      tags,
      summary: "List commissioners' funding decisions you can see, with the sum of their money",
      querystring: listDecisionsQuery,
      response: { 200: decisionPage },
    },
    handler: (request) => decisions.listDecisions(db, request.context, request.query),
  });

  app.get("/api/v1/funding/decisions/:id", {
    config: { access: "funding.read", record: "funding-decision" },
    schema: {
      tags,
      summary: "Get a decision: reference, decision maker, date, amounts, conditions and published summary",
      params: decisionIdParams,
      response: { 200: decision },
    },
    handler: (request) => decisions.getDecision(db, request.context, request.params.id),
  });

  app.get("/api/v1/funding/pots", {
    config: { access: "funding.read" },
    schema: {
      tags,
      summary: "List budget pots you can see, each year's money with what is committed and left",
      querystring: listPotsQuery,
      response: { 200: potPage },
    },
    handler: (request) => pots.listPots(db, request.context, request.query),
  });

  app.post("/api/v1/funding/pots", {
    config: { access: "funding.manage" },
    schema: {
      tags,
      summary: "Set up a budget pot: money per financial year set aside by its contributors",
      body: createPotBody,
      response: { 201: pot },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await pots.createPot(db, request.context, request.body)),
  });

  app.patch("/api/v1/funding/pots/:id", {
    config: { access: "funding.manage", record: "funding-pot" },
    schema: {
      tags,
      summary:
        "Change a pot's name, references or money per year; no year may fall below what approvals have committed (audited before and after)",
      params: potIdParams,
      body: updatePotBody,
      response: { 200: pot },
    },
    handler: (request) => pots.updatePot(db, request.context, request.params.id, request.body),
  });

  app.get("/api/v1/funding/pots/:id", {
    config: { access: "funding.read", record: "funding-pot" },
    schema: {
      tags,
      summary: "Get a budget pot with each year's money, what approvals have committed and what is left",
      params: potIdParams,
      response: { 200: pot },
    },
    handler: (request) => pots.getPot(db, request.context, request.params.id),
  });
}
