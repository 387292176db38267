// Which crime references a file has had so far, in about 12 bytes a row instead of the ~120 a
// Map of strings costs: a million-row file must be checked in bounded memory. The table holds a
// 52-bit hash of each reference and the line it was first seen on. Two references can share a
// hash, so a hit is only a candidate; the caller confirms candidates exactly (see checkFile).

/** Two 32-bit FNV-1a hashes with different offsets, as one 52-bit integer (exact in a double). */
export function referenceHash(reference: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let index = 0; index < reference.length; index++) {
    const code = reference.charCodeAt(index);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) >>> 12);
}

/** An open-addressing set of hashes with the line each was first seen on; it grows as needed. */
export class SeenReferences {
  private hashes = new Float64Array(1 << 16);
  private lines = new Int32Array(1 << 16);
  private count = 0;

  /**
   * Records the hash on this line, or returns the line it was first seen on (the hash is then
   * not recorded again).
   */
  firstLineOf(hash: number, line: number): number | null {
    const mask = this.hashes.length - 1;
    // Slot 0 marks an empty slot, so the hash is stored plus one.
    const stored = hash + 1;
    for (let slot = hash % this.hashes.length; ; slot = (slot + 1) & mask) {
      const found = this.hashes[slot];
      if (found === stored) return this.lines[slot] ?? null;
      if (found === 0) {
        this.hashes[slot] = stored;
        this.lines[slot] = line;
        if (++this.count * 2 > this.hashes.length) this.grow();
        return null;
      }
    }
  }

  private grow(): void {
    const { hashes, lines } = this;
    this.hashes = new Float64Array(hashes.length * 2);
    this.lines = new Int32Array(lines.length * 2);
    this.count = 0;
    hashes.forEach((stored, slot) => {
      if (stored !== 0) this.firstLineOf(stored - 1, lines[slot] ?? 0);
    });
  }
}
