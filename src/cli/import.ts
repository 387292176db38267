import { basename } from "node:path";
import { actorFromUser } from "#src/auth/sessions.ts";
import type { ImportFormat } from "#src/features/referrals/import/read.ts";
import { importReferralFile } from "#src/features/referrals/import/run.ts";
import type { ImportProgress } from "#src/features/referrals/import/schema.ts";
import { findUserByEmail } from "#src/features/users/queries.ts";
import { AppError } from "#src/lib/errors.ts";
import { withDatabase } from "./context.ts";

export interface ImportReferralsOptions {
  as: string;
  batchSize: number;
}

const count = (value: number) => value.toLocaleString("en-GB");

function formatOf(path: string): ImportFormat {
  if (/\.csv$/i.test(path)) return "csv";
  if (/\.(jsonl|ndjson)$/i.test(path)) return "jsonl";
  throw new AppError("validation", `${basename(path)}: name a .csv, .jsonl or .ndjson file`);
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "";
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  return `${Math.floor(seconds / 60)}m ${String(Math.ceil(seconds % 60)).padStart(2, "0")}s`;
}

/**
 * Progress on stderr: one line redrawn in place on a terminal; when stderr is a file or a pipe,
 * a line every few seconds and at each tenth of the way, so a log stays readable.
 */
function progressBar(): { show(progress: ImportProgress): void; end(): void } {
  const interactive = process.stderr.isTTY === true;
  let phaseStarted = Date.now();
  let phase: ImportProgress["phase"] | null = null;
  let firstRows = 0;
  let lastPrinted = 0;
  let lastTenth = 0;
  return {
    show(progress) {
      const now = Date.now();
      const phaseChanged = progress.phase !== phase;
      if (phaseChanged) {
        if (interactive && phase) process.stderr.write("\n");
        phase = progress.phase;
        phaseStarted = now;
        firstRows = progress.rowsDone;
      }
      const finished = progress.fractionDone >= 1;
      const tenth = Math.floor(progress.fractionDone * 10);
      const newTenth = phaseChanged || tenth > lastTenth;
      if (!interactive && now - lastPrinted < 5000 && !finished && !newTenth) return;
      lastPrinted = now;
      lastTenth = tenth;
      const width = 30;
      const filled = Math.round(progress.fractionDone * width);
      const seconds = (now - phaseStarted) / 1000;
      const rate = seconds > 0 ? (progress.rowsDone - firstRows) / seconds : 0;
      const left =
        progress.fractionDone > 0
          ? (seconds / progress.fractionDone) * (1 - progress.fractionDone)
          : Number.NaN;
      const rows =
        progress.totalRows === null
          ? count(progress.rowsDone)
          : `${count(progress.rowsDone)} / ${count(progress.totalRows)}`;
      const line = [
        progress.phase === "checking" ? "Checking " : "Importing",
        `[${"#".repeat(filled)}${".".repeat(width - filled)}]`,
        `${Math.floor(progress.fractionDone * 100)}%`,
        `${rows} rows`,
        `${count(Math.round(rate))} rows/s`,
        finished ? "" : duration(left) && `${duration(left)} left`,
      ]
        .filter(Boolean)
        .join("  ");
      process.stderr.write(interactive ? `\r${line}\u001b[K` : `${line}\n`);
    },
    end() {
      if (interactive && phase) process.stderr.write("\n");
    },
  };
}

/** rocu import referrals FILE --as EMAIL */
export async function importReferralsCommand(path: string, options: ImportReferralsOptions): Promise<void> {
  const format = formatOf(path);
  const bar = progressBar();
  const run = await withDatabase("import referrals", async (db) => {
    const user = await findUserByEmail(db, options.as);
    if (!user) throw new AppError("not_found", `No user has the email ${options.as}`);
    if (user.disabledAt)
      throw new AppError("forbidden", `${user.email} is disabled: an import cannot act as them`);
    const context = { actor: actorFromUser(user), requestId: null, clientIp: "cli" };
    try {
      return await importReferralFile(
        db,
        context,
        { path, fileName: basename(path), format },
        {
          batchSize: options.batchSize,
          onProgress: (progress) => bar.show(progress),
        },
      );
    } finally {
      bar.end();
    }
  });
  if (run.status === "failed") {
    console.log(`${run.fileName} has errors, so nothing was imported:`);
    for (const error of run.errors) console.log(`  line ${error.line}, ${error.field}: ${error.message}`);
    process.exitCode = 1;
    return;
  }
  console.log(
    `Imported ${run.fileName}: ${count(run.totalRows ?? 0)} ${run.totalRows === 1 ? "row" : "rows"} — ${count(run.createdCount)} new, ` +
      `${count(run.versionedCount)} new ${run.versionedCount === 1 ? "version" : "versions"}, ` +
      `${count(run.unchangedCount)} unchanged (import run ${run.id}).`,
  );
}
