import { describe, expect, it } from "vitest";
import { referenceHash, SeenReferences } from "./seen.ts";

describe("remembering the crime references of a file", () => {
  it("gives the line a reference was first seen on, across many growths of the table", () => {
    const seen = new SeenReferences();
    for (let line = 2; line < 200_002; line++)
      expect(seen.firstLineOf(referenceHash(`NFRC${line}`), line)).toBeNull();
    expect(seen.firstLineOf(referenceHash("NFRC2"), 300_000)).toBe(2);
    expect(seen.firstLineOf(referenceHash("NFRC200001"), 300_001)).toBe(200_001);
    expect(seen.firstLineOf(referenceHash("NFRC200002"), 300_002)).toBeNull();
  });

  it("hashes to a whole number that a double holds exactly, the same each time", () => {
    const hash = referenceHash("NFRC260406000101");
    expect(Number.isSafeInteger(hash)).toBe(true);
    expect(referenceHash("NFRC260406000101")).toBe(hash);
    expect(referenceHash("NFRC260406000102")).not.toBe(hash);
  });
});
