import { roles } from "#src/auth/policy.ts";
import { ConfigError, loadConfig, shouldSeedDemo } from "#src/config.ts";
import { openDatabase } from "#src/db/open.ts";
import { demoEmail, hasAnyUser, seedDemo } from "#src/demo/seed.ts";
import { buildApp } from "#src/http/app.ts";
import { AppError } from "#src/lib/errors.ts";

/** Boot: config → database → migrations → demo data on first run → HTTP server. */
export async function serve(): Promise<void> {
  const config = loadConfig();
  const { database, applied } = await openDatabase(config, "the ROCU Hub server");
  const where = config.DATABASE_URL
    ? "PostgreSQL"
    : `embedded PostgreSQL (PGlite) in ${config.ROCU_DATA_DIR}`;
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(", ")}`);

  if (shouldSeedDemo(config) && !(await hasAnyUser(database.db))) {
    await seedDemo(database.db, config.ROCU_DEMO_PASSWORD);
    console.log("Seeded demo data (this instance is marked as a demo).");
  }

  const app = await buildApp(database, config).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);

  const address = await app.listen({ port: config.PORT, host: config.HOST }).catch(async (error: unknown) => {
    await app.close();
    await database.close();
    throw error;
  });
  console.log(`ROCU Hub is running on ${where}: ${address.replace("127.0.0.1", "localhost")}`);
  if (shouldSeedDemo(config)) {
    const password = process.env.ROCU_DEMO_PASSWORD
      ? "the ROCU_DEMO_PASSWORD you set"
      : config.ROCU_DEMO_PASSWORD;
    console.log(
      `Demo sign-ins (password: ${password}):\n${roles.map((role) => `  ${demoEmail(role)}`).join("\n")}`,
    );
  }
}

/** One clear line for problems a person can fix (config, locked database); a stack only for bugs. */
export function exitWithError(error: unknown): never {
  if (error instanceof ConfigError || error instanceof AppError) console.error(error.message);
  else console.error(error);
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) serve().catch(exitWithError);
