// The scoring model: its definition (as data) and the formula. Pure (zod only) because the web UI
// imports it too, to show the score and band live as an assessor fills the form: the browser and
// the server compute with the very same code. docs/scoring-model.md explains the default model.

import { z } from "zod";

export const dimensionGroups = [
  "harm",
  "vulnerability",
  "scope",
  "likelihood",
  "confidence",
  "organisational-position",
] as const;
export type DimensionGroup = (typeof dimensionGroups)[number];

const scalePoint = z.strictObject({
  value: z.number().int("Scale values are whole numbers").min(0, "Scale values start at 0").max(100),
  label: z.string().trim().min(1, "Give each scale point a label").max(100),
  description: z.string().trim().max(1000),
});

const dimension = z.strictObject({
  key: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]{0,39}$/,
      "A key is up to 40 lower-case letters, digits or hyphens, starting with a letter",
    ),
  label: z.string().trim().min(1, "Give the dimension a label").max(100),
  group: z.enum(dimensionGroups),
  description: z.string().trim().max(1000),
  scale: z.array(scalePoint).min(2, "A scale needs at least two points").max(21),
  weight: z.number().positive("Weights must be more than 0").max(100),
});

const band = z.strictObject({
  band: z.string().trim().min(1, "Give the band a name").max(40),
  minScore: z
    .number()
    .min(0, "Band thresholds are between 0 and 100")
    .max(100, "Band thresholds are between 0 and 100"),
});

export const modelDefinition = z
  .strictObject({
    dimensions: z.array(dimension).min(1, "A model needs dimensions").max(60),
    formula: z.strictObject({
      /** How much victim vulnerability at its top can raise impact (0.5: by up to half again). */
      vulnerabilityUplift: z.number().min(0).max(10),
      /** How much geographic scope at its top can raise impact. */
      scopeUplift: z.number().min(0).max(10),
      /** The share of the risk kept when confidence is at its lowest (1: confidence changes nothing). */
      lowestConfidenceFactor: z.number().gt(0, "The lowest confidence factor must be more than 0").max(1),
    }),
    bands: z.array(band).min(1, "A model needs at least one band").max(10),
  })
  .superRefine((definition, context) => {
    const keys = new Set<string>();
    definition.dimensions.forEach((item, index) => {
      if (keys.has(item.key))
        context.addIssue({
          code: "custom",
          path: ["dimensions", index, "key"],
          message: `Dimension keys must be unique: ${item.key} is used twice`,
        });
      keys.add(item.key);
      item.scale.forEach((point, pointIndex) => {
        const previous = item.scale[pointIndex - 1];
        if (previous && point.value <= previous.value)
          context.addIssue({
            code: "custom",
            path: ["dimensions", index, "scale", pointIndex, "value"],
            message: "Scale values must go up from one point to the next",
          });
      });
    });
    for (const group of ["harm", "likelihood"] as const) {
      if (!definition.dimensions.some((item) => item.group === group))
        context.addIssue({
          code: "custom",
          path: ["dimensions"],
          message: `A model needs at least one ${group} dimension: the score is harm × likelihood`,
        });
    }
    const names = new Set<string>();
    definition.bands.forEach((item, index) => {
      if (names.has(item.band))
        context.addIssue({
          code: "custom",
          path: ["bands", index, "band"],
          message: `Band names must be unique: ${item.band} is used twice`,
        });
      names.add(item.band);
      const previous = definition.bands[index - 1];
      if (previous && item.minScore >= previous.minScore)
        context.addIssue({
          code: "custom",
          path: ["bands", index, "minScore"],
          message: "List bands from the highest threshold down; each threshold below the one before",
        });
    });
    // Every score from 0 to 100 must fall in some band.
    if (definition.bands.at(-1)?.minScore !== 0)
      context.addIssue({
        code: "custom",
        path: ["bands", definition.bands.length - 1, "minScore"],
        message: "The lowest band must start at 0",
      });
  });
export type ModelDefinition = z.infer<typeof modelDefinition>;
export type Dimension = ModelDefinition["dimensions"][number];

/** What the formula needs of a rating; the rationale is kept beside it but does not score. */
export type Ratings = Readonly<Record<string, { value: number } | undefined>>;

export interface GroupLevel {
  /** The weighted mean of the group's rated dimensions, each as a fraction of its scale (0–1). */
  level: number;
  rated: number;
  dimensions: number;
  /** Organisational position is reported beside the score, never in it. */
  inScore: boolean;
}

export interface ScoreResult {
  /** 0–100, rounded to 2 decimal places; the band is read from this rounded score. */
  score: number;
  band: string;
  breakdown: {
    groups: Record<DimensionGroup, GroupLevel>;
    /** (1 + vulnerabilityUplift × vulnerability + scopeUplift × scope) / (1 + both uplifts): 0–1. */
    impactUplift: number;
    /** harm × impactUplift. */
    impact: number;
    /** impact × likelihood. */
    risk: number;
    /** lowestConfidenceFactor + (1 − lowestConfidenceFactor) × confidence. */
    confidenceFactor: number;
  };
  /** Dimensions of the model without a rating on their scale: a score with any is provisional. */
  missing: string[];
}

/** Rounds half up to 2 places; toFixed(8) first drops binary noise such as 4218.7499999999. */
export const roundScore = (value: number): number => Math.round(Number((value * 100).toFixed(8))) / 100;

/** The band of a (rounded) score: the first band, highest first, whose threshold it reaches. */
export function bandFor(bands: ModelDefinition["bands"], score: number): string {
  const found = bands.find((item) => score >= item.minScore) ?? bands.at(-1);
  return found?.band ?? "";
}

/** Where a value sits on its dimension's scale (0 at the bottom, 1 at the top), if it is on it. */
function fractionOf(item: Dimension, value: number): number | undefined {
  if (!item.scale.some((point) => point.value === value)) return undefined;
  const lowest = item.scale[0]?.value ?? 0;
  const highest = item.scale.at(-1)?.value ?? 1;
  return (value - lowest) / (highest - lowest);
}

/**
 * Scores ratings under a model definition. A group's level is the weighted mean of its rated
 * dimensions (unrated ones are left out, and listed in `missing`); a group with nothing rated
 * counts at the bottom of its scale. See docs/scoring-model.md for the formula and a worked example.
 */
export function scoreAssessment(definition: ModelDefinition, ratings: Ratings): ScoreResult {
  const sums = Object.fromEntries(
    dimensionGroups.map((group) => [group, { weighted: 0, weight: 0, rated: 0, dimensions: 0 }]),
  ) as Record<DimensionGroup, { weighted: number; weight: number; rated: number; dimensions: number }>;
  const missing: string[] = [];
  for (const item of definition.dimensions) {
    const sum = sums[item.group];
    sum.dimensions += 1;
    const rating = ratings[item.key];
    const fraction = rating === undefined ? undefined : fractionOf(item, rating.value);
    if (fraction === undefined) {
      missing.push(item.key);
      continue;
    }
    sum.weighted += item.weight * fraction;
    sum.weight += item.weight;
    sum.rated += 1;
  }
  const groups = Object.fromEntries(
    dimensionGroups.map((group) => {
      const sum = sums[group];
      const level: GroupLevel = {
        level: sum.weight > 0 ? sum.weighted / sum.weight : 0,
        rated: sum.rated,
        dimensions: sum.dimensions,
        inScore: group !== "organisational-position",
      };
      return [group, level];
    }),
  ) as Record<DimensionGroup, GroupLevel>;

  const { formula } = definition;
  // An uplift only applies when the model has dimensions to measure it.
  const vulnerabilityUplift = groups.vulnerability.dimensions > 0 ? formula.vulnerabilityUplift : 0;
  const scopeUplift = groups.scope.dimensions > 0 ? formula.scopeUplift : 0;
  const impactUplift =
    (1 + vulnerabilityUplift * groups.vulnerability.level + scopeUplift * groups.scope.level) /
    (1 + vulnerabilityUplift + scopeUplift);
  const impact = groups.harm.level * impactUplift;
  const risk = impact * groups.likelihood.level;
  const confidenceFactor =
    groups.confidence.dimensions > 0
      ? formula.lowestConfidenceFactor + (1 - formula.lowestConfidenceFactor) * groups.confidence.level
      : 1;
  const score = Math.min(100, Math.max(0, roundScore(100 * risk * confidenceFactor)));
  return {
    score,
    band: bandFor(definition.bands, score),
    breakdown: { groups, impactUplift, impact, risk, confidenceFactor },
    missing,
  };
}

export interface RatingProblem {
  field: string;
  message: string;
}

/**
 * Ratings checked against a model: unknown dimensions and values off the scale always; with
 * `complete`, every dimension rated with a rationale (what finalising needs). Field names match
 * the request body (`ratings.<key>.value`) so the form can show each message by its question.
 */
export function ratingProblems(
  definition: ModelDefinition,
  ratings: Readonly<Record<string, { value: number; rationale?: string } | undefined>>,
  { complete }: { complete: boolean },
): RatingProblem[] {
  const problems: RatingProblem[] = [];
  const known = new Set(definition.dimensions.map((item) => item.key));
  for (const key of Object.keys(ratings)) {
    if (!known.has(key))
      problems.push({ field: `ratings.${key}`, message: `${key} is not a dimension of this model` });
  }
  for (const item of definition.dimensions) {
    const rating = ratings[item.key];
    if (rating === undefined) {
      if (complete)
        problems.push({
          field: `ratings.${item.key}.value`,
          message: `Rate ${item.label} before finalising`,
        });
      continue;
    }
    if (fractionOf(item, rating.value) === undefined) {
      const values = item.scale.map((point) => `${point.value} (${point.label})`).join(", ");
      problems.push({
        field: `ratings.${item.key}.value`,
        message: `Choose a value on the scale of ${item.label}: ${values}`,
      });
    }
    if (complete && !rating.rationale?.trim())
      problems.push({
        field: `ratings.${item.key}.rationale`,
        message: `Give the rationale for the ${item.label} rating`,
      });
  }
  return problems;
}

const scale = (labels: readonly string[], descriptions: readonly string[]) =>
  labels.map((label, value) => ({ value, label, description: descriptions[value] ?? "" }));
const harmLabels = ["None", "Low", "Moderate", "Substantial", "Critical"] as const;

/**
 * Version 1 of the scoring model, as migrations/0004_default_scoring_model.sql installs it (a test
 * holds the two equal). Forces replace it with their own MoRiLE guidance by adding a new version.
 */
export const defaultModelDefinition: ModelDefinition = {
  dimensions: [
    {
      key: "physical",
      label: "Physical harm",
      group: "harm",
      description: "Violence, injury and death caused by the group, including the use of weapons.",
      weight: 2,
      scale: scale(harmLabels, [
        "No physical harm known.",
        "Threats of violence or minor injury.",
        "Assaults causing injury; weapons carried.",
        "Serious injury; knives or firearms used.",
        "Loss of life or life-changing injury; firearms discharged.",
      ]),
    },
    {
      key: "psychological",
      label: "Psychological harm",
      group: "harm",
      description: "Fear, distress and trauma caused to victims, witnesses and families.",
      weight: 1,
      scale: scale(harmLabels, [
        "No psychological harm known.",
        "Short-lived distress.",
        "Fear and intimidation of victims or witnesses.",
        "Lasting trauma; coercive control.",
        "Severe lasting trauma, such as from sexual exploitation or slavery.",
      ]),
    },
    {
      key: "financial",
      label: "Financial harm",
      group: "harm",
      description: "Money lost by victims, businesses and the public purse.",
      weight: 1,
      scale: scale(harmLabels, [
        "No financial loss known.",
        "Losses under £10,000 in total.",
        "Losses of £10,000 to £100,000.",
        "Losses of £100,000 to £1 million.",
        "Losses over £1 million, or losses that ruin victims or businesses.",
      ]),
    },
    {
      key: "community",
      label: "Community harm",
      group: "harm",
      description: "Damage to neighbourhoods, community confidence and public institutions.",
      weight: 1,
      scale: scale(harmLabels, [
        "No community harm known.",
        "Localised nuisance.",
        "Open dealing, antisocial behaviour or fear in a neighbourhood.",
        "Control of an area or intimidation of a community.",
        "Community cohesion broken or public institutions corrupted.",
      ]),
    },
    {
      key: "environmental",
      label: "Environmental harm",
      group: "harm",
      description: "Pollution and damage to land, water and wildlife.",
      weight: 1,
      scale: scale(harmLabels, [
        "No environmental harm known.",
        "Minor dumping or waste.",
        "Illegal waste disposal or drug production waste.",
        "Pollution that needs specialist clean-up.",
        "Lasting damage to land, water or wildlife.",
      ]),
    },
    {
      key: "victim-vulnerability",
      label: "Victim vulnerability",
      group: "vulnerability",
      description: "How vulnerable the people the group harms or exploits are.",
      weight: 1,
      scale: scale(
        ["None identified", "Low", "Moderate", "High", "Extreme"],
        [
          "No identifiable victims at risk.",
          "Adult victims able to protect themselves.",
          "Victims with some vulnerability: age, health, addiction or dependency.",
          "Vulnerable adults or children exploited.",
          "Children or adults at risk exploited systematically (county lines, CSEA, slavery).",
        ],
      ),
    },
    {
      key: "geographic-scope",
      label: "Geographic scope",
      group: "scope",
      description: "How far the group's activity and harm reach.",
      weight: 1,
      scale: scale(
        ["Neighbourhood", "Force area", "Regional", "National", "International"],
        [
          "One neighbourhood or town.",
          "Across one force area.",
          "Several forces in the region.",
          "Across England and Wales, or several regions.",
          "Beyond the UK: international supply, money flows or control.",
        ],
      ),
    },
    {
      key: "likelihood",
      label: "Likelihood",
      group: "likelihood",
      description: "How likely the harm is to happen, or go on happening, in the next 12 months.",
      weight: 1,
      scale: scale(
        ["Remote", "Unlikely", "Possible", "Likely", "Almost certain"],
        [
          "Under 5%: no current activity known.",
          "5% to 25%.",
          "25% to 50%.",
          "50% to 90%.",
          "Over 90%, or the harm is happening now.",
        ],
      ),
    },
    {
      key: "confidence",
      label: "Confidence",
      group: "confidence",
      description: "How far the intelligence behind this assessment can be relied on.",
      weight: 1,
      scale: scale(
        ["Low", "Medium", "High"],
        [
          "Single uncorroborated source, or old intelligence.",
          "Some corroboration; gaps remain.",
          "Corroborated by several reliable sources or evidence.",
        ],
      ),
    },
    {
      key: "capacity",
      label: "Capacity to act",
      group: "organisational-position",
      description: "Whether the people, time and money to act are available.",
      weight: 1,
      scale: scale(
        ["None", "Limited", "Partial", "Good", "Full"],
        [
          "No resources available.",
          "Resources only for urgent safeguarding.",
          "Some resources, competing with other priorities.",
          "Resources available with some reprioritisation.",
          "Resources available now.",
        ],
      ),
    },
    {
      key: "capability",
      label: "Capability to act",
      group: "organisational-position",
      description: "Whether the powers, skills, tactics and partners needed to act are in place.",
      weight: 1,
      scale: scale(
        ["None", "Limited", "Partial", "Good", "Full"],
        [
          "No tactical options known.",
          "Options depend on capabilities from elsewhere that are not secured.",
          "Some options; key capabilities must be requested.",
          "Most options available in the force or ROCU.",
          "All the powers, skills and tactics needed are available.",
        ],
      ),
    },
  ],
  formula: { vulnerabilityUplift: 0.5, scopeUplift: 0.5, lowestConfidenceFactor: 0.8 },
  bands: [
    { band: "High", minScore: 60 },
    { band: "Medium", minScore: 30 },
    { band: "Low", minScore: 0 },
  ],
};
