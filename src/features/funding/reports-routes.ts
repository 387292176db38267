import type { App, AppDeps } from "#src/http/types.ts";
import { fundingReport } from "./reports.ts";
import { reportCsv, reportFileName, reportXlsx } from "./reports-export.ts";
import { report, reportQuery } from "./reports-schema.ts";
import { jsonOrSpreadsheet, sendSpreadsheet, spreadsheetTypes } from "./spreadsheet-reply.ts";

export function fundingReportRoutes(app: App, { db }: AppDeps): void {
  app.get("/api/v1/funding/reports", {
    config: { access: "funding.read" },
    schema: {
      tags: ["Funding"],
      summary:
        "Allocations, commitments, actual spend, forecast, variance and lapse risk for a financial year or quarter, by stream, project or force; format=csv or xlsx for a spreadsheet",
      querystring: reportQuery,
      produces: spreadsheetTypes,
      response: { 200: jsonOrSpreadsheet(report) },
    },
    handler: async (request, reply) => {
      const view = await fundingReport(db, request.context, request.query);
      if (request.query.format === "json") return view;
      return sendSpreadsheet(reply, reportFileName(view), request.query.format, {
        csv: () => reportCsv(view),
        xlsx: () => reportXlsx(view),
      });
    },
  });
}
