// Two years of made-up, already-handled referrals for the West Midlands forces, so the cyber
// crime dashboard has something to show: a peak of tax (HMRC impersonation) fraud every April,
// elderly victims over-represented among frauds, every triage outcome, and vulnerable victims
// contacted on time, late or not at all. Deterministic: the same seed gives the same referrals,
// placed relative to today.

import { eq, inArray, like } from "drizzle-orm";
import type { z } from "zod";
import type { Tx } from "#src/db/database.ts";
import { referralDecisions, referrals } from "#src/db/schema.ts";
import { addMonths, lastDayOf } from "#src/features/cyber-dashboard/months.ts";
import { ingestReferrals } from "#src/features/referrals/ingest.ts";
import { prepareReferral, referralInput } from "#src/features/referrals/intake.ts";
import type { TriageSettings } from "#src/features/referrals/settings.ts";
import { triageDue } from "#src/features/referrals/targets.ts";
import { ukToday } from "#src/lib/periods.ts";

/** Demo history crime references start with this, so a second seed can see the first. */
const historyPrefix = "DEMO-HIST-";
const hourMs = 60 * 60 * 1000;

/** A small seeded generator (mulberry32): the same numbers on every machine and every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

function pick<T>(random: Random, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
  let point = random() * total;
  for (const [value, weight] of weighted) {
    point -= weight;
    if (point < 0) return value;
  }
  return (weighted[weighted.length - 1] as readonly [T, number])[0];
}

const between = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));

const forceWeights = [
  ["west-midlands", 50],
  ["staffordshire", 20],
  ["west-mercia", 20],
  ["warwickshire", 10],
] as const;

interface Kind {
  code: string;
  weight: number;
  /** Attacks on systems hit organisations; the rest mostly people. */
  targetsOrganisations: boolean;
  /** Frauds by deception, which reach older people most. */
  deception: boolean;
  /** Losses between 10^min and 10^max pounds, when there is a loss. */
  lossPowers: readonly [number, number];
  lossChance: number;
  summaries: readonly string[];
}

// Only codes shipped in the reference data. Tax fraud has no NFIB code in the shipped list (none
// could be cited), so the demo records HMRC impersonation as NFIB90, other fraud.
const kinds: readonly Kind[] = [
  {
    code: "NFIB52C",
    weight: 12,
    targetsOrganisations: false,
    deception: false,
    lossPowers: [1, 3],
    lossChance: 0.3,
    summaries: [
      "Demo: social media account taken over and used to ask friends for money.",
      "Demo: e-mail account hijacked after a fake log-in page; contacts sent invoices.",
    ],
  },
  {
    code: "NFIB52B",
    weight: 12,
    targetsOrganisations: false,
    deception: false,
    lossPowers: [2, 4],
    lossChance: 0.5,
    summaries: [
      "Demo: caller posing as broadband support installed remote access and emptied a savings account.",
      "Demo: phone and banking app accessed after a SIM swap.",
    ],
  },
  {
    code: "NFIB5A",
    weight: 22,
    targetsOrganisations: false,
    deception: true,
    lossPowers: [2, 4.3],
    lossChance: 0.95,
    summaries: [
      "Demo: caller claiming to be from the bank's fraud team talked the victim into moving money to a 'safe account'.",
      "Demo: card details taken on a fake parcel-delivery site and used online.",
    ],
  },
  {
    code: "NFIB90",
    weight: 18,
    targetsOrganisations: false,
    deception: true,
    lossPowers: [1.7, 4],
    lossChance: 0.8,
    summaries: [
      "Demo: paid for a holiday let advertised online that did not exist.",
      "Demo: paid an upfront fee for a loan that never came.",
    ],
  },
  {
    code: "NFIB50A",
    weight: 7,
    targetsOrganisations: false,
    deception: false,
    lossPowers: [1, 3],
    lossChance: 0.2,
    summaries: ["Demo: laptop infected by malware from a fake software update; files and passwords stolen."],
  },
  {
    code: "NFIB52A",
    weight: 5,
    targetsOrganisations: true,
    deception: false,
    lossPowers: [3, 5],
    lossChance: 0.6,
    summaries: ["Demo: web shop's server breached and customer card details copied."],
  },
  {
    code: "NFIB52E",
    weight: 5,
    targetsOrganisations: true,
    deception: false,
    lossPowers: [3.5, 5.3],
    lossChance: 0.9,
    summaries: ["Demo: files encrypted by ransomware and a ransom demanded in bitcoin."],
  },
  {
    code: "NFIB52D",
    weight: 4,
    targetsOrganisations: true,
    deception: false,
    lossPowers: [3, 4.3],
    lossChance: 0.9,
    summaries: ["Demo: office phone system hacked over a weekend and used to call premium-rate numbers."],
  },
  {
    code: "NFIB51A",
    weight: 3,
    targetsOrganisations: true,
    deception: false,
    lossPowers: [2, 4],
    lossChance: 0.4,
    summaries: ["Demo: charity's donation site knocked offline by a denial of service attack."],
  },
  {
    code: "NFIB51B",
    weight: 2,
    targetsOrganisations: true,
    deception: false,
    lossPowers: [3, 4.7],
    lossChance: 0.5,
    summaries: ["Demo: online retailer threatened with a denial of service attack unless it paid."],
  },
];

const taxFraud: Kind = {
  code: "NFIB90",
  weight: 0,
  targetsOrganisations: false,
  deception: true,
  lossPowers: [2, 3.9],
  lossChance: 0.85,
  summaries: [
    "Demo: text claiming to be from HMRC offered a tax refund; bank details entered on a copy of the GOV.UK site.",
    "Demo: caller claiming to be from HMRC threatened arrest over unpaid tax and demanded payment by gift cards.",
    "Demo: e-mail about the new tax year's self assessment led to a fake HMRC log-in page.",
  ],
};

// Deception reaches the old most (the 65s and over are over-represented); device and account
// hacking is spread more evenly, with the young the most exposed.
const deceptionAges = [
  ["under-18", 1],
  ["18-24", 4],
  ["25-34", 7],
  ["35-44", 8],
  ["45-54", 10],
  ["55-64", 13],
  ["65-74", 27],
  ["75-plus", 32],
  ["unknown", 2],
] as const;
const hackingAges = [
  ["under-18", 9],
  ["18-24", 14],
  ["25-34", 16],
  ["35-44", 15],
  ["45-54", 14],
  ["55-64", 12],
  ["65-74", 10],
  ["75-plus", 8],
  ["unknown", 2],
] as const;

const decisionReasons = {
  allocated: "Lines of enquiry from the suspect identifiers",
  "victim-care-only": "No viable lines of enquiry; the victim needs support and Protect advice",
  "no-further-action": "No loss, no lines of enquiry and no vulnerability",
} as const;

type DemoInput = Omit<z.input<typeof referralInput>, "crimeReference">;

interface HistoryReferral {
  input: DemoInput;
  receivedAt: Date;
  /** Never decided (still waiting) when null. */
  decision: {
    status: keyof typeof decisionReasons;
    unit: "ecu" | "fcid" | "ppu" | "rocu-cyber" | "nca" | null;
    at: Date;
  } | null;
  /** When the victim was first contacted; null when not (yet) contacted. */
  contactedAt: Date | null;
}

function makeReferral(random: Random, reportedOn: string, kind: Kind, contactHours: number): HistoryReferral {
  const organisation = kind.targetsOrganisations && random() < 0.85;
  const victimType = organisation
    ? pick(random, [
        ["business", 70],
        ["organisation", 18],
        ["charity", 12],
      ] as const)
    : "individual";
  const victimAgeBand = organisation
    ? "not-applicable"
    : pick(random, kind.deception ? deceptionAges : hackingAges);
  const elderly = victimAgeBand === "65-74" || victimAgeBand === "75-plus";
  const vulnerability = organisation
    ? "none"
    : pick(
        random,
        elderly
          ? ([
              ["none", 35],
              ["some", 35],
              ["high", 30],
            ] as const)
          : ([
              ["none", 78],
              ["some", 16],
              ["high", 6],
            ] as const),
      );
  const [lowPower, highPower] = kind.lossPowers;
  const lossPounds =
    random() < kind.lossChance ? Math.round(10 ** (lowPower + random() * (highPower - lowPower))) : 0;
  const hour = String(between(random, 8, 19)).padStart(2, "0");
  const minute = String(between(random, 0, 59)).padStart(2, "0");
  const receivedAt = new Date(`${reportedOn}T${hour}:${minute}:00Z`);
  const inThePast = (hoursAfter: number) =>
    receivedAt.getTime() + hoursAfter * hourMs < Date.now()
      ? new Date(receivedAt.getTime() + hoursAfter * hourMs)
      : null;

  const status = pick(random, [
    ["allocated", 35],
    ["victim-care-only", vulnerability === "none" ? 25 : 45],
    ["no-further-action", lossPounds === 0 ? 40 : 20],
  ] as const);
  const unit =
    status === "allocated"
      ? pick(random, [
          ["ecu", kind.deception ? 45 : 15],
          ["rocu-cyber", kind.deception ? 10 : 45],
          ["fcid", 15],
          ["ppu", victimAgeBand === "under-18" ? 40 : 5],
          ["nca", lossPounds >= 100_000 ? 30 : 2],
        ] as const)
      : null;
  // Decided within a few days; the latest referrals may still be waiting.
  const decidedAt = inThePast(between(random, 2, 120));

  // Most vulnerable victims are reached within the target; some late, some never.
  const contact =
    vulnerability === "none"
      ? null
      : pick(random, [
          ["on time", 65],
          ["late", 20],
          ["never", 15],
        ] as const);
  const contactedAt =
    contact === "on time"
      ? inThePast(between(random, 2, contactHours - 2))
      : contact === "late"
        ? inThePast(contactHours + between(random, 4, 90))
        : null;

  return {
    input: {
      source: random() < 0.9 ? "action-fraud" : "direct",
      forceId: pick(random, forceWeights),
      reportedOn,
      nfibCode: kind.code,
      summary: kind.summaries[between(random, 0, kind.summaries.length - 1)] as string,
      victimType,
      victimAgeBand,
      contactPreference: organisation
        ? "email"
        : pick(random, [
            ["phone", 60],
            ["email", 25],
            ["letter", 10],
            ["visit", 5],
          ] as const),
      vulnerability,
      vulnerabilityIndicators:
        vulnerability === "none" ? [] : elderly ? ["elderly", "lives alone"] : ["financial hardship"],
      harmOngoing: random() < 0.2,
      lossPounds,
      classification: "OFFICIAL-SENSITIVE",
    },
    receivedAt,
    decision: decidedAt ? { status, unit, at: decidedAt } : null,
    contactedAt,
  };
}

/** About 300 referrals over the 24 months up to yesterday, in order of report. */
function demoHistory(today: string, contactHours: number): HistoryReferral[] {
  const random = seededRandom(20_260_401);
  const thisMonth = today.slice(0, 7);
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 24 * hourMs).toISOString().slice(0, 10);
  const history: HistoryReferral[] = [];
  for (let back = 24; back >= 0; back -= 1) {
    const month = addMonths(thisMonth, -back);
    const lastDay = back === 0 ? yesterday : lastDayOf(month);
    // On the first of the month, the current month has no past days yet.
    if (lastDay < `${month}-01`) continue;
    const days = Number(lastDay.slice(8, 10));
    const dayOf = () => `${month}-${String(between(random, 1, days)).padStart(2, "0")}`;
    // Fewer in the current, partial month.
    const count = Math.round(between(random, 9, 13) * (back === 0 ? days / 30 : 1));
    for (let index = 0; index < count; index += 1) {
      const kind = pick(
        random,
        kinds.map((candidate) => [candidate, candidate.weight] as const),
      );
      history.push(makeReferral(random, dayOf(), kind, contactHours));
    }
    // The tax fraud peak: tax refund and self assessment scams at the start of the financial year.
    const taxCount = month.endsWith("-04") ? between(random, 14, 18) : between(random, 0, 1);
    for (let index = 0; index < taxCount; index += 1)
      history.push(makeReferral(random, dayOf(), taxFraud, contactHours));
  }
  return history.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
}

/**
 * Ingests the demo history through the same intake as the form and import, then records, as if
 * they had happened, each referral's triage decision (by `decidedBy`) and first victim contact.
 * Does nothing if the history is already there. Returns how many referrals it added.
 */
export async function seedDemoReferralHistory(
  tx: Tx,
  settings: TriageSettings,
  decidedBy: string,
): Promise<number> {
  const [existing] = await tx
    .select({ id: referrals.id })
    .from(referrals)
    .where(like(referrals.crimeReference, `${historyPrefix}%`))
    .limit(1);
  if (existing) return 0;
  const history = demoHistory(ukToday(), settings.victimContactHours);
  // Numbered in order of report.
  const numbered = history.map((referral, index) => ({
    ...referral,
    crimeReference: `${historyPrefix}${String(index + 1).padStart(4, "0")}`,
  }));
  // One batch through intake, then each referral's clocks moved back to when it arrived: the
  // same columns ingest would have set had it been received then.
  const ingested = await ingestReferrals(
    tx,
    numbered.map((referral) =>
      prepareReferral(referralInput.parse({ ...referral.input, crimeReference: referral.crimeReference })),
    ),
    { receivedAt: new Date(), settings, importRunId: null },
  );
  const stored = new Map(
    (
      await tx
        .select({ id: referrals.id, crimeReference: referrals.crimeReference, band: referrals.priorityBand })
        .from(referrals)
        .where(
          inArray(
            referrals.id,
            ingested.map((row) => row.id),
          ),
        )
    ).map((row) => [row.crimeReference, row]),
  );
  const decisions: (typeof referralDecisions.$inferInsert)[] = [];
  for (const referral of numbered) {
    const row = stored.get(referral.crimeReference);
    if (!row) throw new Error(`demo referral ${referral.crimeReference} was not ingested`);
    const { decision, contactedAt, receivedAt } = referral;
    if (decision)
      decisions.push({
        referralId: row.id,
        kind: "triage",
        outcome: decision.status,
        allocatedUnit: decision.unit,
        reason: decisionReasons[decision.status],
        decidedBy,
        decidedAt: decision.at,
      });
    await tx
      .update(referrals)
      .set({
        receivedAt,
        versionReceivedAt: receivedAt,
        createdAt: receivedAt,
        triageDueAt: triageDue(receivedAt, row.band, settings.targets),
        contactDueAt:
          referral.input.vulnerability === "none"
            ? null
            : new Date(receivedAt.getTime() + settings.victimContactHours * hourMs),
        contactedAt,
        ...(decision
          ? {
              status: decision.status,
              allocatedUnit: decision.unit,
              decisionReason: decisionReasons[decision.status],
              decidedBy,
              decidedAt: decision.at,
              updatedAt: decision.at,
            }
          : {}),
      })
      .where(eq(referrals.id, row.id));
  }
  if (decisions.length > 0) await tx.insert(referralDecisions).values(decisions);
  return history.length;
}
