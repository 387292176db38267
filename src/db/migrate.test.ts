import { cpSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { type Database, openPglite, queryRows } from "./database.ts";
import { migrate, migrationsDir, migrationsUpToDate } from "./migrate.ts";

const copyOfMigrations = () => {
  const dir = mkdtempSync(join(tmpdir(), "rocu-migrations-"));
  cpSync(migrationsDir, dir, { recursive: true });
  return pathToFileURL(`${dir}/`);
};

describe("migrations", () => {
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
  });

  it("applies each file once and records its checksum", async () => {
    database = await openPglite(undefined);
    const dir = copyOfMigrations();
    const files = readdirSync(dir)
      .filter((name) => name.endsWith(".sql"))
      .sort();
    expect(files.slice(0, 2)).toEqual(["0001_init.sql", "0002_reference_data.sql"]);
    expect(await migrate(database, dir)).toEqual(files);
    expect(await migrate(database, dir)).toEqual([]);
    expect(await migrationsUpToDate(database, dir)).toBe(true);
  });

  it("refuses to go on when an applied migration was edited", async () => {
    database = await openPglite(undefined);
    const dir = copyOfMigrations();
    await migrate(database, dir);
    writeFileSync(new URL("0002_reference_data.sql", dir), "-- edited\n");
    await expect(migrate(database, dir)).rejects.toThrow(
      /0002_reference_data.sql was changed after it was applied/,
    );
  });

  it("leaves nothing behind when a migration fails halfway", async () => {
    database = await openPglite(undefined);
    const dir = copyOfMigrations();
    await migrate(database, dir);
    writeFileSync(
      new URL("0003_broken.sql", dir),
      "CREATE TABLE half_done (id int);\nSELECT no_such_function();\n",
    );
    await expect(migrate(database, dir)).rejects.toThrow();
    const tables = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'half_done'`,
    );
    expect(tables[0]?.n).toBe(0);
    expect(await migrationsUpToDate(database, dir)).toBe(false);
  });
});
