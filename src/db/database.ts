import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import { drizzle as drizzleNodePostgres } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { schema } from "./schema.ts";

/** The one database interface: Drizzle over either PGlite (embedded) or a PostgreSQL server. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Queryable = Db | Tx;

export interface Database {
  readonly kind: "pglite" | "postgres";
  readonly db: Db;
  /** Runs a multi-statement SQL script as one implicit transaction (used by migrations). */
  runScript(script: string): Promise<void>;
  close(): Promise<void>;
}

/** Raw SQL (reports, locks) returns plain rows; both drivers expose them as `rows`. */
export async function queryRows<Row>(db: Queryable, query: SQL): Promise<Row[]> {
  const result = await db.execute(query);
  return (result as unknown as { rows: Row[] }).rows;
}

export function wrapPglite(client: PGlite): Database {
  return {
    kind: "pglite",
    db: drizzlePglite({ client, schema }) as unknown as Db,
    runScript: async (script) => {
      await client.exec(script);
    },
    close: () => client.close(),
  };
}

export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  return wrapPglite(client);
}

export async function openPostgres(connectionString: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle connection the server ends (restart, failover, a dropped database) is removed from the
  // pool by pg; without a listener its error would crash the process.
  pool.on("error", (error) => console.error(`PostgreSQL closed an idle connection: ${error.message}`));
  // Fail at start-up, with the server's own message, rather than on the first request.
  const client = await pool.connect();
  client.release();
  return {
    kind: "postgres",
    db: drizzleNodePostgres({ client: pool, schema }) as unknown as Db,
    runScript: async (script) => {
      await pool.query(script);
    },
    close: () => pool.end(),
  };
}
