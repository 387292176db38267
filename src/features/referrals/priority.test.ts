import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bandForScore,
  defaultTriageWeights,
  type ReferralFacts,
  scoreReferral,
  type TriageWeights,
  triageWeights,
  vulnerabilityLevels,
} from "./priority.ts";

const quiet: ReferralFacts = {
  vulnerability: "none",
  lossPounds: 0,
  harmOngoing: false,
  repeatVictim: false,
  usableIdentifiers: 0,
};

const scoreOf = (facts: Partial<ReferralFacts>) =>
  scoreReferral({ ...quiet, ...facts }, defaultTriageWeights);

describe("triage priority by hand", () => {
  it("scores a vulnerable repeat victim of a large, ongoing fraud", () => {
    // high vulnerability 30; £25,000 is in "£10,000 to under £100,000" 18; ongoing 15; repeat 10;
    // 2 identifiers × 5 = 10. 30 + 18 + 15 + 10 + 10 = 83 → P1 (60 or more).
    const result = scoreOf({
      vulnerability: "high",
      lossPounds: 25_000,
      harmOngoing: true,
      repeatVictim: true,
      usableIdentifiers: 2,
    });
    expect(result).toEqual({
      score: 83,
      band: "P1",
      reasons: [
        { factor: "vulnerability", label: "High vulnerability", points: 30 },
        { factor: "loss", label: "£10,000 to under £100,000", points: 18 },
        { factor: "harm-ongoing", label: "Harm is ongoing", points: 15 },
        { factor: "repeat-victim", label: "Repeat victim", points: 10 },
        { factor: "solvability", label: "2 usable suspect identifiers", points: 10 },
      ],
    });
  });

  it("scores a small one-off loss with one identifier", () => {
    // some vulnerability 15; £250 is "Under £1,000" 5; 1 identifier 5. 15 + 5 + 5 = 25 → P3 (20–39.99).
    const result = scoreOf({ vulnerability: "some", lossPounds: 250, usableIdentifiers: 1 });
    expect(result.score).toBe(25);
    expect(result.band).toBe("P3");
    expect(result.reasons.find((reason) => reason.factor === "solvability")?.label).toBe(
      "1 usable suspect identifier",
    );
  });

  it("scores a referral with nothing to weigh 0, P4, and still lists every factor", () => {
    const result = scoreOf({});
    expect(result.score).toBe(0);
    expect(result.band).toBe("P4");
    expect(result.reasons.map((reason) => reason.points)).toEqual([0, 0, 0, 0, 0]);
    expect(result.reasons[1]?.label).toBe("No loss");
  });

  it("scores the top of every factor 100", () => {
    // 30 + 25 + 15 + 10 + 4 × 5 = 100
    const result = scoreOf({
      vulnerability: "high",
      lossPounds: 2_000_000,
      harmOngoing: true,
      repeatVictim: true,
      usableIdentifiers: 4,
    });
    expect(result).toMatchObject({ score: 100, band: "P1" });
  });

  it("caps solvability at the counted maximum and says so", () => {
    // 9 identifiers count as 4: 4 × 5 = 20.
    const solvability = scoreOf({ usableIdentifiers: 9 }).reasons.at(-1);
    expect(solvability).toEqual({
      factor: "solvability",
      label: "9 usable suspect identifiers (counted up to 4)",
      points: 20,
    });
  });

  it("puts a loss exactly on a band boundary into the band above", () => {
    expect(scoreOf({ lossPounds: 0.01 }).reasons[1]).toMatchObject({ label: "Under £1,000", points: 5 });
    expect(scoreOf({ lossPounds: 999.99 }).reasons[1]).toMatchObject({ points: 5 });
    expect(scoreOf({ lossPounds: 1_000 }).reasons[1]).toMatchObject({
      label: "£1,000 to under £10,000",
      points: 10,
    });
    expect(scoreOf({ lossPounds: 9_999.99 }).reasons[1]).toMatchObject({ points: 10 });
    expect(scoreOf({ lossPounds: 10_000 }).reasons[1]).toMatchObject({ points: 18 });
    expect(scoreOf({ lossPounds: 99_999.99 }).reasons[1]).toMatchObject({ points: 18 });
    expect(scoreOf({ lossPounds: 100_000 }).reasons[1]).toMatchObject({
      label: "£100,000 or more",
      points: 25,
    });
  });

  it("bands on the thresholds: 59.99 is P2, 60 is P1", () => {
    const { thresholds } = defaultTriageWeights;
    expect(bandForScore(thresholds, 60)).toBe("P1");
    expect(bandForScore(thresholds, 59.99)).toBe("P2");
    expect(bandForScore(thresholds, 40)).toBe("P2");
    expect(bandForScore(thresholds, 39.99)).toBe("P3");
    expect(bandForScore(thresholds, 20)).toBe("P3");
    expect(bandForScore(thresholds, 19.99)).toBe("P4");
  });

  it("reaches 59.99 and 60 through decimal weights and bands them apart", () => {
    // high vulnerability 29.99 + ongoing 15 + repeat 15 = 59.99 → P2; with a £1 loss (+0.01) = 60 → P1.
    const weights: TriageWeights = {
      ...defaultTriageWeights,
      vulnerability: { none: 0, some: 10, high: 29.99 },
      lossBands: [
        { minPounds: 0, label: "No loss", points: 0 },
        { minPounds: 0.01, label: "Any loss", points: 0.01 },
      ],
      repeatVictim: 15,
    };
    expect(triageWeights.parse(weights)).toEqual(weights);
    const facts: ReferralFacts = { ...quiet, vulnerability: "high", harmOngoing: true, repeatVictim: true };
    expect(scoreReferral(facts, weights)).toMatchObject({ score: 59.99, band: "P2" });
    expect(scoreReferral({ ...facts, lossPounds: 1 }, weights)).toMatchObject({ score: 60, band: "P1" });
  });
});

describe("triage weights as data", () => {
  it("accepts the defaults", () => {
    expect(triageWeights.parse(defaultTriageWeights)).toEqual(defaultTriageWeights);
  });

  const messages = (weights: unknown) => {
    const result = triageWeights.safeParse(weights);
    return result.success ? [] : result.error.issues.map((issue) => issue.message);
  };

  it("refuses weights that could score over 100", () => {
    expect(messages({ ...defaultTriageWeights, harmOngoing: 16 })).toEqual([
      "The highest possible score is 101; weights must allow at most 100",
    ]);
  });

  it("refuses weights under which more vulnerability or more loss scores less", () => {
    expect(messages({ ...defaultTriageWeights, vulnerability: { none: 0, some: 20, high: 10 } })).toEqual([
      "Vulnerability points must not go down from none to some to high",
    ]);
    const lossBands = [
      { minPounds: 0, label: "No loss", points: 10 },
      { minPounds: 1, label: "Any loss", points: 5 },
    ];
    expect(messages({ ...defaultTriageWeights, lossBands })).toEqual([
      "A larger loss band must not score fewer points",
    ]);
  });

  it("refuses loss bands out of order or not starting at £0, and thresholds out of order", () => {
    const lossBands = [
      { minPounds: 5, label: "Some", points: 0 },
      { minPounds: 1, label: "Less", points: 0 },
    ];
    expect(messages({ ...defaultTriageWeights, lossBands })).toEqual([
      "The first loss band starts at £0",
      "List loss bands from the lowest; each minimum above the one before",
    ]);
    expect(messages({ ...defaultTriageWeights, thresholds: { P1: 40, P2: 60, P3: 20 } })).toEqual([
      "Thresholds must go down from P1 to P2 to P3",
    ]);
  });

  it("refuses points with more than 2 decimal places", () => {
    expect(messages({ ...defaultTriageWeights, harmOngoing: 14.999 })).toEqual([
      "Points have at most 2 decimal places",
    ]);
  });
});

describe("triage priority properties", () => {
  const facts = fc.record({
    vulnerability: fc.constantFrom(...vulnerabilityLevels),
    lossPounds: fc.oneof(
      fc.constantFrom(0, 0.01, 999.99, 1_000, 10_000, 100_000),
      fc.double({ min: 0, max: 1e9, noNaN: true }),
    ),
    harmOngoing: fc.boolean(),
    repeatVictim: fc.boolean(),
    usableIdentifiers: fc.nat({ max: 20 }),
  });

  it("scores within 0–100, to 2 decimals, with reasons adding up to the score", () => {
    fc.assert(
      fc.property(facts, (item) => {
        const result = scoreReferral(item, defaultTriageWeights);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        expect(Math.round(result.score * 100) / 100).toBe(result.score);
        const sum = result.reasons.reduce((total, reason) => total + reason.points, 0);
        expect(Math.round(sum * 100) / 100).toBe(result.score);
        expect(result.band).toBe(bandForScore(defaultTriageWeights.thresholds, result.score));
      }),
    );
  });

  it("never lowers the score for more loss or more vulnerability", () => {
    const rank = (level: (typeof vulnerabilityLevels)[number]) => vulnerabilityLevels.indexOf(level);
    fc.assert(
      fc.property(
        facts,
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.constantFrom(...vulnerabilityLevels),
        (item, extraLoss, level) => {
          const before = scoreReferral(item, defaultTriageWeights).score;
          const moreLoss = { ...item, lossPounds: item.lossPounds + extraLoss };
          expect(scoreReferral(moreLoss, defaultTriageWeights).score).toBeGreaterThanOrEqual(before);
          const higher = rank(level) >= rank(item.vulnerability) ? level : item.vulnerability;
          expect(
            scoreReferral({ ...item, vulnerability: higher }, defaultTriageWeights).score,
          ).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });
});
