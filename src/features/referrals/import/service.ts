// Imports uploaded through the API: the upload is saved to a temporary file (hashed as it
// arrives), then imported in the background while the browser polls the run. The same file sent
// again while its import runs answers with that run; sent after an interruption, it resumes.

import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { and, desc, eq, getTableColumns } from "drizzle-orm";
import { errorCodes, type FastifyBaseLogger } from "fastify";
import { actorOf, type RequestContext } from "#src/audit/audit.ts";
import { can } from "#src/auth/policy.ts";
import type { Db } from "#src/db/database.ts";
import { referralImportRuns } from "#src/db/schema.ts";
import { AppError, forbidden, notFound } from "#src/lib/errors.ts";
import type { ImportFormat } from "./read.ts";
import { type ImportRunRow, openImportRun, presentRun, presentRunSummary, runImport } from "./run.ts";
import type { ImportProgress, ImportRunSummaryView, ImportRunView } from "./schema.ts";

/** An import this process is running now, and how far it has got. */
interface ActiveImport {
  opened: Promise<ImportRunRow>;
  progress: ImportProgress | null;
}

// By file and user while it is being opened or run, and by run id for progress.
const activeByFile = new Map<string, ActiveImport>();
const activeByRun = new Map<string, ActiveImport>();

export function formatOfFileName(fileName: string): ImportFormat {
  return /\.csv$/i.test(fileName) ? "csv" : "jsonl";
}

/** Saves a request body to disk, refusing it past the limit, and returns its SHA-256. */
async function saveUpload(body: Readable, path: string, limitBytes: number): Promise<string> {
  const hash = createHash("sha256");
  let received = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > limitBytes) {
        callback(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  await pipeline(body, hashing, createWriteStream(path));
  if (received === 0)
    throw new AppError("validation", "The file is empty: choose a file of referrals", {
      fields: [{ field: "file", message: "The file is empty: choose a file of referrals" }],
    });
  return hash.digest("hex");
}

async function loadOwnRun(db: Db, context: RequestContext, id: string): Promise<ImportRunRow> {
  const actor = actorOf(context);
  const [run] = await db
    .select()
    .from(referralImportRuns)
    .where(and(eq(referralImportRuns.id, id), eq(referralImportRuns.startedBy, actor.id)));
  // Someone else's run looks like no run at all.
  if (!run) throw notFound("Import run");
  return run;
}

/**
 * Receives a file and starts importing it in the background; answers at once with the run to
 * poll. The caller's request context (user, request id) is the context of the whole import.
 */
export async function startImport(
  db: Db,
  context: RequestContext,
  upload: { body: Readable; fileName: string; limitBytes: number },
  log: FastifyBaseLogger,
): Promise<ImportRunView> {
  const actor = actorOf(context);
  if (!can(actor, "referrals.intake")) throw forbidden();
  const directory = await mkdtemp(join(tmpdir(), "rocu-referral-import-"));
  const removeUpload = () => rm(directory, { recursive: true, force: true });
  const file = {
    path: join(directory, "upload"),
    fileName: upload.fileName,
    format: formatOfFileName(upload.fileName),
  };
  let sha256: string;
  try {
    sha256 = await saveUpload(upload.body, file.path, upload.limitBytes);
  } catch (error) {
    await removeUpload();
    throw error;
  }

  const key = `${sha256}:${actor.id}`;
  const running = activeByFile.get(key);
  if (running) {
    await removeUpload();
    const run = await running.opened;
    return presentRun(await loadOwnRun(db, context, run.id), running.progress);
  }
  // Registered before the first await, so a second upload of the same file finds this one.
  const active: ActiveImport = { opened: openImportRun(db, context, file, sha256), progress: null };
  activeByFile.set(key, active);
  let run: ImportRunRow;
  try {
    run = await active.opened;
  } catch (error) {
    activeByFile.delete(key);
    await removeUpload();
    throw error;
  }
  // The run is under way from now: a poll before the first report must not look like a run
  // that stopped.
  active.progress = {
    phase: run.status === "importing" ? "importing" : "checking",
    rowsDone: run.committedRows,
    totalRows: run.totalRows,
    fractionDone: run.totalRows ? run.committedRows / run.totalRows : 0,
  };
  activeByRun.set(run.id, active);
  const runId = run.id;
  void runImport(db, context, run, file, {
    onProgress: (progress) => {
      active.progress = progress;
    },
  })
    .catch((error: unknown) => {
      // The run stays resumable: sending the same file again continues it.
      log.error({ err: error, importRunId: runId }, "referral import stopped before it finished");
    })
    .finally(() => {
      activeByFile.delete(key);
      activeByRun.delete(runId);
      return removeUpload();
    });
  return presentRun(run, active.progress);
}

export async function getImportRun(db: Db, context: RequestContext, id: string): Promise<ImportRunView> {
  const run = await loadOwnRun(db, context, id);
  return presentRun(run, activeByRun.get(run.id)?.progress ?? null);
}

export async function listImportRuns(
  db: Db,
  context: RequestContext,
): Promise<{ items: ImportRunSummaryView[] }> {
  const actor = actorOf(context);
  // Without the errors, which can run to a thousand lines a run: the run itself has them.
  const { errors: _errors, ...summaryColumns } = getTableColumns(referralImportRuns);
  const runs = await db
    .select(summaryColumns)
    .from(referralImportRuns)
    .where(eq(referralImportRuns.startedBy, actor.id))
    .orderBy(desc(referralImportRuns.startedAt))
    .limit(20);
  return { items: runs.map((run) => presentRunSummary(run, activeByRun.get(run.id)?.progress ?? null)) };
}
