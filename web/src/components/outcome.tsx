/** Words, numbers and links shared by the outcome pages. */
import type { Commodity, Me, Outcome, OutcomeKind, OutcomeUnit, SafeguardedGroup } from "../api.ts";
import { CLEARANCES } from "../api.ts";
import { formatNumber } from "../format.ts";

export const KIND_LABELS: Record<OutcomeKind, string> = {
  arrest: "Arrest",
  charge: "Charge",
  conviction: "Conviction",
  seizure: "Seizure",
  "confiscation-order": "Confiscation order",
  "restraint-order": "Restraint order",
  safeguarding: "Safeguarding",
};

export const KIND_HINTS: Record<OutcomeKind, string> = {
  arrest: "People arrested, counted together for the day",
  charge: "People charged, counted together for the day",
  conviction: "One person convicted: record each person on their own, with the offence and the sentence",
  seizure: "Drugs by weight, firearms and ammunition by count, or cash",
  "confiscation-order": "An order under the Proceeds of Crime Act: amount, date and court",
  "restraint-order": "An order freezing assets: amount, date and court",
  safeguarding: "Children or adults safeguarded",
};

// Typed by the server's schemas: a kind or commodity added there fails to compile here.
export const OUTCOME_KINDS = Object.keys(KIND_LABELS) as OutcomeKind[];

export const COMMODITY_LABELS: Record<Commodity, string> = {
  cocaine: "Cocaine",
  heroin: "Heroin",
  cannabis: "Cannabis",
  "other-drugs": "Other drugs",
  firearms: "Firearms",
  ammunition: "Ammunition",
  cash: "Cash",
};
export const COMMODITIES = Object.keys(COMMODITY_LABELS) as Commodity[];

export const GROUP_LABELS: Record<SafeguardedGroup, string> = { children: "Children", adults: "Adults" };
export const SAFEGUARDED_GROUPS = Object.keys(GROUP_LABELS) as SafeguardedGroup[];

/** The unit as it is written beside a number. */
export const UNIT_SUFFIX: Record<OutcomeUnit, string> = { people: "people", kg: "kg", items: "", pounds: "" };

const penceFormat = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const kgFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 3 });

/** "£48,250" for whole pounds, "£15,250.50" otherwise. */
export function formatPounds(amount: number): string {
  return Number.isInteger(amount) ? `£${formatNumber(amount)}` : `£${penceFormat.format(amount)}`;
}

export function formatKg(kg: number): string {
  return `${kgFormat.format(kg)} kg`;
}

/** Sentences in years to one decimal place: "4.0 years". */
export function formatYears(years: number): string {
  return `${years.toFixed(1)} year${years === 1 ? "" : "s"}`;
}

/** An outcome's quantity in its unit: "4 people", "2.125 kg", "3 firearms", "£15,250.50". */
export function formatQuantity(outcome: Pick<Outcome, "quantity" | "unit" | "commodity">): string {
  const { quantity, unit, commodity } = outcome;
  if (unit === "pounds") return formatPounds(quantity);
  if (unit === "kg") return formatKg(quantity);
  if (unit === "people") return `${formatNumber(quantity)} ${quantity === 1 ? "person" : "people"}`;
  if (commodity === "ammunition") return `${formatNumber(quantity)} round${quantity === 1 ? "" : "s"}`;
  return `${formatNumber(quantity)} firearm${quantity === 1 ? "" : "s"}`;
}

/** What the outcome was, in a few words: "Seizure: cocaine", "Conviction: supply of cocaine". */
export function outcomeTitle(outcome: Outcome): string {
  if (outcome.kind === "seizure" && outcome.commodity)
    return `Seizure: ${COMMODITY_LABELS[outcome.commodity].toLowerCase()}`;
  if (outcome.kind === "conviction" && outcome.offence) return `Conviction: ${outcome.offence}`;
  if (outcome.kind === "safeguarding" && outcome.safeguardedGroup)
    return `${GROUP_LABELS[outcome.safeguardedGroup]} safeguarded`;
  return KIND_LABELS[outcome.kind];
}

export function outcomePath(id: string, rest = ""): string {
  return `/organised-crime/outcomes/${encodeURIComponent(id)}${rest}`;
}

/** The outcome list filtered as given (empty values left out): how a figure links to its records. */
export function outcomeListPath(filters: Record<string, string | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const text = params.toString();
  return `/organised-crime/outcomes${text ? `?${text}` : ""}`;
}

/**
 * Whether the user may change this outcome: the server's rule (the force credited within their
 * scope, up to their clearance), so that only the actions they may take are offered.
 */
export function mayChange(me: Me | null | undefined, outcome: Outcome): boolean {
  if (!me?.permissions.includes("outcomes.record")) return false;
  if (CLEARANCES.indexOf(me.clearance) < CLEARANCES.indexOf(outcome.classification)) return false;
  if (me.scope === "national") return true;
  if (me.scope === "region") return me.regionId === outcome.regionId;
  return me.forceId === outcome.force.id;
}
