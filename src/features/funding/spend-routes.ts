import { z } from "zod";
import type { App, AppDeps } from "#src/http/types.ts";
import { streamIdParams } from "./schema.ts";
import {
  listSpendQuery,
  monitoring,
  monitoringQuery,
  recordedSpend,
  recordSpendBody,
  scrutinyPack,
  scrutinyPackQuery,
  spendPage,
} from "./spend-schema.ts";
import * as spend from "./spend-service.ts";

const tags = ["Funding"];

export function fundingSpendRoutes(app: App, { db }: AppDeps): void {
  app.post("/api/v1/funding/streams/:id/spend", {
    config: { access: "funding.manage", record: "funding-stream" },
    schema: {
      tags,
      summary:
        "Record monthly actual spend by cost category, all lines or none; a month and category already recorded is replaced (audited before and after)",
      params: streamIdParams,
      body: recordSpendBody,
      response: { 200: recordedSpend },
    },
    handler: (request) => spend.recordSpend(db, request.context, request.params.id, request.body),
  });

  app.get("/api/v1/funding/spend", {
    config: { access: "funding.read" },
    schema: {
      tags,
      summary: "List spend lines of the streams you can see, with their sum",
      querystring: listSpendQuery,
      response: { 200: spendPage },
    },
    handler: (request) => spend.listSpend(db, request.context, request.query),
  });

  app.get("/api/v1/funding/streams/:id/monitoring", {
    config: { access: "funding.read", record: "funding-stream" },
    schema: {
      tags,
      summary:
        "Spend monitoring for a financial year: monthly actuals by category, forecast to 31 March, variance, lapse risk and ineligible spend",
      params: streamIdParams,
      querystring: monitoringQuery,
      response: { 200: monitoring },
    },
    handler: (request) => spend.streamMonitoring(db, request.context, request.params.id, request.query),
  });

  app.get("/api/v1/funding/streams/:id/scrutiny-pack", {
    config: { access: "funding.read", record: "funding-stream" },
    schema: {
      tags,
      summary:
        "The monthly scrutiny pack: the month's spend by category, year to date, forecast, lapse risk and ineligible items (format=csv for a spreadsheet)",
      params: streamIdParams,
      querystring: scrutinyPackQuery,
      // The CSV variant is text; listing it keeps the handler's reply typed.
      response: { 200: scrutinyPack.or(z.string()) },
    },
    handler: async (request, reply) => {
      const pack = await spend.scrutinyPack(db, request.context, request.params.id, request.query);
      if (request.query.format === "json") return pack;
      // A string with its own content type is sent as it is, not through the JSON schema.
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="scrutiny-pack-${pack.month}.csv"`)
        .send(spend.scrutinyPackCsv(pack));
    },
  });
}
