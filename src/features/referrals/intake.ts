// What a referral says when it arrives, by form, API or import file: the one schema all three
// check against, and the pure preparation (normalised content, its hash, identifier and victim
// keys) that intake stores. Re-sending the same content is recognised by the hash.

import { createHash } from "node:crypto";
import { z } from "zod";
import { classifications } from "#src/auth/vocabulary.ts";
import {
  contactPreferences,
  referralSources,
  victimAgeBands,
  victimTypes,
  vulnerabilities,
} from "#src/db/schema.ts";
import { type IdentifierKind, identifierKinds, normaliseIdentifier } from "./identifiers.ts";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use ${max} characters or fewer`)
    .transform((value) => (value === "" ? null : value))
    .nullable()
    .default(null);

const isoDate = (what: string) =>
  z.iso.date(`Enter ${what} as a real date, like 2026-03-31`).refine(
    // Compared as text: YYYY-MM-DD sorts as dates do.
    (value) => value <= new Date().toISOString().slice(0, 10),
    `${what[0]?.toUpperCase()}${what.slice(1)} cannot be in the future`,
  );

/**
 * Control characters other than tab and line breaks: never part of what someone reports, often
 * the mark of a file in the wrong encoding, and NUL cannot be stored at all. Staged imports also
 * use one of them (U+001F) to separate values (ingest.ts).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const controlCharacter = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function controlCharacterMessage(value: string): string | null {
  const found = controlCharacter.exec(value)?.[0];
  if (found === undefined) return null;
  const code = found.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0");
  return `Remove the control character U+${code}: it has no place in a referral (check the file's encoding)`;
}

export const suspectIdentifierInput = z.strictObject({
  kind: z.enum(identifierKinds, "Choose the kind of identifier from the list"),
  value: z.string().trim().min(1, "Enter the identifier").max(300, "Use 300 characters or fewer"),
});

export const referralInput = z
  .strictObject({
    crimeReference: z
      .string()
      .trim()
      .toUpperCase()
      .min(1, "Enter the crime reference")
      .max(40, "Use 40 characters or fewer")
      .regex(/^[A-Z0-9][A-Z0-9/-]*$/, "Use letters, digits, / and - only, like NFRC181104123456"),
    source: z.enum(referralSources, "Choose where the referral came from"),
    forceId: z.string().trim().min(1, "Choose the force area"),
    reportedOn: isoDate("the date reported"),
    offenceFrom: isoDate("the first date of the offence").nullable().default(null),
    offenceTo: isoDate("the last date of the offence").nullable().default(null),
    nfibCode: z
      .string()
      .trim()
      .toUpperCase()
      .min(1, "Enter the NFIB crime code")
      .max(10, "An NFIB code is like NFIB52B"),
    summary: z.string().trim().min(1, "Enter a summary").max(4000, "Use 4,000 characters or fewer"),
    victimType: z.enum(victimTypes, "Choose the kind of victim"),
    victimAgeBand: z.enum(victimAgeBands, "Choose the victim's age band"),
    victimName: optionalText(200),
    victimEmail: optionalText(254),
    victimPhone: optionalText(40),
    contactPreference: z.enum(contactPreferences, "Choose how the victim prefers to be contacted"),
    vulnerability: z.enum(vulnerabilities, "Choose none, some or high"),
    vulnerabilityIndicators: z
      .array(z.string().trim().min(1).max(80, "Use 80 characters or fewer per indicator"))
      .max(20, "Give at most 20 indicators")
      .default([]),
    harmOngoing: z.boolean("Say whether harm is ongoing"),
    lossPounds: z
      .number("Enter the loss as a number of pounds, like 1250.50")
      .min(0, "A loss cannot be negative")
      .max(10_000_000_000, "A loss is at most £10,000,000,000")
      // Tolerates binary noise (0.1 + 0.2) but not fractions of a penny.
      .refine(
        (value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6,
        "Give pounds and pence only",
      ),
    suspectIdentifiers: z
      .array(suspectIdentifierInput)
      .max(50, "Give at most 50 suspect identifiers")
      .default([]),
    classification: z.enum(classifications).default("OFFICIAL-SENSITIVE"),
  })
  .superRefine((referral, context) => {
    const texts: [PropertyKey[], string | null][] = [
      [["forceId"], referral.forceId],
      [["nfibCode"], referral.nfibCode],
      [["summary"], referral.summary],
      [["victimName"], referral.victimName],
      [["victimEmail"], referral.victimEmail],
      [["victimPhone"], referral.victimPhone],
      ...referral.vulnerabilityIndicators.map((text, index): [PropertyKey[], string] => [
        ["vulnerabilityIndicators", index],
        text,
      ]),
      ...referral.suspectIdentifiers.map((identifier, index): [PropertyKey[], string] => [
        ["suspectIdentifiers", index, "value"],
        identifier.value,
      ]),
    ];
    for (const [path, text] of texts) {
      const message = text === null ? null : controlCharacterMessage(text);
      if (message) context.addIssue({ code: "custom", path, message });
    }
    if (referral.offenceFrom && referral.offenceTo && referral.offenceTo < referral.offenceFrom)
      context.addIssue({
        code: "custom",
        path: ["offenceTo"],
        message: "The last date of the offence must be on or after the first",
      });
    if (referral.offenceFrom && referral.offenceFrom > referral.reportedOn)
      context.addIssue({
        code: "custom",
        path: ["offenceFrom"],
        message: "The offence cannot start after it was reported",
      });
    if (referral.victimEmail && !normaliseIdentifier("email", referral.victimEmail).ok)
      context.addIssue({
        code: "custom",
        path: ["victimEmail"],
        message: "Enter the victim's e-mail address in the form name@example.com",
      });
    if (referral.victimPhone && !normaliseIdentifier("phone", referral.victimPhone).ok)
      context.addIssue({
        code: "custom",
        path: ["victimPhone"],
        message: "Enter the victim's phone number, like 07700 900123 or +44 7700 900123",
      });
  });
export type ReferralInput = z.infer<typeof referralInput>;

/** What intake stores and compares: the input in a canonical form, pounds as pence. */
export interface ReferralContent {
  crimeReference: string;
  source: ReferralInput["source"];
  forceId: string;
  reportedOn: string;
  offenceFrom: string | null;
  offenceTo: string | null;
  nfibCode: string;
  summary: string;
  victimType: ReferralInput["victimType"];
  victimAgeBand: ReferralInput["victimAgeBand"];
  victimName: string | null;
  victimEmail: string | null;
  victimPhone: string | null;
  contactPreference: ReferralInput["contactPreference"];
  vulnerability: ReferralInput["vulnerability"];
  vulnerabilityIndicators: string[];
  harmOngoing: boolean;
  lossPence: number;
  suspectIdentifiers: { kind: IdentifierKind; value: string }[];
  classification: ReferralInput["classification"];
}

export interface PreparedReferral {
  content: ReferralContent;
  /** The content's values as a JSON array in the order of referralContentFields: what is hashed. */
  canonical: string;
  contentHash: string;
  /** "kind:normalised" for each identifier that normalises, without repeats, sorted. */
  identifierKeys: string[];
  /** The victim's normalised e-mail, else phone: the same key on two referrals is a repeat victim. */
  victimKey: string | null;
}

/** Fields of ReferralContent in a fixed order: the hash and version diffs follow it. */
export const referralContentFields = [
  "crimeReference",
  "source",
  "forceId",
  "reportedOn",
  "offenceFrom",
  "offenceTo",
  "nfibCode",
  "summary",
  "victimType",
  "victimAgeBand",
  "victimName",
  "victimEmail",
  "victimPhone",
  "contactPreference",
  "vulnerability",
  "vulnerabilityIndicators",
  "harmOngoing",
  "lossPence",
  "suspectIdentifiers",
  "classification",
] as const satisfies readonly (keyof ReferralContent)[];

function canonicalJson(content: ReferralContent): string {
  return JSON.stringify(referralContentFields.map((field) => content[field]));
}

function hashCanonical(canonical: string): string {
  return createHash("sha256").update(canonical).digest("base64url");
}

/** The content back from its canonical JSON (as prepareContent wrote it). */
export function contentFromCanonical(canonical: string): ReferralContent {
  const values = JSON.parse(canonical) as unknown[];
  return Object.fromEntries(
    referralContentFields.map((field, index) => [field, values[index]]),
  ) as unknown as ReferralContent;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function prepareReferral(input: ReferralInput): PreparedReferral {
  // Order is not meaning: the same identifiers or indicators in another order are the same referral.
  const suspectIdentifiers = [...input.suspectIdentifiers].sort(
    (a, b) => byText(a.kind, b.kind) || byText(a.value, b.value),
  );
  const { lossPounds, ...reported } = input;
  return prepareContent({
    ...reported,
    vulnerabilityIndicators: [...input.vulnerabilityIndicators].sort(byText),
    suspectIdentifiers,
    lossPence: Math.round(lossPounds * 100),
  });
}

/** Hash and keys of content already in canonical form (sorted lists, pence). */
export function prepareContent(content: ReferralContent): PreparedReferral {
  const keys = new Set<string>();
  for (const identifier of content.suspectIdentifiers) {
    const normalised = normaliseIdentifier(identifier.kind, identifier.value);
    if (normalised.ok) keys.add(`${identifier.kind}:${normalised.value}`);
  }
  const email = content.victimEmail ? normaliseIdentifier("email", content.victimEmail) : null;
  const phone = content.victimPhone ? normaliseIdentifier("phone", content.victimPhone) : null;
  const victimKey = email?.ok ? `email:${email.value}` : phone?.ok ? `phone:${phone.value}` : null;
  const canonical = canonicalJson(content);
  return {
    content,
    canonical,
    contentHash: hashCanonical(canonical),
    identifierKeys: [...keys].sort(byText),
    victimKey,
  };
}

/** The fields whose values differ between two versions, as {field: {before, after}}. */
export function contentChanges(
  before: ReferralContent,
  after: ReferralContent,
): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const field of referralContentFields) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field]))
      changes[field] = { before: before[field], after: after[field] };
  }
  return changes;
}
