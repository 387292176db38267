// What every bench needs: a database of its own on the PostgreSQL server in TEST_DATABASE_URL,
// migrated, with a national user to act as; and figures printed the same way.

import pg from "pg";
import type { RequestContext } from "#src/audit/audit.ts";
import type { Actor } from "#src/auth/policy.ts";
import { actorFromUser } from "#src/auth/sessions.ts";
import type { Role } from "#src/auth/vocabulary.ts";
import { type Database, openPostgres } from "#src/db/database.ts";
import { migrate } from "#src/db/migrate.ts";
import { users } from "#src/db/schema.ts";

export const format = (value: number, digits = 0) =>
  value.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** "median   12.3 ms  p95   20.1 ms" of these timings in milliseconds. */
export function medianAndP95(timings: number[]): string {
  const sorted = [...timings].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
  return `median ${format(at(0.5), 1).padStart(6)} ms  p95 ${format(at(0.95), 1).padStart(6)} ms`;
}

export interface Bench {
  database: Database;
  /** A plain connection, for COPY and SQL the services have no call for. */
  raw: pg.Client;
  /** A national user, cleared to SECRET, with the bench's roles, and a request made by them. */
  actor: Actor;
  context: RequestContext;
}

/** Runs `body` against a fresh database named after the bench, dropped afterwards whatever happens. */
export async function withBenchDatabase(name: string, roles: Role[], body: (bench: Bench) => Promise<void>) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl)
    throw new Error("Set TEST_DATABASE_URL to a PostgreSQL server (the bench makes its own database)");
  const databaseName = `rocu_bench_${name}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${databaseName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  const database = await openPostgres(url.toString());
  const raw = new pg.Client({ connectionString: url.toString() });
  try {
    await migrate(database);
    await raw.connect();
    const [user] = await database.db
      .insert(users)
      .values({
        email: "bench@bench.rocu.test",
        name: `Bench ${roles.join(" and ")}`,
        organisationId: "rocuwm",
        forceId: null,
        regionId: "west-midlands",
        roles,
        scope: "national",
        clearance: "SECRET",
        passwordHash: "not-used",
        mustChangePassword: false,
        isDemo: false,
      })
      .returning();
    if (!user) throw new Error("could not create the bench user");
    const actor = actorFromUser(user);
    await body({ database, raw, actor, context: { actor, requestId: null, clientIp: null } });
  } finally {
    await raw.end().catch(() => {});
    await database.close();
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin.end();
  }
}
