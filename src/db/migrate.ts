import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { AppError } from "#src/lib/errors.ts";
import { type Database, queryRows } from "./database.ts";

export const migrationsDir = new URL("../../migrations/", import.meta.url);

interface MigrationFile {
  name: string;
  checksum: string;
  script: string;
}

function readMigrationFiles(dir: URL): MigrationFile[] {
  return readdirSync(dir)
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort()
    .map((name) => {
      const script = readFileSync(new URL(name, dir), "utf8");
      return { name, script, checksum: createHash("sha256").update(script).digest("hex") };
    });
}

async function appliedMigrations(database: Database): Promise<Map<string, string>> {
  await database.runScript(
    "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
  );
  const rows = await queryRows<{ name: string; checksum: string }>(
    database.db,
    sql`SELECT name, checksum FROM schema_migrations ORDER BY name`,
  );
  return new Map(rows.map((row) => [row.name, row.checksum]));
}

/** Refuses to go on if a migration that was applied has since been edited or removed. */
function checkApplied(files: MigrationFile[], applied: Map<string, string>): void {
  for (const [name, checksum] of applied) {
    const file = files.find((candidate) => candidate.name === name);
    if (!file)
      throw new AppError(
        "unavailable",
        `Migration ${name} was applied to this database but its file is missing`,
      );
    if (file.checksum !== checksum) {
      throw new AppError(
        "unavailable",
        `Migration ${name} was changed after it was applied (checksum differs); migrations are forward only: add a new one instead`,
      );
    }
  }
}

/** Applies every pending migration, each in its own transaction, recording its checksum. */
export async function migrate(database: Database, dir: URL = migrationsDir): Promise<string[]> {
  const files = readMigrationFiles(dir);
  const applied = await appliedMigrations(database);
  checkApplied(files, applied);
  const pending = files.filter((file) => !applied.has(file.name));
  for (const file of pending) {
    // One script, one implicit transaction: a failing migration leaves nothing behind.
    await database.runScript(
      `${file.script}\n;INSERT INTO schema_migrations (name, checksum) VALUES ('${file.name}', '${file.checksum}');`,
    );
  }
  return pending.map((file) => file.name);
}

/** For /readyz: true when every migration file has been applied unchanged. */
export async function migrationsUpToDate(database: Database, dir: URL = migrationsDir): Promise<boolean> {
  const files = readMigrationFiles(dir);
  const rows = await queryRows<{ name: string; checksum: string }>(
    database.db,
    sql`SELECT name, checksum FROM schema_migrations`,
  );
  const applied = new Map(rows.map((row) => [row.name, row.checksum]));
  return files.every((file) => applied.get(file.name) === file.checksum);
}
