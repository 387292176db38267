import { z } from "zod";
import type { App, AppDeps } from "#src/http/types.ts";
import { importers } from "./kinds.ts";
import { importBody, importColumns, importReport } from "./schema.ts";
import * as service from "./service.ts";

const tags = ["CSV import"];

/**
 * Import files are bigger than other requests: 10,000 rows of a template are a few megabytes.
 * These routes take up to 16 MiB, or the configured body limit if that is larger.
 */
const importBodyLimitBytes = 16 * 1024 * 1024;

/**
 * One set of routes per kind, rather than a `:kind` parameter, so that each route names the one
 * permission it needs (OpenAPI's x-rocu-access, which the access test reads).
 */
export function importRoutes(app: App, { db, config }: AppDeps): void {
  for (const importer of Object.values(importers)) {
    const base = `/api/v1/imports/${importer.kind}`;
    const access = importer.permission;

    app.get(`${base}/columns`, {
      config: { access },
      schema: {
        tags,
        summary: `The columns of a ${importer.kind} import file, with a description and an example of each`,
        response: { 200: importColumns },
      },
      handler: (request) => service.describeColumns(request.context, importer),
    });

    app.get(`${base}/template`, {
      config: { access },
      schema: {
        tags,
        summary: `Download the CSV template for ${importer.kind}: the header row and one example row`,
        produces: ["text/csv"],
        response: { 200: z.string().describe("CSV text") },
      },
      handler: async (request, reply) => {
        const csv = service.template(request.context, importer);
        reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", `attachment; filename="${importer.templateFile}"`);
        return csv;
      },
    });

    app.post(base, {
      bodyLimit: Math.max(importBodyLimitBytes, config.ROCU_BODY_LIMIT_BYTES),
      config: { access },
      schema: {
        tags,
        summary: `Check or import a CSV file of ${importer.kind}. "check" writes nothing; "all-or-nothing" imports only a file without errors (422 with the errors by line otherwise); "valid-only" imports the valid rows and lists the rest. Rows imported before change nothing.`,
        body: importBody,
        response: { 200: importReport },
      },
      handler: (request) => service.importFile(db, request.context, importer, request.body),
    });
  }
}
