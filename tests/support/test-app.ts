import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import pg from "pg";
import { inject } from "vitest";
import { hashPassword } from "#src/auth/passwords.ts";
import type { Classification, Role, Scope } from "#src/auth/policy.ts";
import { type Config, loadConfig } from "#src/config.ts";
import { type Database, openPglite, openPostgres } from "#src/db/database.ts";
import { migrate } from "#src/db/migrate.ts";
import { organisations, users } from "#src/db/schema.ts";
import { buildApp } from "#src/http/app.ts";
import type { App } from "#src/http/types.ts";
import { ApiClient } from "./api-client.ts";
import { withDatabase } from "./global-setup.ts";

export type DatabaseKind = "pglite" | "postgres";

/** The databases this run covers: PGlite always, PostgreSQL when the global setup made a template. */
export function databaseKinds(): DatabaseKind[] {
  return inject("postgresTemplate") ? ["pglite", "postgres"] : ["pglite"];
}

export const testPassword = "correct-horse-battery-staple-7";

export interface TestApp {
  app: App;
  database: Database;
  config: Config;
  baseUrl: string;
  client(): ApiClient;
  /** A user who can sign in at once with testPassword. */
  createUser(options?: Partial<TestUserOptions>): Promise<{ id: string; email: string }>;
  /** A signed-in client for a new user. */
  signedIn(options?: Partial<TestUserOptions>): Promise<ApiClient & { userId: string; email: string }>;
  close(): Promise<void>;
}

export interface TestUserOptions {
  roles: Role[];
  organisationId: string;
  scope: Scope;
  clearance: Classification;
  mustChangePassword: boolean;
}

async function openTestDatabase(
  kind: DatabaseKind,
): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (kind === "pglite") {
    const database = await openPglite(undefined);
    await migrate(database);
    return { database, drop: async () => {} };
  }
  const serverUrl = process.env.TEST_DATABASE_URL ?? "";
  const name = `${inject("postgresTemplate")}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("postgresTemplate")}`);
  await admin.end();
  const database = await openPostgres(withDatabase(serverUrl, name));
  return {
    database,
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

let passwordHash: Promise<string> | undefined;

/** A real server on a fresh database, listening on a random loopback port. */
export async function startTestApp(kind: DatabaseKind, env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    ROCU_RATE_LIMIT_PER_MINUTE: "100000",
    // Suites sign in one user per role and permission; the sign-in limit is tested on its own.
    ROCU_SIGN_IN_LIMIT_PER_MINUTE: "1000",
    ...env,
  });
  const { database, drop } = await openTestDatabase(kind);
  const app = await buildApp(database, config);
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  passwordHash ??= hashPassword(testPassword);

  const createUser = async (options: Partial<TestUserOptions> = {}) => {
    const organisationId = options.organisationId ?? "west-midlands";
    const [organisation] = await database.db
      .select()
      .from(organisations)
      .where(eq(organisations.id, organisationId));
    if (!organisation) throw new Error(`unknown organisation ${organisationId}`);
    const email = `user-${randomBytes(5).toString("hex")}@test.rocu.test`;
    const [row] = await database.db
      .insert(users)
      .values({
        email,
        name: `Test ${email.slice(5, 15)}`,
        organisationId,
        forceId: organisation.forceId,
        regionId: organisation.regionId,
        roles: options.roles ?? ["analyst"],
        scope: options.scope ?? (organisation.forceId ? "force" : "region"),
        clearance: options.clearance ?? "OFFICIAL-SENSITIVE",
        passwordHash: await (passwordHash as Promise<string>),
        mustChangePassword: options.mustChangePassword ?? false,
        isDemo: false,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    return { id: row.id, email };
  };

  const testApp: TestApp = {
    app,
    database,
    config,
    baseUrl: address,
    client: () => new ApiClient(address),
    createUser,
    signedIn: async (options) => {
      const user = await createUser(options);
      const client = new ApiClient(address);
      const response = await client.post("/api/v1/auth/login", { email: user.email, password: testPassword });
      if (response.status !== 200)
        throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
      return Object.assign(client, { userId: user.id, email: user.email });
    },
    close: async () => {
      await app.close();
      await database.close();
      await drop();
    },
  };
  return testApp;
}
