import type { FastifyReply } from "fastify";
import { z } from "zod";

// A report answered as JSON, or as a CSV or Excel file for a spreadsheet (format=csv|xlsx).

export const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const spreadsheetTypes = ["application/json", "text/csv", xlsxType];

/** The JSON view, or the files, which are sent as they are; listing them keeps the reply typed. */
export const jsonOrSpreadsheet = <T extends z.ZodType>(json: T) =>
  json.or(z.string().describe("CSV text")).or(z.custom<Buffer>(Buffer.isBuffer).describe("XLSX workbook"));

/** Sends the report as an attachment named `name`, in the format asked for. */
export async function sendSpreadsheet(
  reply: FastifyReply,
  name: string,
  format: "csv" | "xlsx",
  file: { csv: () => string; xlsx: () => Promise<Buffer> },
): Promise<FastifyReply> {
  if (format === "csv") {
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${name}.csv"`)
      .send(file.csv());
  }
  return reply
    .type(xlsxType)
    .header("content-disposition", `attachment; filename="${name}.xlsx"`)
    .send(await file.xlsx());
}
