// The rules of each kind of outcome and the units its quantity is measured in. Pure and free of
// runtime dependencies (type imports only), so the web UI uses the same rules as the server.
import type { outcomeKinds, safeguardedGroups, seizureCommodities } from "#src/db/schema.ts";
import type { FieldError } from "#src/lib/errors.ts";

export type OutcomeKind = (typeof outcomeKinds)[number];
export type Commodity = (typeof seizureCommodities)[number];
export type SafeguardedGroup = (typeof safeguardedGroups)[number];

/** What a quantity measures: it decides how precisely it is entered, stored and shown. */
export type Unit = "people" | "kg" | "items" | "pounds";

export const unitRules: Record<Unit, { decimals: number; max: number; symbol: string }> = {
  people: { decimals: 0, max: 10_000, symbol: "people" },
  // To the gram.
  kg: { decimals: 3, max: 1_000_000, symbol: "kg" },
  items: { decimals: 0, max: 1_000_000, symbol: "items" },
  // To the penny; the column (numeric(14, 3)) holds up to £99,999,999,999.
  pounds: { decimals: 2, max: 10_000_000_000, symbol: "£" },
};

export const commodityUnits: Record<Commodity, Unit> = {
  cocaine: "kg",
  heroin: "kg",
  cannabis: "kg",
  "other-drugs": "kg",
  firearms: "items",
  ammunition: "items",
  cash: "pounds",
};

/** The fields that only some kinds take, and which kinds take them. */
export type KindField = "offence" | "sentenceMonths" | "commodity" | "court" | "safeguardedGroup";
export const kindFields: Record<OutcomeKind, readonly KindField[]> = {
  arrest: [],
  charge: [],
  conviction: ["offence", "sentenceMonths"],
  seizure: ["commodity"],
  "confiscation-order": ["court"],
  "restraint-order": ["court"],
  safeguarding: ["safeguardedGroup"],
};
const allKindFields: readonly KindField[] = [
  "offence",
  "sentenceMonths",
  "commodity",
  "court",
  "safeguardedGroup",
];

/** The unit of an outcome's quantity; a seizure's depends on what was seized (null until chosen). */
export function unitOf(kind: OutcomeKind, commodity: Commodity | null): Unit | null {
  switch (kind) {
    case "arrest":
    case "charge":
    case "conviction":
    case "safeguarding":
      return "people";
    case "seizure":
      return commodity ? commodityUnits[commodity] : null;
    case "confiscation-order":
    case "restraint-order":
      return "pounds";
  }
}

/** What the quantity field asks for, in the words of each kind. */
export function quantityQuestion(kind: OutcomeKind, commodity: Commodity | null): string {
  switch (kind) {
    case "arrest":
      return "Number of people arrested";
    case "charge":
      return "Number of people charged";
    case "conviction":
      return "Number of people convicted";
    case "safeguarding":
      return "Number of people safeguarded";
    case "confiscation-order":
    case "restraint-order":
      return "Amount of the order in pounds";
    case "seizure": {
      const unit = unitOf(kind, commodity);
      if (unit === "kg") return "Weight seized in kilograms";
      if (unit === "pounds") return "Cash seized in pounds";
      if (commodity === "firearms") return "Number of firearms seized";
      if (commodity === "ammunition") return "Number of rounds of ammunition seized";
      return "Quantity seized";
    }
  }
}

/** How many decimal places a number is written with (1e-7 is written with 7). */
export function decimalPlaces(value: number): number {
  const [mantissa = "", exponent] = String(value).split("e");
  const fraction = mantissa.split(".")[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent ?? 0));
}

const tooPrecise: Record<Unit, string> = {
  people: "Enter a whole number of people",
  items: "Enter a whole number",
  kg: "Enter the weight to the nearest gram (at most 3 decimal places)",
  pounds: "Enter the amount to the penny (at most 2 decimal places)",
};

/** The message for a quantity that does not fit its unit, or null when it fits. */
export function quantityError(quantity: number, unit: Unit): string | null {
  const rule = unitRules[unit];
  if (!Number.isFinite(quantity) || quantity <= 0) return "Enter a quantity greater than 0";
  if (decimalPlaces(quantity) > rule.decimals) return tooPrecise[unit];
  if (quantity > rule.max) {
    const limit = rule.max.toLocaleString("en-GB");
    return `Enter at most ${unit === "pounds" ? `£${limit}` : `${limit} ${rule.symbol}`}`;
  }
  return null;
}

/** The quantity as the numeric column stores it, at its unit's precision ("12.500", "1500.00"). */
export function storedQuantity(quantity: number, unit: Unit): string {
  return quantity.toFixed(unitRules[unit].decimals);
}

/** An outcome's own facts, as the rules check them (links to other records are checked elsewhere). */
export interface OutcomeFacts {
  kind: OutcomeKind;
  occurredOn: string;
  /** Null when not given: a conviction is one person, every other kind must say how many or how much. */
  quantity: number | null;
  commodity: Commodity | null;
  offence: string | null;
  sentenceMonths: number | null;
  court: string | null;
  safeguardedGroup: SafeguardedGroup | null;
}

const missing: Record<KindField, string> = {
  offence: "Enter the offence the person was convicted of",
  sentenceMonths: "Enter the sentence in months (0 for a sentence without custody)",
  commodity: "Choose what was seized",
  court: "Enter the court that made the order",
  safeguardedGroup: "Choose whether children or adults were safeguarded",
};

const fieldWords: Record<KindField, string> = {
  offence: "An offence",
  sentenceMonths: "A sentence",
  commodity: "A commodity",
  court: "A court",
  safeguardedGroup: "A safeguarded group",
};

const kindWords: Record<OutcomeKind, string> = {
  arrest: "an arrest",
  charge: "a charge",
  conviction: "a conviction",
  seizure: "a seizure",
  "confiscation-order": "a confiscation order",
  "restraint-order": "a restraint order",
  safeguarding: "a safeguarding record",
};

/**
 * Every way the facts break the rules of their kind, at once, so a form can show them all:
 * the fields the kind needs, no fields of other kinds, a quantity in the kind's unit, and a date
 * that is not in the future (`today` is YYYY-MM-DD in the UK).
 */
export function outcomeErrors(facts: OutcomeFacts, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const needed = kindFields[facts.kind];
  for (const field of allKindFields) {
    const value = facts[field];
    const given = value !== null && !(typeof value === "string" && value.trim() === "");
    if (needed.includes(field) && !given) errors.push({ field, message: missing[field] });
    if (!needed.includes(field) && given)
      errors.push({ field, message: `${fieldWords[field]} is not recorded for ${kindWords[facts.kind]}` });
  }
  if (facts.kind === "conviction" && facts.sentenceMonths !== null) {
    if (!Number.isInteger(facts.sentenceMonths) || facts.sentenceMonths < 0)
      errors.push({ field: "sentenceMonths", message: "Enter the sentence as a whole number of months" });
    else if (facts.sentenceMonths > 1200)
      errors.push({ field: "sentenceMonths", message: "Enter a sentence of at most 1,200 months" });
  }
  if (facts.occurredOn > today)
    errors.push({ field: "occurredOn", message: "The date cannot be in the future" });

  const unit = unitOf(facts.kind, facts.commodity);
  if (facts.kind === "conviction") {
    if (facts.quantity !== null && facts.quantity !== 1)
      errors.push({
        field: "quantity",
        message: "Record one conviction per person: the quantity of a conviction is 1",
      });
  } else if (facts.quantity === null) {
    errors.push({
      field: "quantity",
      message: `Enter the ${lowerFirst(quantityQuestion(facts.kind, facts.commodity))}`,
    });
  } else if (unit) {
    const problem = quantityError(facts.quantity, unit);
    if (problem) errors.push({ field: "quantity", message: problem });
  }
  return errors;
}

const lowerFirst = (text: string) => `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
