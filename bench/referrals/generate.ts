// Realistic synthetic cyber crime referrals, seeded and reproducible: the same seed and count give
// the same file byte for byte. Shaped like the real thing where the seeds tell us how: elderly
// victims over-represented among frauds, a peak of reports at the start of the financial year,
// most losses small with a long tail, some victims reporting again, and suspects (wallets, phone
// numbers, websites) reused across referrals so linking finds series.
//
// bench/referrals.ts writes its file with it (the CSV format of docs/referral-import.md).

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { ReferralInput } from "#src/features/referrals/intake.ts";

/** mulberry32: a tiny, well-known seeded generator; good enough for test data, not for secrets. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function weighted<T>(random: () => number, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let pick = random() * total;
  for (const [value, weight] of choices) {
    pick -= weight;
    if (pick < 0) return value;
  }
  return (choices.at(-1) as readonly [T, number])[0];
}

const ageBands = [
  ["under-18", 3],
  ["18-24", 8],
  ["25-34", 12],
  ["35-44", 12],
  ["45-54", 13],
  ["55-64", 14],
  ["65-74", 17],
  ["75-plus", 16],
  ["unknown", 5],
] as const;

// April (the start of the financial year) peaks; the summer dips a little.
const monthWeights = [9, 8, 8, 14, 10, 8, 7, 7, 8, 8, 8, 7];

const identifierKinds = [
  "email",
  "phone",
  "url",
  "crypto-wallet",
  "bank-account",
  "social-handle",
  "ip",
] as const;

function identifierValue(kind: (typeof identifierKinds)[number], n: number): string {
  switch (kind) {
    case "email":
      return `suspect${n}@mail${n % 97}.example`;
    case "phone":
      return `07700 ${String(900_000 + (n % 99_999)).padStart(6, "0")}`;
    case "url":
      return `https://shop-${n}.example/checkout`;
    case "crypto-wallet":
      return `0x${(n * 2_654_435_761).toString(16).padStart(40, "0").slice(-40)}`;
    case "bank-account":
      return `${String(10 + (n % 89)).padStart(2, "0")}-${String(n % 100).padStart(2, "0")}-${String(
        (n * 7) % 100,
      ).padStart(2, "0")} ${String(10_000_000 + (n % 89_999_999)).slice(0, 8)}`;
    case "social-handle":
      return `instagram:@seller_${n}`;
    case "ip":
      return `198.51.${Math.floor(n / 256) % 256}.${n % 256}`;
  }
}

export interface GeneratorContext {
  forceIds: readonly string[];
  nfibCodes: readonly { code: string; category: string }[];
  /** Reports fall in the 3 years before this day (YYYY-MM-DD). */
  lastDay: string;
}

/** The referrals, one at a time: nothing is held but a few counters. */
export function* syntheticReferrals(
  count: number,
  seed: number,
  context: GeneratorContext,
): Generator<ReferralInput> {
  const random = seededRandom(seed);
  const end = Date.parse(`${context.lastDay}T00:00:00Z`);
  const dayMs = 86_400_000;
  const codeChoices = context.nfibCodes.map(
    (code) =>
      [
        code.code,
        code.category === "cyber-enabled" ? 6 : code.category === "cyber-dependent" ? 2 : 3,
      ] as const,
  );
  for (let index = 0; index < count; index++) {
    // A month by its weight, then a day in it; within the three years.
    const month = weighted(
      random,
      monthWeights.map((weight, at) => [at, weight] as const),
    );
    const year = new Date(end).getUTCFullYear() - Math.floor(random() * 3);
    let reported = Date.UTC(year, month, 1 + Math.floor(random() * 28));
    if (reported > end) reported -= 365 * dayMs;
    const reportedOn = new Date(reported).toISOString().slice(0, 10);
    const isBusiness = random() < 0.12;
    const victimAgeBand = isBusiness ? "not-applicable" : weighted(random, ageBands);
    const elderly = victimAgeBand === "75-plus" || victimAgeBand === "65-74";
    const vulnerability = weighted(random, [
      ["none", elderly ? 50 : 75],
      ["some", 18],
      ["high", elderly ? 22 : 7],
    ] as const);
    const lossPounds =
      random() < 0.3
        ? 0
        : Math.min(5_000_000, Math.round(Math.exp(6.7 + random() * random() * 6) * 100) / 100);
    // One in twelve victims reports again: their e-mail comes from a pool of earlier victims.
    const victimNumber = random() < 0.08 ? Math.floor(random() * Math.max(1, index)) : index;
    const identifiers = Array.from({ length: Math.floor(random() * 4) }, () => {
      const kind = identifierKinds[Math.floor(random() * identifierKinds.length)] ?? "email";
      // A third of suspects' identifiers come from a pool of 20,000: these link into series.
      const n =
        random() < 0.33 ? Math.floor(random() * 20_000) : 1_000_000 + index * 4 + Math.floor(random() * 4);
      return { kind, value: identifierValue(kind, n) };
    });
    const unique = new Map(
      identifiers.map((identifier) => [`${identifier.kind}:${identifier.value}`, identifier]),
    );
    yield {
      crimeReference: `NFRC${String(100_000_000_000 + index)}`,
      source: random() < 0.9 ? "action-fraud" : "direct",
      forceId: context.forceIds[Math.floor(random() * context.forceIds.length)] ?? "west-midlands",
      reportedOn,
      offenceFrom:
        random() < 0.6
          ? new Date(reported - Math.floor(random() * 30) * dayMs).toISOString().slice(0, 10)
          : null,
      offenceTo: null,
      nfibCode: weighted(random, codeChoices),
      summary: `Synthetic referral ${index + 1}: victim contacted online and persuaded to pay or give access.`,
      victimType: isBusiness ? "business" : "individual",
      victimAgeBand,
      victimName: isBusiness ? `Synthetic Ltd ${index}` : `Synthetic Person ${victimNumber}`,
      victimEmail: `victim${victimNumber}@example.org`,
      victimPhone: null,
      contactPreference: random() < 0.6 ? "phone" : "email",
      vulnerability,
      vulnerabilityIndicators: vulnerability === "none" ? [] : elderly ? ["elderly"] : ["other"],
      harmOngoing: random() < 0.15,
      lossPounds,
      suspectIdentifiers: [...unique.values()],
      classification: "OFFICIAL-SENSITIVE",
    };
  }
}

export const csvColumns = [
  "crime_reference",
  "source",
  "force",
  "reported_on",
  "offence_from",
  "offence_to",
  "nfib_code",
  "summary",
  "victim_type",
  "victim_age_band",
  "victim_name",
  "victim_email",
  "victim_phone",
  "contact_preference",
  "vulnerability",
  "vulnerability_indicators",
  "harm_ongoing",
  "loss_pounds",
  "suspect_emails",
  "suspect_phones",
  "suspect_urls",
  "suspect_ips",
  "suspect_wallets",
  "suspect_bank_accounts",
  "suspect_social_handles",
  "classification",
] as const;

const quote = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export function csvLine(referral: ReferralInput): string {
  const identifiersOf = (kind: string) =>
    referral.suspectIdentifiers
      .filter((identifier) => identifier.kind === kind)
      .map((identifier) => identifier.value)
      .join(";");
  return [
    referral.crimeReference,
    referral.source,
    referral.forceId,
    referral.reportedOn,
    referral.offenceFrom ?? "",
    referral.offenceTo ?? "",
    referral.nfibCode,
    referral.summary,
    referral.victimType,
    referral.victimAgeBand,
    referral.victimName ?? "",
    referral.victimEmail ?? "",
    referral.victimPhone ?? "",
    referral.contactPreference,
    referral.vulnerability,
    referral.vulnerabilityIndicators.join(";"),
    referral.harmOngoing ? "yes" : "no",
    String(referral.lossPounds),
    identifiersOf("email"),
    identifiersOf("phone"),
    identifiersOf("url"),
    identifiersOf("ip"),
    identifiersOf("crypto-wallet"),
    identifiersOf("bank-account"),
    identifiersOf("social-handle"),
    referral.classification,
  ]
    .map(quote)
    .join(",");
}

/** Writes the CSV with back-pressure, so memory stays flat however many rows. */
export async function writeCsv(path: string, referrals: Iterable<ReferralInput>): Promise<number> {
  const out = createWriteStream(path);
  let rows = 0;
  if (!out.write(`${csvColumns.join(",")}\n`)) await once(out, "drain");
  for (const referral of referrals) {
    rows++;
    if (!out.write(`${csvLine(referral)}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return rows;
}
