import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "#src/lib/errors.ts";

/**
 * PGlite keeps its files open in one process; a second process writing the same directory would
 * corrupt it. Whoever opens the embedded database first holds this lock file until it closes.
 */
export function lockDataDir(dataDir: string, holder: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, "rocu.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, JSON.stringify({ pid: process.pid, holder }));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const current = readLock(lockPath);
      if (current && isAlive(current.pid)) {
        throw new AppError(
          "locked",
          `The embedded database in ${dataDir} is in use by ${current.holder} (process ${current.pid}). ` +
            "Stop it first, use the web UI or API of the running server, or set DATABASE_URL to a PostgreSQL server.",
        );
      }
      rmSync(lockPath, { force: true }); // left behind by a process that crashed
    }
  }
  throw new AppError("locked", `Could not lock the embedded database in ${dataDir}`);
}

function readLock(lockPath: string): { pid: number; holder: string } | undefined {
  try {
    return JSON.parse(readFileSync(lockPath, "utf8")) as { pid: number; holder: string };
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
