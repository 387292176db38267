// The triage priority of a referral: points per factor, read from weights kept as data (so they
// can be stored and changed without a release), added up to a score of 0–100 and banded P1–P4.
// Every factor is listed in the reasons with its points, so the queue can show why a referral
// scored what it did; the points add up to the score. docs/cyber.md describes the defaults.

import { z } from "zod";

export const priorityBands = ["P1", "P2", "P3", "P4"] as const;
export type PriorityBand = (typeof priorityBands)[number];

export const vulnerabilityLevels = ["none", "some", "high"] as const;
export type VulnerabilityLevel = (typeof vulnerabilityLevels)[number];

// Points in whole hundredths, so the reasons shown add up exactly to the score.
const points = z
  .number()
  .min(0, "Points are 0 or more")
  .max(100, "Points are at most 100")
  .refine((value) => Math.round(value * 100) / 100 === value, "Points have at most 2 decimal places");
const label = z.string().trim().min(1, "Give a label").max(100);

export const triageWeights = z
  .strictObject({
    vulnerability: z.strictObject({
      none: points,
      some: points,
      high: points,
    }),
    /** From the lowest; a loss falls in the last band whose minimum it reaches. */
    lossBands: z
      .array(z.strictObject({ minPounds: z.number().min(0), label, points }))
      .min(1, "Give at least one loss band")
      .max(20),
    harmOngoing: points,
    repeatVictim: points,
    solvability: z.strictObject({
      pointsPerIdentifier: points,
      maxIdentifiers: z.number().int().min(0).max(50),
    }),
    /** Lowest score of each band; a score reaching none of them is P4. */
    thresholds: z.strictObject({ P1: points, P2: points, P3: points }),
  })
  .superRefine((weights, context) => {
    const { none, some, high } = weights.vulnerability;
    // More vulnerability or more loss must never lower a referral's priority.
    if (!(none <= some && some <= high))
      context.addIssue({
        code: "custom",
        path: ["vulnerability"],
        message: "Vulnerability points must not go down from none to some to high",
      });
    if (weights.lossBands[0]?.minPounds !== 0)
      context.addIssue({
        code: "custom",
        path: ["lossBands", 0, "minPounds"],
        message: "The first loss band starts at £0",
      });
    weights.lossBands.forEach((band, index) => {
      const previous = weights.lossBands[index - 1];
      if (previous && band.minPounds <= previous.minPounds)
        context.addIssue({
          code: "custom",
          path: ["lossBands", index, "minPounds"],
          message: "List loss bands from the lowest; each minimum above the one before",
        });
      if (previous && band.points < previous.points)
        context.addIssue({
          code: "custom",
          path: ["lossBands", index, "points"],
          message: "A larger loss band must not score fewer points",
        });
    });
    if (maximumScore(weights) > 100)
      context.addIssue({
        code: "custom",
        path: [],
        message: `The highest possible score is ${maximumScore(weights)}; weights must allow at most 100`,
      });
    const { P1, P2, P3 } = weights.thresholds;
    if (!(P1 > P2 && P2 > P3))
      context.addIssue({
        code: "custom",
        path: ["thresholds"],
        message: "Thresholds must go down from P1 to P2 to P3",
      });
  });
export type TriageWeights = z.infer<typeof triageWeights>;

/** The points of a referral at the top of every factor. */
function maximumScore(weights: TriageWeights): number {
  return (
    weights.vulnerability.high +
    (weights.lossBands.at(-1)?.points ?? 0) +
    weights.harmOngoing +
    weights.repeatVictim +
    weights.solvability.pointsPerIdentifier * weights.solvability.maxIdentifiers
  );
}

/** The defaults: at most 30 + 25 + 15 + 10 + 20 = 100. */
export const defaultTriageWeights: TriageWeights = {
  vulnerability: { none: 0, some: 15, high: 30 },
  lossBands: [
    { minPounds: 0, label: "No loss", points: 0 },
    { minPounds: 0.01, label: "Under £1,000", points: 5 },
    { minPounds: 1_000, label: "£1,000 to under £10,000", points: 10 },
    { minPounds: 10_000, label: "£10,000 to under £100,000", points: 18 },
    { minPounds: 100_000, label: "£100,000 or more", points: 25 },
  ],
  harmOngoing: 15,
  repeatVictim: 10,
  solvability: { pointsPerIdentifier: 5, maxIdentifiers: 4 },
  thresholds: { P1: 60, P2: 40, P3: 20 },
};

export interface ReferralFacts {
  vulnerability: VulnerabilityLevel;
  /** In pounds, 0 or more. */
  lossPounds: number;
  harmOngoing: boolean;
  repeatVictim: boolean;
  /** Suspect identifiers that normalised (see identifiers.ts). */
  usableIdentifiers: number;
}

export const triageFactors = [
  "vulnerability",
  "loss",
  "harm-ongoing",
  "repeat-victim",
  "solvability",
] as const;
export type TriageFactor = (typeof triageFactors)[number];

export interface Reason {
  factor: TriageFactor;
  label: string;
  points: number;
}

export interface TriagePriority {
  /** 0–100, to 2 decimal places: the sum of the reasons' points. */
  score: number;
  band: PriorityBand;
  /** One per factor, in the order of triageFactors, including those scoring 0. */
  reasons: Reason[];
}

/** Rounds half up to 2 places; toFixed(8) first drops binary noise such as 0.1 + 0.2. */
const round2 = (value: number): number => Math.round(Number((value * 100).toFixed(8))) / 100;

const vulnerabilityLabels: Record<VulnerabilityLevel, string> = {
  none: "No vulnerability",
  some: "Some vulnerability",
  high: "High vulnerability",
};

export function bandForScore(thresholds: TriageWeights["thresholds"], score: number): PriorityBand {
  if (score >= thresholds.P1) return "P1";
  if (score >= thresholds.P2) return "P2";
  if (score >= thresholds.P3) return "P3";
  return "P4";
}

export function scoreReferral(facts: ReferralFacts, weights: TriageWeights): TriagePriority {
  const loss = Math.max(0, facts.lossPounds);
  const lossBand = weights.lossBands.findLast((band) => loss >= band.minPounds) ?? weights.lossBands[0];
  const identifiers = Math.min(
    Math.max(0, Math.floor(facts.usableIdentifiers)),
    weights.solvability.maxIdentifiers,
  );
  const factors: Reason[] = [
    {
      factor: "vulnerability",
      label: vulnerabilityLabels[facts.vulnerability],
      points: weights.vulnerability[facts.vulnerability],
    },
    { factor: "loss", label: lossBand?.label ?? "No loss", points: lossBand?.points ?? 0 },
    {
      factor: "harm-ongoing",
      label: facts.harmOngoing ? "Harm is ongoing" : "Harm is not ongoing",
      points: facts.harmOngoing ? weights.harmOngoing : 0,
    },
    {
      factor: "repeat-victim",
      label: facts.repeatVictim ? "Repeat victim" : "Not a repeat victim",
      points: facts.repeatVictim ? weights.repeatVictim : 0,
    },
    {
      factor: "solvability",
      label:
        facts.usableIdentifiers > identifiers
          ? `${facts.usableIdentifiers} usable suspect identifiers (counted up to ${identifiers})`
          : `${identifiers} usable suspect identifier${identifiers === 1 ? "" : "s"}`,
      points: round2(identifiers * weights.solvability.pointsPerIdentifier),
    },
  ];
  // Points are rounded one by one, so the sum the queue shows is the score.
  const reasons = factors.map((reason) => ({ ...reason, points: round2(reason.points) }));
  const score = round2(reasons.reduce((sum, reason) => sum + reason.points, 0));
  return { score, band: bandForScore(weights.thresholds, score), reasons };
}
