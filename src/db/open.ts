import type { Config } from "#src/config.ts";
import { type Database, openPglite, openPostgres } from "./database.ts";
import { lockDataDir } from "./lock.ts";
import { migrate } from "./migrate.ts";

export interface OpenedDatabase {
  database: Database;
  /** Names of the migrations this call applied. */
  applied: string[];
}

/** Opens the configured database (locking the embedded one) and applies pending migrations. */
export async function openDatabase(config: Config, holder: string): Promise<OpenedDatabase> {
  if (config.DATABASE_URL) return migrateOrClose(await openPostgres(config.DATABASE_URL));
  const unlock = lockDataDir(config.ROCU_DATA_DIR, holder);
  try {
    const opened = await migrateOrClose(await openPglite(config.ROCU_DATA_DIR));
    const close = opened.database.close;
    return {
      ...opened,
      database: {
        ...opened.database,
        close: async () => {
          await close();
          unlock();
        },
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

async function migrateOrClose(database: Database): Promise<OpenedDatabase> {
  try {
    return { database, applied: await migrate(database) };
  } catch (error) {
    await database.close();
    throw error;
  }
}
