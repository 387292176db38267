// The import's second pass, reading side: reads the checked file again, validates and prepares
// each row and stages it (ingest.ts) in batches, so that the transaction storing a batch does
// little more than ask the database while the next batch is staged here.

import { type Classification, highestClassification } from "#src/auth/vocabulary.ts";
import { AppError } from "#src/lib/errors.ts";
import { ReferralStager, type StageContext, type StagedRows } from "../ingest.ts";
import { prepareReferral } from "../intake.ts";
import { type ImportFormat, readImportFile } from "./read.ts";

export interface StagedFileBatch {
  firstLine: number;
  lastLine: number;
  /** The highest classification in the batch, for its audit event. */
  classification: Classification;
  context: StageContext;
  rowCount: number;
  rows: StagedRows;
}

/**
 * How often staging stops to let the transaction in flight hear from the database: reading a
 * buffered file only ever waits on promises already settled, which would hold back the
 * database's answers (and so the next batch's turn) until a whole file chunk was parsed.
 */
const rowsBetweenPauses = 25;
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The checked file's batches from row `skipRows` on, staged, in file order. */
export async function* stagedBatches(
  file: { path: string; format: ImportFormat },
  {
    skipRows,
    batchSize,
    context,
  }: { skipRows: number; batchSize: number; context: Omit<StageContext, "receivedAt"> },
): AsyncGenerator<StagedFileBatch> {
  const newStager = () => new ReferralStager({ ...context, receivedAt: new Date() });
  let stager = newStager();
  let firstLine = 0;
  let lastLine = 0;
  let classification: Classification = "OFFICIAL";
  const batch = (): StagedFileBatch => {
    const { context, rows } = stager.batch();
    return { firstLine, lastLine, classification, context, rowCount: stager.size, rows };
  };
  let index = 0;
  for await (const row of readImportFile(file.path, file.format, { bytesRead: 0 })) {
    if (index++ < skipRows) continue;
    if (index % rowsBetweenPauses === 0) await pause();
    // The file was checked and is the same by its hash: a row failing now means it changed on disk.
    if (!row.result.ok)
      throw new AppError("conflict", `Line ${row.line} changed after the file was checked: import it again`);
    if (stager.size === 0) firstLine = row.line;
    lastLine = row.line;
    classification = highestClassification(classification, row.result.input.classification);
    stager.add(prepareReferral(row.result.input));
    if (stager.size >= batchSize) {
      yield batch();
      stager = newStager();
      classification = "OFFICIAL";
    }
  }
  if (stager.size > 0) yield batch();
}
