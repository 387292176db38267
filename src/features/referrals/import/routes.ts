import { Readable } from "node:stream";
import type { FastifySchemaCompiler } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { App, AppDeps } from "#src/http/types.ts";
import { AppError, type FieldError } from "#src/lib/errors.ts";
import { csvColumns, templateCsv } from "./rows.ts";
import { importColumnList, importRun, importRunList, importRunParams, startImportQuery } from "./schema.ts";
import * as service from "./service.ts";

const tags = ["Cyber crime referrals"];

/** A million referrals are a few hundred megabytes; the file streams to disk, never into memory. */
const uploadLimitBytes = 1024 * 1024 * 1024;

/** The content types an import file is sent as. */
const fileContentTypes = [
  "text/csv",
  "application/x-ndjson",
  "application/jsonl",
  "application/x-jsonlines",
  "application/octet-stream",
];

/**
 * The upload route checks its query in the handler: Fastify's schema validation would try to read
 * the streamed body as a string. Its schemas still describe the route in OpenAPI.
 */
const acceptAsSent: FastifySchemaCompiler<unknown> = () => (value) => ({ value });

function parseQuery<Schema extends z.ZodType>(schema: Schema, query: unknown): z.output<Schema> {
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  const fields: FieldError[] = result.error.issues.map((issue) => ({
    field: issue.path.map(String).join(".") || "query",
    message: issue.message,
  }));
  throw new AppError("validation", `${fields[0]?.field}: ${fields[0]?.message}`, { fields });
}

export function referralImportRoutes(app: App, deps: AppDeps): void {
  // Its own plugin, so the content types that stream to disk are taken by these routes only.
  app.register(async (plugin) => {
    plugin.addContentTypeParser(fileContentTypes, (_request, payload, done) => done(null, payload));
    routes(plugin.withTypeProvider<ZodTypeProvider>(), deps);
  });
}

function routes(app: App, { db }: AppDeps): void {
  app.post("/api/v1/referral-imports", {
    config: { access: "referrals.intake" },
    validatorCompiler: acceptAsSent,
    schema: {
      tags,
      summary:
        "Import a file of referrals (CSV as text/csv, JSON Lines as application/x-ndjson) sent as the request body; answers 202 with the run to poll. Sending a file whose import was interrupted resumes it; sending it while it runs answers with that run",
      querystring: startImportQuery,
      consumes: fileContentTypes,
      body: z.string().describe("The file's content: CSV with a header row, or one JSON referral per line"),
      response: { 202: importRun },
    },
    handler: async (request, reply) => {
      const { fileName } = parseQuery(startImportQuery, request.query);
      const body: unknown = request.body;
      if (!(body instanceof Readable))
        throw new AppError(
          "validation",
          "Send the file as the request body, as text/csv or application/x-ndjson",
          {
            fields: [{ field: "file", message: "Send the file as text/csv or application/x-ndjson" }],
          },
        );
      const run = await service.startImport(
        db,
        request.context,
        { body, fileName, limitBytes: uploadLimitBytes },
        request.log,
      );
      return reply.code(202).send(run);
    },
  });

  app.get("/api/v1/referral-imports", {
    config: { access: "referrals.intake" },
    schema: {
      tags,
      summary: "Your recent referral imports, newest first (open one for its errors)",
      response: { 200: importRunList },
    },
    handler: (request) => service.listImportRuns(db, request.context),
  });

  app.get("/api/v1/referral-imports/template.csv", {
    config: { access: "referrals.intake" },
    schema: {
      tags,
      summary: "Download the CSV template for referral imports: the header row and one example row",
      produces: ["text/csv"],
      response: { 200: z.string().describe("CSV text") },
    },
    handler: async (_request, reply) => {
      reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="referrals-template.csv"');
      return templateCsv();
    },
  });

  app.get("/api/v1/referral-imports/columns", {
    config: { access: "referrals.intake" },
    schema: {
      tags,
      summary: "The columns of a referral CSV file, with a description and an example of each",
      response: { 200: importColumnList },
    },
    handler: () => ({
      columns: csvColumns.map(({ header, required, description, example }) => ({
        header,
        required,
        description,
        example,
      })),
    }),
  });

  app.get("/api/v1/referral-imports/:id", {
    config: { access: "referrals.intake" },
    schema: {
      tags,
      summary: "One of your referral imports: its status, progress while it runs, counts and errors by line",
      params: importRunParams,
      response: { 200: importRun },
    },
    handler: (request) => service.getImportRun(db, request.context, request.params.id),
  });
}
