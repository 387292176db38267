// A bulk import of referrals from a file, in two passes over it. Pass 1 checks every row and
// writes nothing if any is wrong. Pass 2 imports in batches, each one transaction that stores the
// referrals, moves the run's committed_rows on and writes one audit event, so a crash loses at
// most the batch in flight and importing the same file again (by content, per user) resumes
// after the last committed row: every row ends up stored exactly once.

import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { actorOf, type RequestContext, recordAudit } from "#src/audit/audit.ts";
import { type Actor, can, clearanceCovers } from "#src/auth/policy.ts";
import type { Db } from "#src/db/database.ts";
import { forces, type ImportLineError, nfibCodes, referralImportRuns, referrals } from "#src/db/schema.ts";
import { AppError, forbidden } from "#src/lib/errors.ts";
import { referralRecord } from "../access.ts";
import { crimeReferenceIn, ingestStaged, loadRegions } from "../ingest.ts";
import { prepareReferral, type ReferralInput } from "../intake.ts";
import { forceInScope } from "../service.ts";
import { loadTriageSettings } from "../settings.ts";
import { FileProblem, type ImportFormat, type ReadCounter, readImportFile } from "./read.ts";
import { fieldName } from "./rows.ts";
import type { ImportProgress, ImportRunSummaryView, ImportRunView } from "./schema.ts";
import { referenceHash, SeenReferences } from "./seen.ts";
import { type StagedFileBatch, stagedBatches } from "./staging.ts";

export interface ImportFile {
  path: string;
  /** The name the user knows the file by (the upload's name), for the list of runs. */
  fileName: string;
  format: ImportFormat;
}

export interface ImportOptions {
  onProgress?(progress: ImportProgress): void;
  /** Rows per transaction. */
  batchSize?: number;
  /** The file's SHA-256 when the caller has it already (an upload hashes while it is received). */
  sha256?: string;
}

export type ImportRunRow = typeof referralImportRuns.$inferSelect;

export const defaultBatchSize = 2000;
/** Errors kept on the run: enough to work through; the rest follow once these are corrected. */
export const storedErrorLimit = 1000;
/** Crime references looked up at once when checking for referrals another force holds. */
const lookupSize = 2000;
const progressEveryRows = 5000;
/** Imports that add at least this many referrals refresh the table's statistics when they finish. */
const analyseAfterRows = 10_000;

export function presentRunSummary(
  run: Omit<ImportRunRow, "errors">,
  progress: ImportProgress | null,
): ImportRunSummaryView {
  return {
    id: run.id,
    fileName: run.fileName,
    format: run.format,
    status: run.status,
    totalRows: run.totalRows,
    committedRows: run.committedRows,
    createdCount: run.createdCount,
    versionedCount: run.versionedCount,
    unchangedCount: run.unchangedCount,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt ? run.finishedAt.toISOString() : null,
    progress,
  };
}

export function presentRun(run: ImportRunRow, progress: ImportProgress | null = null): ImportRunView {
  return { ...presentRunSummary(run, progress), errors: run.errors };
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }))
    hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Counts every error but keeps only the first ones, closing with a line that gives the total. */
class ErrorList {
  readonly kept: ImportLineError[] = [];
  total = 0;
  private firstOmittedLine = 0;

  add(errors: readonly ImportLineError[]): void {
    for (const error of errors) {
      this.total++;
      if (this.kept.length < storedErrorLimit) this.kept.push(error);
      else if (this.firstOmittedLine === 0) this.firstOmittedLine = error.line;
    }
  }

  stored(): ImportLineError[] {
    // Look-ups of referrals held elsewhere report a little after the rows around them.
    this.kept.sort((a, b) => a.line - b.line);
    if (this.total <= storedErrorLimit) return this.kept;
    const more = this.total - storedErrorLimit;
    return [
      ...this.kept,
      {
        line: this.firstOmittedLine,
        field: "file",
        message: `…and ${more.toLocaleString("en-GB")} more ${more === 1 ? "error" : "errors"} (${this.total.toLocaleString("en-GB")} in all): only the first ${storedErrorLimit.toLocaleString("en-GB")} are listed. Correct these and import the file again to see the rest.`,
      },
    ];
  }
}

/**
 * Finds the run to resume for this file and user (one interrupted while checking or importing),
 * or starts a new one. A finished run is never resumed: importing a file again makes a new run,
 * which changes nothing that is already stored.
 */
export async function openImportRun(
  db: Db,
  context: RequestContext,
  file: ImportFile,
  sha256: string,
): Promise<ImportRunRow> {
  const actor = actorOf(context);
  if (!can(actor, "referrals.intake")) throw forbidden();
  const [unfinished] = await db
    .select()
    .from(referralImportRuns)
    .where(
      and(
        eq(referralImportRuns.fileSha256, sha256),
        eq(referralImportRuns.startedBy, actor.id),
        inArray(referralImportRuns.status, ["checking", "importing"]),
      ),
    )
    .orderBy(desc(referralImportRuns.startedAt))
    .limit(1);
  if (unfinished) return unfinished;
  return db.transaction(async (tx) => {
    const [run] = await tx
      .insert(referralImportRuns)
      .values({
        fileSha256: sha256,
        fileName: file.fileName,
        format: file.format,
        status: "checking",
        committedRows: 0,
        createdCount: 0,
        versionedCount: 0,
        unchangedCount: 0,
        errors: [],
        startedBy: actor.id,
      })
      .returning();
    if (!run) throw new Error("insert returned no import run");
    await recordAudit(tx, context, {
      action: "referral.import-start",
      entityType: "referral-import",
      entityId: run.id,
      changes: {
        fileName: { after: file.fileName },
        format: { after: file.format },
        sha256: { after: sha256 },
      },
    });
    return run;
  });
}

interface CheckResult {
  totalRows: number;
  errors: ErrorList;
}

interface PendingLookup {
  line: number;
  input: ReferralInput;
}

/** Reads the file again for the references whose hash came twice, and names each true repeat. */
async function nameRepeats(
  file: ImportFile,
  repeatedHashes: ReadonlySet<number>,
  field: string,
  errors: ErrorList,
): Promise<void> {
  const firstLines = new Map<string, number>();
  try {
    for await (const row of readImportFile(file.path, file.format, { bytesRead: 0 })) {
      if (!row.result.ok) continue;
      const reference = row.result.input.crimeReference;
      if (!repeatedHashes.has(referenceHash(reference))) continue;
      const earlier = firstLines.get(reference);
      if (earlier === undefined) firstLines.set(reference, row.line);
      else
        errors.add([
          {
            line: row.line,
            field,
            message: `Crime reference ${reference} is already on line ${earlier} of this file`,
          },
        ]);
    }
  } catch (error) {
    // A problem with the file as a whole was reported by the first reading.
    if (!(error instanceof FileProblem)) throw error;
  }
}

/** Pass 1: every row against the schema, the reference data, the user's reach and the rest of the file. */
async function checkFile(
  db: Db,
  actor: Actor,
  file: ImportFile,
  report: (progress: ImportProgress) => void,
): Promise<CheckResult> {
  const forceRows = await db.select({ id: forces.id, regionId: forces.regionId }).from(forces);
  const codeRows = await db.select({ code: nfibCodes.code }).from(nfibCodes);
  const { size } = await stat(file.path);
  const forceById = new Map(forceRows.map((force) => [force.id, force]));
  const knownCodes = new Set(codeRows.map((row) => row.code));
  const field = (name: keyof ReferralInput) => fieldName(file.format, name);
  const errors = new ErrorList();
  // The one thing that grows with the file: the crime references seen, about 12 bytes a row.
  // A hash seen twice is a repeated reference, or (rarely) two references sharing a hash:
  // repeats are confirmed, and named, by a second reading of just those references.
  const seen = new SeenReferences();
  const repeatedHashes = new Set<number>();
  let pending: PendingLookup[] = [];

  // Re-sending a referral changes it; someone who cannot see it must not (as for the form).
  // Unchanged content changes nothing, so it is no conflict.
  const lookUp = async (batch: PendingLookup[]) => {
    const held = await db
      .select({
        crimeReference: referrals.crimeReference,
        forceId: referrals.forceId,
        regionId: referrals.regionId,
        classification: referrals.classification,
        allocatedUnit: referrals.allocatedUnit,
        contentHash: referrals.contentHash,
      })
      .from(referrals)
      .where(crimeReferenceIn(batch.map((item) => item.input.crimeReference)));
    const heldByReference = new Map(held.map((row) => [row.crimeReference, row]));
    for (const item of batch) {
      const stored = heldByReference.get(item.input.crimeReference);
      if (!stored || can(actor, "referrals.read", referralRecord(stored))) continue;
      if (prepareReferral(item.input).contentHash === stored.contentHash) continue;
      errors.add([
        {
          line: item.line,
          field: field("crimeReference"),
          message: `Another force area already holds a referral with crime reference ${item.input.crimeReference}`,
        },
      ]);
    }
  };
  // One look-up in the database while the next rows are checked.
  let lookingUp: Promise<void> = Promise.resolve();
  const lookUpHeldElsewhere = async () => {
    const batch = pending;
    pending = [];
    await lookingUp;
    lookingUp = batch.length > 0 ? lookUp(batch) : Promise.resolve();
    // Its failure is taken up by the next await; until then it is not unhandled.
    lookingUp.catch(() => {});
  };

  const counter: ReadCounter = { bytesRead: 0 };
  let rows = 0;
  try {
    for await (const row of readImportFile(file.path, file.format, counter)) {
      rows++;
      if (rows % progressEveryRows === 0)
        report({
          phase: "checking",
          rowsDone: rows,
          totalRows: null,
          fractionDone: size ? counter.bytesRead / size : 1,
        });
      if (!row.result.ok) {
        errors.add(row.result.errors);
        continue;
      }
      const { input } = row.result;
      const rowErrors: ImportLineError[] = [];
      const problem = (name: keyof ReferralInput, message: string) =>
        rowErrors.push({ line: row.line, field: field(name), message });
      const force = forceById.get(input.forceId);
      if (!force)
        problem("forceId", `Unknown force area ${input.forceId}: use a force id such as west-midlands`);
      else if (!forceInScope(actor, force))
        problem("forceId", `You can only import referrals for force areas you work in, not ${input.forceId}`);
      if (!knownCodes.has(input.nfibCode)) problem("nfibCode", `Unknown NFIB code ${input.nfibCode}`);
      if (!clearanceCovers(actor.clearance, input.classification))
        problem("classification", `You cannot mark a referral above your own clearance (${actor.clearance})`);
      const hash = referenceHash(input.crimeReference);
      if (seen.firstLineOf(hash, row.line) !== null) repeatedHashes.add(hash);
      if (rowErrors.length > 0) {
        errors.add(rowErrors);
        continue;
      }
      pending.push({ line: row.line, input });
      if (pending.length >= lookupSize) await lookUpHeldElsewhere();
    }
    await lookUpHeldElsewhere();
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    errors.add(error.errors);
  }
  // The rows read before a problem with the file are still looked up.
  await lookingUp;
  if (repeatedHashes.size > 0) await nameRepeats(file, repeatedHashes, field("crimeReference"), errors);
  if (rows === 0 && errors.total === 0)
    errors.add([
      {
        line: 1,
        field: "file",
        message:
          file.format === "csv"
            ? "The file has no referrals: add one row per referral below the header row"
            : "The file has no referrals: add one JSON object per line",
      },
    ]);
  report({ phase: "checking", rowsDone: rows, totalRows: rows, fractionDone: 1 });
  return { totalRows: rows, errors };
}

/** Pass 2: the rows after those already committed, a batch per transaction. */
async function importRows(
  db: Db,
  context: RequestContext,
  run: ImportRunRow & { totalRows: number },
  file: ImportFile,
  batchSize: number,
  report: (progress: ImportProgress) => void,
): Promise<void> {
  const settings = await loadTriageSettings(db);
  const regionOf = await loadRegions(db);
  let committed = run.committedRows;
  const progress = () =>
    report({
      phase: "importing",
      rowsDone: committed,
      totalRows: run.totalRows,
      fractionDone: committed / run.totalRows,
    });

  const commitBatch = async ({
    firstLine,
    lastLine,
    classification,
    context: staged,
    rowCount,
    rows,
  }: StagedFileBatch) => {
    await db.transaction(async (tx) => {
      // Locks the run: a second process importing the same run fails here instead of storing
      // a batch twice.
      const [current] = await tx
        .select({ committedRows: referralImportRuns.committedRows })
        .from(referralImportRuns)
        .where(eq(referralImportRuns.id, run.id))
        .for("update");
      if (current?.committedRows !== committed)
        throw new AppError(
          "conflict",
          "This file is being imported by another process: wait for it to finish",
        );
      const ingested = await ingestStaged(tx, { context: staged, rows });
      const count = (outcome: string) => ingested.filter((item) => item.outcome === outcome).length;
      const created = count("created");
      const versioned = count("versioned");
      const unchanged = count("unchanged");
      const done = committed + rowCount;
      const completed = done === run.totalRows;
      await tx
        .update(referralImportRuns)
        .set({
          committedRows: done,
          createdCount: sql`${referralImportRuns.createdCount} + ${created}`,
          versionedCount: sql`${referralImportRuns.versionedCount} + ${versioned}`,
          unchangedCount: sql`${referralImportRuns.unchangedCount} + ${unchanged}`,
          ...(completed ? { status: "completed" as const, finishedAt: new Date() } : {}),
        })
        .where(eq(referralImportRuns.id, run.id));
      await recordAudit(tx, context, {
        action: "referral.import-batch",
        entityType: "referral-import",
        entityId: run.id,
        classification,
        changes: {
          lines: { after: `${firstLine}-${lastLine}` },
          rows: { before: committed, after: done },
          created: { after: created },
          versioned: { after: versioned },
          unchanged: { after: unchanged },
          ...(completed ? { status: { before: "importing", after: "completed" } } : {}),
        },
      });
    });
    committed += rowCount;
    progress();
  };

  // One batch in the database while the next is read and staged: the database and this
  // process work at the same time, and batches still commit one after another, in file order.
  let inFlight: Promise<void> = Promise.resolve();
  progress();
  for await (const batch of stagedBatches(file, {
    skipRows: run.committedRows,
    batchSize,
    context: { settings, importRunId: run.id, regionOf },
  })) {
    await inFlight;
    inFlight = commitBatch(batch);
    // Its failure is taken up by the next await of inFlight; until then it is not unhandled.
    inFlight.catch(() => {});
  }
  await inFlight;
  if (committed !== run.totalRows)
    throw new AppError("conflict", "The file changed after it was checked: import it again");
}

async function finishCheck(
  db: Db,
  context: RequestContext,
  run: ImportRunRow,
  { totalRows, errors }: CheckResult,
): Promise<ImportRunRow> {
  const failed = errors.total > 0;
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(referralImportRuns)
      .set(
        failed
          ? { status: "failed", totalRows, errors: errors.stored(), finishedAt: new Date() }
          : { status: "importing", totalRows, errors: [] },
      )
      .where(eq(referralImportRuns.id, run.id))
      .returning();
    if (!updated) throw new Error("the import run disappeared");
    await recordAudit(tx, context, {
      action: failed ? "referral.import-failed" : "referral.import-checked",
      entityType: "referral-import",
      entityId: run.id,
      changes: {
        status: { before: "checking", after: updated.status },
        totalRows: { after: totalRows },
        ...(failed ? { errors: { after: errors.total } } : {}),
      },
    });
    return updated;
  });
}

async function reload(db: Db, id: string): Promise<ImportRunRow> {
  const [run] = await db.select().from(referralImportRuns).where(eq(referralImportRuns.id, id));
  if (!run) throw new Error("the import run disappeared");
  return run;
}

/** Runs (or resumes) an opened run to its end: completed, or failed with its errors. */
export async function runImport(
  db: Db,
  context: RequestContext,
  opened: ImportRunRow,
  file: ImportFile,
  options: ImportOptions = {},
): Promise<ImportRunView> {
  const actor = actorOf(context);
  const report = options.onProgress ?? (() => {});
  let run = opened;
  if (run.status === "checking") {
    run = await finishCheck(db, context, run, await checkFile(db, actor, file, report));
    if (run.status === "failed") return presentRun(run);
  }
  if (run.status === "importing" && run.totalRows !== null) {
    await importRows(
      db,
      context,
      { ...run, totalRows: run.totalRows },
      file,
      options.batchSize ?? defaultBatchSize,
      report,
    );
    run = await reload(db, run.id);
    // The planner's statistics describe the table before the import: after a large one, the
    // queue would be planned for a table a fraction of its size until autovacuum caught up.
    if (run.status === "completed" && run.createdCount >= analyseAfterRows)
      await db.execute(sql`ANALYZE referrals`);
  }
  return presentRun(run);
}

/**
 * Imports a referral file as the context's user: the one entry point of the CLI, the API (in
 * the background) and the benchmark. Importing a file whose import was interrupted resumes it.
 */
export async function importReferralFile(
  db: Db,
  context: RequestContext,
  file: ImportFile,
  options: ImportOptions = {},
): Promise<ImportRunView> {
  const sha256 = options.sha256 ?? (await sha256OfFile(file.path));
  const run = await openImportRun(db, context, file, sha256);
  return runImport(db, context, run, file, options);
}
