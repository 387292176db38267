import type { App, AppDeps } from "#src/http/types.ts";
import {
  createPostBody,
  createSettlementBody,
  listPostsQuery,
  post,
  postIdParams,
  postPage,
  reconciliation,
  reconciliationQuery,
  settlement,
  updatePostBody,
} from "./posts-schema.ts";
import * as posts from "./posts-service.ts";
import { reconciliationCsv, reconciliationFileName, reconciliationXlsx } from "./reconciliation-export.ts";
import { jsonOrSpreadsheet, sendSpreadsheet, spreadsheetTypes } from "./spreadsheet-reply.ts";

const tags = ["Funding"];

export function fundingPostRoutes(app: App, { db }: AppDeps): void {
  app.get("/api/v1/funding/posts", {
    config: { access: "funding.read" },
    schema: {
      tags,
      summary:
        "List staffing posts you can see, filtered by force, formula, financial year and funding source, with totals (cost in the year when filtered by one)",
      querystring: listPostsQuery,
      response: { 200: postPage },
    },
    handler: (request) => posts.listPosts(db, request.context, request.query),
  });

  app.post("/api/v1/funding/posts", {
    config: { access: "funding.manage" },
    schema: {
      tags,
      summary:
        "Record a staffing post: role, providing force, formula, FTE, annual cost, funding source and dates",
      body: createPostBody,
      response: { 201: post },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await posts.createPost(db, request.context, request.body)),
  });

  app.get("/api/v1/funding/posts/:id", {
    config: { access: "funding.read", record: "funding-post" },
    schema: {
      tags,
      summary: "Get a staffing post with its cost in each financial year it is filled",
      params: postIdParams,
      response: { 200: post },
    },
    handler: (request) => posts.getPost(db, request.context, request.params.id),
  });

  app.patch("/api/v1/funding/posts/:id", {
    config: { access: "funding.manage", record: "funding-post" },
    schema: {
      tags,
      summary: "Change a staffing post (audited before and after)",
      params: postIdParams,
      body: updatePostBody,
      response: { 200: post },
    },
    handler: (request) => posts.updatePost(db, request.context, request.params.id, request.body),
  });

  app.get("/api/v1/funding/reconciliation", {
    config: { access: "funding.read" },
    schema: {
      tags,
      summary:
        "Each force's staffing contribution to a formula in a financial year against its share, the balances and who owes whom; format=csv or xlsx for a spreadsheet",
      querystring: reconciliationQuery,
      produces: spreadsheetTypes,
      response: { 200: jsonOrSpreadsheet(reconciliation) },
    },
    handler: async (request, reply) => {
      const view = await posts.reconcileContributions(db, request.context, request.query);
      if (request.query.format === "json") return view;
      return sendSpreadsheet(reply, reconciliationFileName(view), request.query.format, {
        csv: () => reconciliationCsv(view),
        xlsx: () => reconciliationXlsx(view),
      });
    },
  });

  app.post("/api/v1/funding/settlements", {
    config: { access: "funding.manage" },
    schema: {
      tags,
      summary:
        "Record a payment one force made another to settle its contribution to a formula in a financial year; the reconciliation counts it",
      body: createSettlementBody,
      response: { 201: settlement },
    },
    handler: async (request, reply) =>
      reply.code(201).send(await posts.recordSettlement(db, request.context, request.body)),
  });
}
