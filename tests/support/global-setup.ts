import { randomBytes } from "node:crypto";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openPostgres } from "#src/db/database.ts";
import { migrate } from "#src/db/migrate.ts";

/**
 * With TEST_DATABASE_URL set, migrates one template database on that server; each test file then
 * copies it (CREATE DATABASE … TEMPLATE), which takes well under a second. Everything is dropped
 * afterwards. Without it, PostgreSQL suites are skipped — loudly — unless CI=true, where that fails.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    if (process.env.CI === "true")
      throw new Error("CI=true but TEST_DATABASE_URL is not set: the PostgreSQL suites cannot run");
    console.warn("\n*** SKIPPED: PostgreSQL integration suites (set TEST_DATABASE_URL to run them) ***\n");
    project.provide("postgresTemplate", "");
    return;
  }
  const template = `rocu_test_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  const database = await openPostgres(withDatabase(serverUrl, template));
  await migrate(database);
  await database.close();
  project.provide("postgresTemplate", template);

  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [`${template}%`],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
  };
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplate: string;
  }
}
