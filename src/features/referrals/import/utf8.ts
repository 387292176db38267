// Turns a file's bytes into text a block of whole lines at a time, refusing anything that is not
// UTF-8 and saying on which line it stopped: a spreadsheet saved as "CSV (Windows-1252)" would
// otherwise import with its £ signs and accents silently garbled.

/** The file is not UTF-8: the first line holding bytes that are not. */
export class NotUtf8Error extends Error {
  constructor(readonly line: number) {
    super(`Line ${line} is not UTF-8 text`);
    this.name = "NotUtf8Error";
  }
}

/** A line too long to be a referral: almost always a quote that is never closed. */
export class LineTooLongError extends Error {
  constructor(
    readonly line: number,
    readonly maxBytes: number,
  ) {
    super(`Line ${line} is longer than ${maxBytes} bytes`);
    this.name = "LineTooLongError";
  }
}

export interface TextBlock {
  /** Whole lines, each ending in "\n" except perhaps the file's last. */
  text: string;
  /** The file line number of the block's first line (the file's first line is 1). */
  firstLine: number;
}

const newline = 0x0a;
const byteOrderMark = "\ufeff";

function countNewlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) count++;
  return count;
}

/** Finds the first line of a block that does not decode, to name it in the error. */
function firstBadLine(block: Uint8Array, firstLine: number): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let start = 0;
  for (let line = firstLine; ; line++) {
    const end = block.indexOf(newline, start);
    try {
      decoder.decode(block.subarray(start, end === -1 ? block.length : end));
    } catch {
      return line;
    }
    if (end === -1) return line;
    start = end + 1;
  }
}

/**
 * Yields the source's text in blocks of whole lines, so memory stays bounded by the chunk size
 * (and maxLineBytes for a line longer than a chunk). A newline byte never occurs inside a
 * multi-byte UTF-8 character, so a block cut after one always decodes on its own.
 */
export async function* readUtf8Blocks(
  source: AsyncIterable<Uint8Array>,
  maxLineBytes: number,
): AsyncGenerator<TextBlock> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  let pending: Uint8Array = new Uint8Array(0);
  let line = 1;
  let atStart = true;
  const decode = (block: Uint8Array): TextBlock => {
    let text: string;
    try {
      text = decoder.decode(block);
    } catch {
      throw new NotUtf8Error(firstBadLine(block, line));
    }
    // Spreadsheets often begin UTF-8 files with a byte order mark: it is not part of the header.
    if (atStart && text.startsWith(byteOrderMark)) text = text.slice(1);
    atStart = false;
    const result = { text, firstLine: line };
    line += countNewlines(text);
    return result;
  };
  for await (const chunk of source) {
    const lastNewline = chunk.lastIndexOf(newline);
    if (lastNewline === -1) {
      pending = Buffer.concat([pending, chunk]);
      if (pending.length > maxLineBytes) throw new LineTooLongError(line, maxLineBytes);
      continue;
    }
    const block = Buffer.concat([pending, chunk.subarray(0, lastNewline + 1)]);
    pending = chunk.subarray(lastNewline + 1);
    yield decode(block);
  }
  if (pending.length > 0) yield decode(pending);
}
