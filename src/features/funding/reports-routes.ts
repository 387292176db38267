import { z } from "zod";
import type { App, AppDeps } from "#src/http/types.ts";
import { fundingReport } from "./reports.ts";
import { reportCsv, reportFileName, reportXlsx } from "./reports-export.ts";
import { report, reportQuery } from "./reports-schema.ts";

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function fundingReportRoutes(app: App, { db }: AppDeps): void {
  app.get("/api/v1/funding/reports", {
    config: { access: "funding.read" },
    schema: {
      tags: ["Funding"],
      summary:
        "Allocations, commitments, actual spend, forecast, variance and lapse risk for a financial year or quarter, by stream, project or force; format=csv or xlsx for a spreadsheet",
      querystring: reportQuery,
      produces: ["application/json", "text/csv", xlsxType],
      // The CSV and Excel variants are files, sent as they are; listing them keeps the reply typed.
      response: {
        200: report
          .or(z.string().describe("CSV text"))
          .or(z.custom<Buffer>(Buffer.isBuffer).describe("XLSX workbook")),
      },
    },
    handler: async (request, reply) => {
      const view = await fundingReport(db, request.context, request.query);
      if (request.query.format === "json") return view;
      const name = reportFileName(view);
      if (request.query.format === "csv") {
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="${name}.csv"`)
          .send(reportCsv(view));
      }
      return reply
        .type(xlsxType)
        .header("content-disposition", `attachment; filename="${name}.xlsx"`)
        .send(await reportXlsx(view));
    },
  });
}
