import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkShares,
  formatPence,
  formatShare,
  parsePercent,
  parsePounds,
  type ShareTree,
  splitByTree,
  splitPence,
} from "./money.ts";

const pounds = (amount: number) => amount * 100;

/** Shares in basis points that total exactly 100%: cut points on 0…10,000, no empty part. */
const sharesArbitrary = fc.uniqueArray(fc.integer({ min: 1, max: 9_999 }), { maxLength: 12 }).map((cuts) => {
  const points = [0, ...cuts.sort((a, b) => a - b), 10_000];
  return points.slice(1).map((point, index) => point - (points[index] ?? 0));
});
const totalArbitrary = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

describe("formatting pence as pounds", () => {
  it("groups thousands and shows the pence", () => {
    expect(formatPence(123_456_789)).toBe("£1,234,567.89");
    expect(formatPence(0)).toBe("£0.00");
    expect(formatPence(5)).toBe("£0.05");
    expect(formatPence(-123_450)).toBe("-£1,234.50");
  });

  it("drops .00 from whole pounds when asked, as board papers write them", () => {
    expect(formatPence(pounds(620_000), { wholePounds: "short" })).toBe("£620,000");
    expect(formatPence(4_120_050, { wholePounds: "short" })).toBe("£41,200.50");
  });

  it("refuses what is not a whole number of pence", () => {
    expect(() => formatPence(1.5)).toThrow(/whole number of pence/);
    expect(() => formatPence(2 ** 53)).toThrow(/whole number of pence/);
  });
});

describe("reading amounts people type", () => {
  it("reads pounds and pence exactly", () => {
    expect(parsePounds("£1,234.50")).toBe(123_450);
    expect(parsePounds("1234.5")).toBe(123_450);
    expect(parsePounds(" 250,000 ")).toBe(pounds(250_000));
    expect(parsePounds("0.29")).toBe(29);
    expect(parsePounds("1.")).toBe(100);
    expect(parsePounds("-£20")).toBe(-2_000);
  });

  it("refuses misplaced separators, extra decimals and words, saying why", () => {
    expect(() => parsePounds("1,23,4")).toThrow(/not an amount of money/);
    expect(() => parsePounds("12.345")).toThrow(/more than two decimal places/);
    expect(() => parsePounds("ten pounds")).toThrow(/not an amount of money/);
    expect(() => parsePounds("")).toThrow(/not an amount of money/);
    expect(() => parsePounds("999999999999999999")).toThrow(/too large/);
  });

  it("reads back every amount it formats", () => {
    fc.assert(fc.property(totalArbitrary, (pence) => parsePounds(formatPence(pence)) === pence));
  });
});

describe("shares", () => {
  it("are written and read as percentages to 0.01%", () => {
    expect(formatShare(5_700)).toBe("57%");
    expect(formatShare(9_950)).toBe("99.5%");
    expect(formatShare(3_333)).toBe("33.33%");
    expect(parsePercent("26.5%")).toBe(2_650);
    expect(parsePercent("57")).toBe(5_700);
    expect(() => parsePercent("33.333")).toThrow(/at most two decimal places/);
  });

  it("must total exactly 100%, and the message says by how much they miss", () => {
    expect(checkShares([5_700, 2_600, 1_700])).toBeNull();
    expect(checkShares([5_700, 2_600, 1_650])).toBe("Shares total 99.5%: they must total 100%");
    expect(checkShares([])).toMatch(/at least one share/);
    expect(checkShares([10_000, 0])).toMatch(/more than 0%/);
    expect(checkShares([50.5, 9_949.5])).toMatch(/more than 0%/);
  });
});

describe("splitting a total by shares", () => {
  it("splits the West Midlands regional contribution 57 / 26 / 17", () => {
    expect(splitPence(pounds(1_000_000), [5_700, 2_600, 1_700])).toEqual([
      pounds(570_000),
      pounds(260_000),
      pounds(170_000),
    ]);
  });

  it("splits an alliance-wide bid 69 / 31", () => {
    expect(splitPence(pounds(100_000), [6_900, 3_100])).toEqual([pounds(69_000), pounds(31_000)]);
    expect(splitPence(pounds(260_000), [6_900, 3_100])).toEqual([pounds(179_400), pounds(80_600)]);
  });

  it("gives leftover pennies to the largest remainders, and a tie to the part listed first", () => {
    // 100p in thirds: 33.33…p each, all remainders equal, so the first part gets the penny.
    expect(splitPence(100, [3_334, 3_333, 3_333])).toEqual([34, 33, 33]);
    expect(splitPence(100, [3_333, 3_334, 3_333])).toEqual([33, 34, 33]);
    expect(splitPence(1, [5_000, 5_000])).toEqual([1, 0]);
    // 1p at 57/26/17: exact shares 0.57, 0.26, 0.17 — the largest remainder is WMP's.
    expect(splitPence(1, [5_700, 2_600, 1_700])).toEqual([1, 0, 0]);
    // 2p: 1.14, 0.52, 0.34 — the one leftover penny goes to the 0.52.
    expect(splitPence(2, [5_700, 2_600, 1_700])).toEqual([1, 1, 0]);
  });

  it("works the example in docs/funding.md: £1,000,000.02 at 57 / 26 / 17, the Alliance's part at 69 / 31", () => {
    expect(splitPence(100_000_002, [5_700, 2_600, 1_700])).toEqual([57_000_001, 26_000_001, 17_000_000]);
    expect(splitPence(26_000_001, [6_900, 3_100])).toEqual([17_940_001, 8_060_000]);
  });

  it("mirrors a refund penny for penny", () => {
    expect(splitPence(-100, [3_334, 3_333, 3_333])).toEqual([-34, -33, -33]);
    expect(splitPence(0, [5_000, 5_000])).toEqual([0, 0]);
  });

  it("refuses shares that do not total 100% and totals that are not whole pence", () => {
    expect(() => splitPence(100, [5_000, 4_950])).toThrow("Shares total 99.5%: they must total 100%");
    expect(() => splitPence(10.5, [10_000])).toThrow(/whole number of pence/);
  });

  it("always adds up to the total exactly", () => {
    fc.assert(
      fc.property(
        totalArbitrary,
        sharesArbitrary,
        (total, shares) => sum(splitPence(total, shares)) === total,
      ),
    );
  });

  it("never gives a part of the opposite sign to the total, nor strays a penny from the exact share", () => {
    fc.assert(
      fc.property(totalArbitrary, sharesArbitrary, (total, shares) => {
        const parts = splitPence(total, shares);
        return parts.every((part, index) => {
          const exactTimesWhole = BigInt(total) * BigInt(shares[index] ?? 0);
          const distance = BigInt(part) * 10_000n - exactTimesWhole;
          const withinAPenny = distance > -10_000n && distance < 10_000n;
          return withinAPenny && (total >= 0 ? part >= 0 : part <= 0);
        });
      }),
    );
  });

  it("is deterministic, and a refund is the exact mirror of its charge", () => {
    fc.assert(
      fc.property(totalArbitrary, sharesArbitrary, (total, shares) => {
        const parts = splitPence(total, shares);
        expect(splitPence(total, shares)).toEqual(parts);
        expect(splitPence(-total, shares).map((part) => part + 0)).toEqual(parts.map((part) => -part + 0));
      }),
    );
  });

  it("reordering the parts moves pennies only between parts whose remainders tie", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: pounds(10_000_000) }),
        sharesArbitrary.chain((shares) =>
          fc.tuple(
            fc.constant(shares),
            fc.shuffledSubarray(
              shares.map((_, index) => index),
              {
                minLength: shares.length,
                maxLength: shares.length,
              },
            ),
          ),
        ),
        (total, [shares, order]) => {
          const original = splitPence(total, shares);
          const reordered = splitPence(
            total,
            order.map((index) => shares[index] ?? 0),
          );
          const remainder = (index: number) => (BigInt(total) * BigInt(shares[index] ?? 0)) % 10_000n;
          order.forEach((originalIndex, position) => {
            const before = original[originalIndex] ?? 0;
            const after = reordered[position] ?? 0;
            if (before === after) return;
            expect(Math.abs(before - after)).toBe(1);
            // Only possible when another part has exactly the same remainder.
            const tied = shares.some(
              (_, other) => other !== originalIndex && remainder(other) === remainder(originalIndex),
            );
            expect(tied).toBe(true);
          });
        },
      ),
    );
  });
});

describe("splitting through nested formulas", () => {
  const alliance: ShareTree<string, string> = {
    group: "Alliance",
    parts: [
      { share: 6_900, party: "West Mercia" },
      { share: 3_100, party: "Warwickshire" },
    ],
  };
  const westMidlandsRegion: ShareTree<string, string> = {
    group: "West Midlands region",
    parts: [
      { share: 5_700, party: "West Midlands Police" },
      { share: 2_600, nested: alliance },
      { share: 1_700, party: "Staffordshire" },
    ],
  };

  it("splits the parent first, then the nested formula, down to the forces", () => {
    expect(splitByTree(pounds(1_000_000), westMidlandsRegion)).toEqual([
      { party: "West Midlands Police", amount: pounds(570_000), via: [] },
      { party: "West Mercia", amount: pounds(179_400), via: ["Alliance"] },
      { party: "Warwickshire", amount: pounds(80_600), via: ["Alliance"] },
      { party: "Staffordshire", amount: pounds(170_000), via: [] },
    ]);
  });

  it("always adds up to the total through any nesting", () => {
    const treeArbitrary = fc.letrec<{ tree: ShareTree<number, number> }>((tie) => ({
      tree: fc
        .tuple(
          fc.nat(),
          sharesArbitrary,
          fc.array(fc.oneof({ maxDepth: 3, withCrossShrink: true }, fc.constant(null), tie("tree")), {
            minLength: 13,
            maxLength: 13,
          }),
        )
        .map(([group, shares, children]) => ({
          group,
          parts: shares.map((share, index) => {
            const child = children[index];
            return child ? { share, nested: child } : { share, party: index };
          }),
        })),
    })).tree;
    fc.assert(
      fc.property(totalArbitrary, treeArbitrary, (total, tree) => {
        const leaves = splitByTree(total, tree);
        return sum(leaves.map((leaf) => leaf.amount)) === total;
      }),
      { numRuns: 200 },
    );
  });
});
