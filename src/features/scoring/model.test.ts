import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bandFor,
  defaultModelDefinition,
  type ModelDefinition,
  modelDefinition,
  type Ratings,
  ratingProblems,
  roundScore,
  scoreAssessment,
} from "./model.ts";

const rated = (values: Record<string, number>): Ratings =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { value }]));

/** The worked example of docs/scoring-model.md. */
const workedExample = {
  physical: 3,
  psychological: 2,
  financial: 3,
  community: 4,
  environmental: 0,
  "victim-vulnerability": 3,
  "geographic-scope": 2,
  likelihood: 3,
  confidence: 1,
  capacity: 2,
  capability: 3,
};

describe("scoring by hand", () => {
  it("scores the worked example of the documentation", () => {
    // harm: weights physical 2, the other four 1, so (2×3 + 2 + 3 + 4 + 0) / 6 = 15/6 = 2.5 of 4 → 0.625
    // vulnerability 3 of 4 → 0.75; scope 2 of 4 → 0.5
    // uplift = (1 + 0.5×0.75 + 0.5×0.5) / (1 + 0.5 + 0.5) = 1.625 / 2 = 0.8125
    // impact = 0.625 × 0.8125 = 0.5078125; likelihood 3 of 4 → risk = 0.5078125 × 0.75 = 0.380859375
    // confidence 1 of 2 → 0.5 → factor 0.8 + 0.2×0.5 = 0.9; score = 100 × 0.380859375 × 0.9 = 34.277… → 34.28
    const result = scoreAssessment(defaultModelDefinition, rated(workedExample));
    expect(result.score).toBe(34.28);
    expect(result.band).toBe("Medium");
    expect(result.missing).toEqual([]);
    expect(result.breakdown.groups.harm.level).toBe(0.625);
    expect(result.breakdown.impactUplift).toBe(0.8125);
    expect(result.breakdown.impact).toBe(0.5078125);
    expect(result.breakdown.risk).toBe(0.380859375);
    expect(result.breakdown.confidenceFactor).toBeCloseTo(0.9, 12);
    // Capacity 2 and capability 3 of 4: (0.5 + 0.75) / 2 = 0.625, reported but not in the score.
    expect(result.breakdown.groups["organisational-position"]).toEqual({
      level: 0.625,
      rated: 2,
      dimensions: 2,
      inScore: false,
    });
  });

  it("leaves organisational position out of the score", () => {
    const none = scoreAssessment(
      defaultModelDefinition,
      rated({ ...workedExample, capacity: 0, capability: 0 }),
    );
    const full = scoreAssessment(
      defaultModelDefinition,
      rated({ ...workedExample, capacity: 4, capability: 4 }),
    );
    expect(none.score).toBe(34.28);
    expect(full.score).toBe(34.28);
  });

  it("scores the top of every scale 100 and the bottom 0", () => {
    const top = Object.fromEntries(
      defaultModelDefinition.dimensions.map((item) => [item.key, item.scale.at(-1)?.value ?? 0]),
    );
    expect(scoreAssessment(defaultModelDefinition, rated(top))).toMatchObject({ score: 100, band: "High" });
    const bottom = Object.fromEntries(defaultModelDefinition.dimensions.map((item) => [item.key, 0]));
    expect(scoreAssessment(defaultModelDefinition, rated(bottom))).toMatchObject({ score: 0, band: "Low" });
  });

  it("scores what is rated, lists what is missing, and counts an unrated group at its bottom", () => {
    // harm: only physical rated, 4 of 4 → 1; vulnerability and scope unrated → 0, uplift = 1/2 = 0.5
    // likelihood 2 of 4 → 0.5; risk = 1 × 0.5 × 0.5 = 0.25; confidence unrated → factor 0.8 → 20.00
    const result = scoreAssessment(defaultModelDefinition, rated({ physical: 4, likelihood: 2 }));
    expect(result.score).toBe(20);
    expect(result.band).toBe("Low");
    expect(result.missing).toEqual([
      "psychological",
      "financial",
      "community",
      "environmental",
      "victim-vulnerability",
      "geographic-scope",
      "confidence",
      "capacity",
      "capability",
    ]);
    expect(result.breakdown.groups.harm).toMatchObject({ level: 1, rated: 1, dimensions: 5 });
  });

  it("treats a value off the scale as not rated", () => {
    const result = scoreAssessment(defaultModelDefinition, rated({ ...workedExample, physical: 7 }));
    expect(result.missing).toEqual(["physical"]);
  });
});

describe("bands at their edges", () => {
  const { bands } = defaultModelDefinition;

  it("puts a score exactly on a threshold in the band above", () => {
    expect(bandFor(bands, 60)).toBe("High");
    expect(bandFor(bands, 59.99)).toBe("Medium");
    expect(bandFor(bands, 30)).toBe("Medium");
    expect(bandFor(bands, 29.99)).toBe("Low");
    expect(bandFor(bands, 0)).toBe("Low");
    expect(bandFor(bands, 100)).toBe("High");
  });

  it("reaches exactly 60 by hand and bands it High, and Medium under a threshold of 60.01", () => {
    // harm all 4 → 1; vulnerability 2 and scope 2 of 4 → uplift (1 + 0.25 + 0.25) / 2 = 0.75
    // likelihood 4 → 1; confidence 0 (low) → factor 0.8; 100 × 1 × 0.75 × 1 × 0.8 = 60.00
    const ratings = rated({
      physical: 4,
      psychological: 4,
      financial: 4,
      community: 4,
      environmental: 4,
      "victim-vulnerability": 2,
      "geographic-scope": 2,
      likelihood: 4,
      confidence: 0,
    });
    expect(scoreAssessment(defaultModelDefinition, ratings)).toMatchObject({ score: 60, band: "High" });
    const stricter: ModelDefinition = {
      ...defaultModelDefinition,
      bands: [
        { band: "High", minScore: 60.01 },
        { band: "Medium", minScore: 30 },
        { band: "Low", minScore: 0 },
      ],
    };
    expect(scoreAssessment(stricter, ratings)).toMatchObject({ score: 60, band: "Medium" });
  });

  it("bands the rounded score, so 59.995 is 60.00 and High", () => {
    expect(roundScore(59.995)).toBe(60);
    expect(roundScore(59.9949)).toBe(59.99);
    expect(roundScore(34.27734375)).toBe(34.28);
  });
});

describe("model definitions", () => {
  const problemsOf = (definition: unknown) => {
    const parsed = modelDefinition.safeParse(definition);
    return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join("."));
  };
  const [first, second] = defaultModelDefinition.dimensions;
  if (!first || !second) throw new Error("the default model has dimensions");

  it("accepts the default model", () => {
    expect(problemsOf(defaultModelDefinition)).toEqual([]);
  });

  it("refuses weights that are not positive", () => {
    const dimensions = [{ ...first, weight: 0 }, ...defaultModelDefinition.dimensions.slice(1)];
    expect(problemsOf({ ...defaultModelDefinition, dimensions })).toEqual(["dimensions.0.weight"]);
  });

  it("refuses a key used twice", () => {
    const dimensions = [...defaultModelDefinition.dimensions, { ...second, key: first.key }];
    expect(problemsOf({ ...defaultModelDefinition, dimensions })).toEqual([
      `dimensions.${dimensions.length - 1}.key`,
    ]);
  });

  it("refuses thresholds that do not go down, or a lowest band above 0", () => {
    expect(
      problemsOf({
        ...defaultModelDefinition,
        bands: [
          { band: "Medium", minScore: 30 },
          { band: "High", minScore: 60 },
          { band: "Low", minScore: 0 },
        ],
      }),
    ).toEqual(["bands.1.minScore"]);
    expect(
      problemsOf({
        ...defaultModelDefinition,
        bands: [
          { band: "High", minScore: 60 },
          { band: "Low", minScore: 10 },
        ],
      }),
    ).toEqual(["bands.1.minScore"]);
  });

  it("refuses scales that do not go up, and a model without likelihood", () => {
    const scale = [...first.scale].reverse();
    expect(
      problemsOf({
        ...defaultModelDefinition,
        dimensions: [{ ...first, scale }, ...defaultModelDefinition.dimensions.slice(1)],
      }),
    ).toContain("dimensions.0.scale.1.value");
    expect(
      problemsOf({
        ...defaultModelDefinition,
        dimensions: defaultModelDefinition.dimensions.filter((item) => item.group !== "likelihood"),
      }),
    ).toEqual(["dimensions"]);
  });

  it("is installed by migration 0004 exactly as defaultModelDefinition", () => {
    const script = readFileSync(
      new URL("../../../migrations/0004_default_scoring_model.sql", import.meta.url),
      "utf8",
    );
    const literal = /'(\{[\s\S]*\})'::jsonb/.exec(script)?.[1];
    expect(literal).toBeDefined();
    expect(JSON.parse((literal ?? "").replaceAll("''", "'"))).toEqual(defaultModelDefinition);
  });
});

describe("rating problems", () => {
  it("names the field of a value off the scale and of an unknown dimension", () => {
    expect(
      ratingProblems(
        defaultModelDefinition,
        { physical: { value: 9 }, typo: { value: 1 } },
        { complete: false },
      ),
    ).toEqual([
      { field: "ratings.typo", message: "typo is not a dimension of this model" },
      {
        field: "ratings.physical.value",
        message:
          "Choose a value on the scale of Physical harm: 0 (None), 1 (Low), 2 (Moderate), 3 (Substantial), 4 (Critical)",
      },
    ]);
  });

  it("needs every dimension rated with a rationale to finalise", () => {
    const ratings = Object.fromEntries(
      Object.entries(workedExample).map(([key, value]) => [
        key,
        { value, rationale: "seen in intelligence" },
      ]),
    );
    expect(ratingProblems(defaultModelDefinition, ratings, { complete: true })).toEqual([]);
    const { capability: _, ...withoutCapability } = ratings;
    const problems = ratingProblems(
      defaultModelDefinition,
      { ...withoutCapability, physical: { value: 3, rationale: "  " } },
      { complete: true },
    );
    expect(problems.map((problem) => problem.field)).toEqual([
      "ratings.physical.rationale",
      "ratings.capability.value",
    ]);
  });
});

describe("properties", () => {
  const ratingsOf = (definition: ModelDefinition) =>
    fc.record(
      Object.fromEntries(
        definition.dimensions.map((item) => [
          item.key,
          fc.constantFrom(...item.scale.map((point) => point.value)).map((value) => ({ value })),
        ]),
      ),
    );
  const weighted = fc
    .tuple(
      fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), {
        minLength: defaultModelDefinition.dimensions.length,
        maxLength: defaultModelDefinition.dimensions.length,
      }),
      fc.double({ min: 0, max: 3, noNaN: true }),
      fc.double({ min: 0, max: 3, noNaN: true }),
      fc.double({ min: 0.01, max: 1, noNaN: true }),
    )
    .map(
      ([weights, vulnerabilityUplift, scopeUplift, lowestConfidenceFactor]): ModelDefinition => ({
        ...defaultModelDefinition,
        dimensions: defaultModelDefinition.dimensions.map((item, index) => ({
          ...item,
          weight: weights[index] ?? 1,
        })),
        formula: { vulnerabilityUplift, scopeUplift, lowestConfidenceFactor },
      }),
    );

  it("keeps every score within 0 to 100, and never lowers it when a harm rating rises", () => {
    fc.assert(
      fc.property(
        weighted.chain((definition) => fc.tuple(fc.constant(definition), ratingsOf(definition))),
        ([definition, ratings]) => {
          const { score, band } = scoreAssessment(definition, ratings);
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(100);
          expect(band).toBe(bandFor(definition.bands, score));
          for (const item of definition.dimensions.filter((candidate) => candidate.group === "harm")) {
            const current = ratings[item.key]?.value ?? 0;
            const higher = item.scale.find((point) => point.value > current);
            if (!higher) continue;
            const raised = scoreAssessment(definition, { ...ratings, [item.key]: { value: higher.value } });
            expect(raised.score, item.key).toBeGreaterThanOrEqual(score);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
