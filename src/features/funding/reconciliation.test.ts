import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ShareTree } from "#src/lib/money.ts";
import {
  type ContributingPost,
  daysInFinancialYear,
  daysInPost,
  formatFte,
  parseFte,
  postCostInYear,
  reconcile,
  settle,
} from "./reconciliation.ts";

const pounds = (amount: number) => amount * 100;
const fullTime = 10_000;

// The West Midlands region: 57 / Alliance 26 (West Mercia 69, Warwickshire 31) / 17.
const alliance: ShareTree<string, string> = {
  group: "The Alliance",
  parts: [
    { share: 6_900, party: "West Mercia Police" },
    { share: 3_100, party: "Warwickshire Police" },
  ],
};
const region: ShareTree<string, string> = {
  group: "West Midlands ROCU",
  parts: [
    { share: 5_700, party: "West Midlands Police" },
    { share: 2_600, nested: alliance },
    { share: 1_700, party: "Staffordshire Police" },
  ],
};

const post = (
  party: string,
  annualPounds: number,
  fte: number,
  startsOn = "2018-04-01",
  endsOn: string | null = null,
) => ({
  party,
  annualCostPence: pounds(annualPounds),
  fteBasisPoints: fte,
  startsOn,
  endsOn,
});

/** The worked example of docs/funding.md, "Staffing contributions". */
const workedExample = [
  post("West Midlands Police", 60_000, fullTime),
  post("West Midlands Police", 45_000, fullTime),
  post("West Midlands Police", 36_000, 5_000),
  post("West Mercia Police", 40_000, fullTime),
  post("Warwickshire Police", 36_500, fullTime, "2018-10-01"),
  post("Staffordshire Police", 30_000, 6_000, "2017-09-01", "2019-08-31"),
];

const costed = (posts: typeof workedExample, year: number): ContributingPost<string>[] =>
  posts.map((each, index) => ({
    id: `post-${index + 1}`,
    party: each.party,
    fteBasisPoints: each.fteBasisPoints,
    costPence: postCostInYear(each, year),
  }));

describe("a post's cost in a financial year", () => {
  it("counts the days of the year in post, first and last day included", () => {
    expect(daysInFinancialYear(2018)).toBe(365);
    expect(daysInFinancialYear(2019)).toBe(366);
    expect(daysInPost({ startsOn: "2018-10-01", endsOn: null }, 2018)).toBe(182);
    expect(daysInPost({ startsOn: "2017-01-01", endsOn: "2018-04-01" }, 2018)).toBe(1);
    expect(daysInPost({ startsOn: "2019-04-01", endsOn: null }, 2018)).toBe(0);
    expect(daysInPost({ startsOn: "2016-01-01", endsOn: "2018-03-31" }, 2018)).toBe(0);
  });

  it("is the annual cost × FTE for a post filled all year, and pro rata by days otherwise", () => {
    expect(postCostInYear(post("x", 36_000, 5_000), 2018)).toBe(pounds(18_000));
    // £36,500 a year from 1 October: 182 of 365 days is £18,200.
    expect(postCostInYear(post("x", 36_500, fullTime, "2018-10-01"), 2018)).toBe(pounds(18_200));
    // The same dates in a leap financial year: 183 of 366 days.
    expect(postCostInYear(post("x", 36_600, fullTime, "2019-10-01"), 2019)).toBe(pounds(18_300));
    expect(postCostInYear(post("x", 36_000, fullTime, "2019-04-01"), 2018)).toBe(0);
  });

  it("rounds to the nearest penny, a half penny up", () => {
    // £30,000 × 0.5 × 100 / 365 days = 410,958.90p → £4,109.59.
    expect(postCostInYear(post("x", 30_000, 5_000, "2018-04-01", "2018-07-09"), 2018)).toBe(410_959);
    // 365p × 0.5 for 1 day of 365 is exactly half a penny: up to 1p.
    expect(
      postCostInYear(
        { annualCostPence: 365, fteBasisPoints: 5_000, startsOn: "2018-04-01", endsOn: "2018-04-01" },
        2018,
      ),
    ).toBe(1);
    // 364p × 0.5 for 1 day of 365 is 0.4986p: down to 0p.
    expect(
      postCostInYear(
        { annualCostPence: 364, fteBasisPoints: 5_000, startsOn: "2018-04-01", endsOn: "2018-04-01" },
        2018,
      ),
    ).toBe(0);
  });
});

describe("reconciling contributions with the formula", () => {
  it("works the documented example: Staffordshire owes the other three forces £15,864", () => {
    const result = reconcile(region, costed(workedExample, 2018), (party) => party);
    expect(result.totalPence).toBe(pounds(199_200));
    expect(
      result.rows.map((row) => [row.party, row.share, row.actualPence, row.duePence, row.balancePence]),
    ).toEqual([
      ["West Midlands Police", "57%", pounds(123_000), pounds(113_544), pounds(9_456)],
      ["West Mercia Police", "17.94%", pounds(40_000), 3_573_648, 426_352],
      ["Warwickshire Police", "8.06%", pounds(18_200), 1_605_552, 214_448],
      ["Staffordshire Police", "17%", pounds(18_000), pounds(33_864), -pounds(15_864)],
    ]);
    expect(result.rows[0]?.postIds).toEqual(["post-1", "post-2", "post-3"]);
    expect(result.rows[0]?.fteBasisPoints).toBe(25_000);
    expect(result.rows[1]?.via).toEqual(["The Alliance"]);
    expect(result.transfers).toEqual([
      { from: "Staffordshire Police", to: "West Midlands Police", amountPence: pounds(9_456) },
      { from: "Staffordshire Police", to: "West Mercia Police", amountPence: 426_352 },
      { from: "Staffordshire Police", to: "Warwickshire Police", amountPence: 214_448 },
    ]);
  });

  it("gives a contributor the formula has no share for that year nothing due, so it is owed all it paid", () => {
    const posts = [
      ...costed(workedExample, 2018),
      { id: "extra", party: "Metropolitan Police", fteBasisPoints: fullTime, costPence: pounds(800) },
    ];
    const result = reconcile(region, posts, (party) => party);
    const met = result.rows.at(-1);
    expect(met).toMatchObject({
      party: "Metropolitan Police",
      share: "0%",
      duePence: 0,
      balancePence: pounds(800),
    });
    expect(result.rows.reduce((sum, row) => sum + row.balancePence, 0)).toBe(0);
  });

  it("settles with nothing to transfer when every force paid its share", () => {
    const posts = [
      { id: "a", party: "West Midlands Police", fteBasisPoints: fullTime, costPence: pounds(57_000) },
      { id: "b", party: "West Mercia Police", fteBasisPoints: fullTime, costPence: pounds(17_940) },
      { id: "c", party: "Warwickshire Police", fteBasisPoints: fullTime, costPence: pounds(8_060) },
      { id: "d", party: "Staffordshire Police", fteBasisPoints: fullTime, costPence: pounds(17_000) },
    ];
    expect(reconcile(region, posts, (party) => party).transfers).toEqual([]);
  });

  it("counts settlement payments made: what is paid is no longer owed, and part payments leave the rest", () => {
    const payments = [
      { from: "Staffordshire Police", to: "West Midlands Police", amountPence: pounds(9_456) },
      { from: "Staffordshire Police", to: "West Mercia Police", amountPence: pounds(2_000) },
    ];
    const result = reconcile(region, costed(workedExample, 2018), (party) => party, payments);
    expect(result.rows.map((row) => [row.party, row.paidPence, row.receivedPence, row.balancePence])).toEqual(
      [
        ["West Midlands Police", 0, pounds(9_456), 0],
        ["West Mercia Police", 0, pounds(2_000), 226_352],
        ["Warwickshire Police", 0, 0, 214_448],
        ["Staffordshire Police", pounds(11_456), 0, -440_800],
      ],
    );
    // The actual and due are as before: payments settle the balance, they are not staff.
    expect(result.rows[3]).toMatchObject({ actualPence: pounds(18_000), duePence: pounds(33_864) });
    expect(result.transfers).toEqual([
      { from: "Staffordshire Police", to: "West Mercia Police", amountPence: 226_352 },
      { from: "Staffordshire Police", to: "Warwickshire Police", amountPence: 214_448 },
    ]);
  });
});

describe("settling balances", () => {
  it("uses the fewest transfers: pairs that cancel settle on their own", () => {
    // Greedy largest-first would need three transfers here; two pairs that cancel need two.
    expect(settle([-500, 300, -300, 500])).toEqual([
      { from: 0, to: 3, amountPence: 500 },
      { from: 2, to: 1, amountPence: 300 },
    ]);
  });

  it("lets the largest debt pay the largest credit, ties to the party listed first", () => {
    expect(settle([100, -100, 100, -100].map((balance) => balance * 2).concat([0]))).toEqual([
      { from: 1, to: 0, amountPence: 200 },
      { from: 3, to: 2, amountPence: 200 },
    ]);
    expect(settle([-300, 100, 100, 100])).toEqual([
      { from: 0, to: 1, amountPence: 100 },
      { from: 0, to: 2, amountPence: 100 },
      { from: 0, to: 3, amountPence: 100 },
    ]);
  });

  it("refuses balances that do not sum to zero", () => {
    expect(() => settle([100, -99])).toThrow("Balances must sum to zero, not 1p");
  });

  const balancesSummingToZero = fc
    .array(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), { minLength: 1, maxLength: 9 })
    .map((values) => [...values, -values.reduce((sum, value) => sum + value, 0)]);

  it("settles every balance exactly, each party only paying or only receiving, in at most n − 1 transfers", () => {
    fc.assert(
      fc.property(balancesSummingToZero, (balances) => {
        const transfers = settle(balances);
        const after = [...balances];
        for (const transfer of transfers) {
          expect(transfer.amountPence).toBeGreaterThan(0);
          expect(balances[transfer.from]).toBeLessThan(0);
          expect(balances[transfer.to]).toBeGreaterThan(0);
          after[transfer.from] = (after[transfer.from] ?? 0) + transfer.amountPence;
          after[transfer.to] = (after[transfer.to] ?? 0) - transfer.amountPence;
        }
        expect(after.every((balance) => balance === 0)).toBe(true);
        const open = balances.filter((balance) => balance !== 0).length;
        expect(transfers.length).toBeLessThanOrEqual(Math.max(open - 1, 0));
        expect(settle(balances)).toEqual(transfers);
      }),
    );
  });

  const shareTrees = fc.tuple(fc.integer({ min: 1, max: 9_999 }), fc.integer({ min: 1, max: 9_999 })).map(
    ([first, nested]): ShareTree<string, string> => ({
      group: "top",
      parts: [
        { share: first, party: "A" },
        {
          share: 10_000 - first,
          nested: {
            group: "nested",
            parts: [
              { share: nested, party: "B" },
              { share: 10_000 - nested, party: "C" },
            ],
          },
        },
      ],
    }),
  );
  const posts = fc.array(
    fc.record({
      id: fc.uuid(),
      party: fc.constantFrom("A", "B", "C", "D"),
      fteBasisPoints: fc.integer({ min: 1, max: fullTime }),
      costPence: fc.integer({ min: 0, max: 10_000_000_000 }),
    }),
    { maxLength: 20 },
  );
  const payments = fc.array(
    fc
      .record({
        from: fc.constantFrom("A", "B", "C", "D"),
        to: fc.constantFrom("A", "B", "C", "D"),
        amountPence: fc.integer({ min: 1, max: 10_000_000_000 }),
      })
      .filter((payment) => payment.from !== payment.to),
    { maxLength: 5 },
  );

  it("balances sum to zero and the transfers settle them exactly, whatever the posts and payments", () => {
    fc.assert(
      fc.property(shareTrees, posts, payments, (tree, contributing, paid) => {
        const result = reconcile(tree, contributing, (party) => party, paid);
        expect(result.rows.reduce((sum, row) => sum + row.balancePence, 0)).toBe(0);
        expect(result.rows.reduce((sum, row) => sum + row.duePence, 0)).toBe(result.totalPence);
        const settled = new Map(result.rows.map((row) => [row.party, row.balancePence]));
        for (const transfer of result.transfers) {
          settled.set(transfer.from, (settled.get(transfer.from) ?? 0) + transfer.amountPence);
          settled.set(transfer.to, (settled.get(transfer.to) ?? 0) - transfer.amountPence);
        }
        expect([...settled.values()].every((balance) => balance === 0)).toBe(true);
      }),
    );
  });
});

describe("full-time equivalents", () => {
  it("reads and writes FTE as people do, exactly", () => {
    expect([10_000, 5_000, 8_333, 25_000].map(formatFte)).toEqual(["1", "0.5", "0.8333", "2.5"]);
    expect(["1", "0.5", " 0.8333 ", "0.25"].map(parseFte)).toEqual([10_000, 5_000, 8_333, 2_500]);
    expect(() => parseFte("0.12345")).toThrow("is not a full-time equivalent");
    expect(() => parseFte("half")).toThrow("is not a full-time equivalent");
  });
});
