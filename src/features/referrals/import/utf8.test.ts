import { describe, expect, it } from "vitest";
import { LineTooLongError, NotUtf8Error, readUtf8Blocks } from "./utf8.ts";

async function* chunks(...parts: (string | number[])[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === "string" ? Buffer.from(part) : Uint8Array.from(part);
}

async function read(source: AsyncIterable<Uint8Array>, maxLineBytes = 1024) {
  const blocks = [];
  for await (const block of readUtf8Blocks(source, maxLineBytes)) blocks.push(block);
  return blocks;
}

describe("reading UTF-8 a block of whole lines at a time", () => {
  it("cuts after the last newline of each chunk and numbers each block's first line", async () => {
    const blocks = await read(chunks("a,b\nc", ",d\ne,f\n", "g"));
    expect(blocks).toEqual([
      { text: "a,b\n", firstLine: 1 },
      { text: "c,d\ne,f\n", firstLine: 2 },
      { text: "g", firstLine: 4 },
    ]);
  });

  it("keeps a character split between chunks whole, and drops a leading byte order mark", async () => {
    const pound = [...Buffer.from("£")];
    const blocks = await read(
      chunks([0xef, 0xbb, 0xbf, ...Buffer.from("x\n"), pound[0] ?? 0], [pound[1] ?? 0, 0x0a]),
    );
    expect(blocks.map((block) => block.text).join("")).toBe("x\n£\n");
  });

  it("names the first line that is not UTF-8", async () => {
    // 0xA3 is "£" in Windows-1252, and no UTF-8 character on its own.
    const source = chunks("header\nfine\n", [...Buffer.from("cost "), 0xa3, ...Buffer.from("5\nmore\n")]);
    await expect(read(source)).rejects.toEqual(new NotUtf8Error(3));
  });

  it("refuses a line longer than the limit instead of holding it", async () => {
    await expect(read(chunks("ok\n", "x".repeat(600), "x".repeat(600)), 1000)).rejects.toBeInstanceOf(
      LineTooLongError,
    );
  });
});
