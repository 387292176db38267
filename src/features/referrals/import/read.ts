// Streams an import file from disk one row at a time, in constant memory: CSV through
// csv-parse, JSON Lines line by line, both over the UTF-8 check in utf8.ts. Both passes of an
// import read the file through here, so they count rows and lines the same way.

import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CsvError, parse } from "csv-parse";
import type { ImportLineError } from "#src/db/schema.ts";
import { type CsvColumn, type RowResult, readCsvHeader, readCsvRow, readJsonLine } from "./rows.ts";
import { LineTooLongError, NotUtf8Error, readUtf8Blocks, type TextBlock } from "./utf8.ts";

export const importFormats = ["csv", "jsonl"] as const;
export type ImportFormat = (typeof importFormats)[number];

/** A referral is a few kilobytes: a row this long is a quote never closed, or not a referral file. */
export const maxRowBytes = 1024 * 1024;

/** A problem with the file as a whole: reading stops, and these are its errors. */
export class FileProblem extends Error {
  constructor(readonly errors: ImportLineError[]) {
    super(errors[0]?.message ?? "The file cannot be read");
    this.name = "FileProblem";
  }
}

export interface FileRow {
  /** The row's first line in the file (CSV: the header is line 1). */
  line: number;
  result: RowResult;
}

export interface ReadCounter {
  bytesRead: number;
}

const fileError = (line: number, message: string) => new FileProblem([{ line, field: "file", message }]);

/** What went wrong, in words for someone who made the file in a spreadsheet. */
const csvProblems: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted cell is never closed",
  INVALID_OPENING_QUOTE: "a quote mark starts in the middle of a cell",
  CSV_INVALID_CLOSING_QUOTE: "a quoted cell has text after its closing quote",
  CSV_MAX_RECORD_SIZE: "the row is longer than 1 MiB: check for a quote that is never closed",
};

async function* counted(path: string, counter: ReadCounter): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    counter.bytesRead += (chunk as Buffer).length;
    yield chunk as Buffer;
  }
}

async function* blocksOf(path: string, counter: ReadCounter): AsyncGenerator<TextBlock> {
  try {
    yield* readUtf8Blocks(counted(path, counter), maxRowBytes);
  } catch (error) {
    if (error instanceof NotUtf8Error)
      throw fileError(
        error.line,
        `Line ${error.line} is not UTF-8 text: save the file as "CSV UTF-8" (or UTF-8 text) and import it again`,
      );
    if (error instanceof LineTooLongError)
      throw fileError(
        error.line,
        `Line ${error.line} is longer than 1 MiB: check for a quote that is never closed`,
      );
    throw error;
  }
}

async function* readCsv(path: string, counter: ReadCounter): AsyncGenerator<FileRow> {
  const parser = parse({
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: maxRowBytes,
  });
  async function* texts() {
    for await (const block of blocksOf(path, counter)) yield block.text;
  }
  // The parser is read below while this feeds it; its failure surfaces through the loop.
  const feeding = pipeline(Readable.from(texts()), parser).catch(() => undefined);
  let columns: CsvColumn[] | null = null;
  // Where the next record starts: after the last one ended and any blank lines skipped since.
  let lastEnd = 0;
  let blankLinesBefore = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number; empty_lines: number };
    }>) {
      const line = lastEnd + 1 + (info.empty_lines - blankLinesBefore);
      lastEnd = info.lines;
      blankLinesBefore = info.empty_lines;
      if (!columns) {
        const header = readCsvHeader(record);
        if (!header.ok) throw new FileProblem(header.errors);
        columns = header.columns;
        continue;
      }
      // A row a spreadsheet leaves behind with every cell empty holds nothing to import.
      if (record.every((cell) => cell.trim() === "")) continue;
      yield { line, result: readCsvRow(line, columns, record) };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = lastEnd + 1;
      const problem = csvProblems[error.code] ?? error.message;
      throw fileError(line, `The file is not valid CSV from line ${line}: ${problem}`);
    }
    throw error;
  } finally {
    parser.destroy();
    await feeding;
  }
  if (!columns)
    throw fileError(1, "The file is empty: it needs a header row naming the columns, as in the template");
}

async function* readJsonLines(path: string, counter: ReadCounter): AsyncGenerator<FileRow> {
  for await (const block of blocksOf(path, counter)) {
    const lines = block.text.split("\n");
    // A block ends with a newline, so the split leaves one empty string after it.
    if (lines.at(-1) === "") lines.pop();
    for (const [offset, text] of lines.entries()) {
      if (text.trim() === "") continue;
      const line = block.firstLine + offset;
      yield { line, result: readJsonLine(line, text) };
    }
  }
}

/**
 * Reads an import file row by row. Problems of a single row are in its result; a problem with
 * the file as a whole (not UTF-8, not CSV, wrong header) ends the reading with a FileProblem.
 */
export function readImportFile(
  path: string,
  format: ImportFormat,
  counter: ReadCounter,
): AsyncGenerator<FileRow> {
  return format === "csv" ? readCsv(path, counter) : readJsonLines(path, counter);
}
