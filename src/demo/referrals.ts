import { like } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "#src/db/database.ts";
import { referrals } from "#src/db/schema.ts";
import { ingestReferrals } from "#src/features/referrals/ingest.ts";
import { prepareReferral, referralInput } from "#src/features/referrals/intake.ts";
import { loadTriageSettings } from "#src/features/referrals/settings.ts";

const hourMs = 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * 24 * hourMs).toISOString().slice(0, 10);

/** A made-up wallet that three demo referrals share, so the linking shows. */
const sharedWallet = "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh";
/** Demo crime references start with this, so a demo instance can tell its own records. */
const demoPrefix = "DEMO-NFRC";

type DemoReferral = z.input<typeof referralInput> & { receivedHoursAgo: number };

const base = {
  source: "action-fraud",
  forceId: "west-midlands",
  contactPreference: "phone",
  classification: "OFFICIAL-SENSITIVE",
} as const;

/** Referrals waiting for triage in West Midlands, received over the last days: some are overdue. */
const demoReferrals: DemoReferral[] = [
  {
    ...base,
    crimeReference: `${demoPrefix}-0001`,
    reportedOn: daysAgo(1),
    nfibCode: "NFIB52B",
    summary:
      "Demo: an 81-year-old's e-mail and online banking were taken over after a call from someone claiming to be from her broadband provider; remote access software is still installed.",
    victimType: "individual",
    victimAgeBand: "75-plus",
    victimName: "Demo Victim One",
    victimEmail: "demo.victim.one@example.org",
    vulnerability: "high",
    vulnerabilityIndicators: ["lives alone", "hearing impaired"],
    harmOngoing: true,
    lossPounds: 18_400,
    suspectIdentifiers: [
      { kind: "phone", value: "020 7946 0321" },
      { kind: "crypto-wallet", value: sharedWallet },
    ],
    receivedHoursAgo: 20,
  },
  {
    ...base,
    crimeReference: `${demoPrefix}-0002`,
    reportedOn: daysAgo(3),
    nfibCode: "NFIB52E",
    summary:
      "Demo: a small accountancy firm's files were encrypted and a ransom demanded in bitcoin; backups were two weeks old.",
    victimType: "business",
    victimAgeBand: "not-applicable",
    victimEmail: "office@demo-accountants.example",
    contactPreference: "email",
    vulnerability: "none",
    harmOngoing: true,
    lossPounds: 42_000,
    suspectIdentifiers: [
      { kind: "crypto-wallet", value: sharedWallet },
      { kind: "email", value: "decrypt-support@demo-ransom.example" },
    ],
    receivedHoursAgo: 80,
  },
  {
    ...base,
    source: "direct",
    forceId: "staffordshire",
    crimeReference: `${demoPrefix}-0003`,
    reportedOn: daysAgo(2),
    nfibCode: "NFIB52C",
    summary: "Demo: a teenager's social media account was hijacked and used to ask friends for gift cards.",
    victimType: "individual",
    victimAgeBand: "under-18",
    vulnerability: "some",
    vulnerabilityIndicators: ["child"],
    harmOngoing: false,
    lossPounds: 150,
    suspectIdentifiers: [{ kind: "social-handle", value: "instagram:@demo_giftcard_helper" }],
    receivedHoursAgo: 40,
  },
  {
    ...base,
    crimeReference: `${demoPrefix}-0004`,
    reportedOn: daysAgo(6),
    nfibCode: "NFIB50A",
    summary: "Demo: spyware found on a laptop after a fake parcel-delivery text; no money lost.",
    victimType: "individual",
    victimAgeBand: "35-44",
    vulnerability: "none",
    harmOngoing: false,
    lossPounds: 0,
    suspectIdentifiers: [{ kind: "url", value: "https://demo-parcel-redelivery.example/track" }],
    receivedHoursAgo: 150,
  },
  {
    ...base,
    crimeReference: `${demoPrefix}-0005`,
    reportedOn: daysAgo(1),
    nfibCode: "NFIB52B",
    summary:
      "Demo: Demo Victim One reports again: a second account opened in her name after the takeover reported earlier.",
    victimType: "individual",
    victimAgeBand: "75-plus",
    victimName: "Demo Victim One",
    victimEmail: "Demo.Victim.One@example.org",
    vulnerability: "high",
    vulnerabilityIndicators: ["lives alone"],
    harmOngoing: true,
    lossPounds: 2_300,
    suspectIdentifiers: [{ kind: "crypto-wallet", value: sharedWallet }],
    receivedHoursAgo: 6,
  },
  {
    ...base,
    crimeReference: `${demoPrefix}-0006`,
    reportedOn: daysAgo(9),
    nfibCode: "NFIB51B",
    summary:
      "Demo: an online retailer's website was knocked offline and payment demanded to stop the attack.",
    victimType: "business",
    victimAgeBand: "not-applicable",
    contactPreference: "email",
    victimEmail: "it@demo-retailer.example",
    vulnerability: "none",
    harmOngoing: false,
    lossPounds: 7_500,
    suspectIdentifiers: [{ kind: "ip", value: "203.0.113.77" }],
    receivedHoursAgo: 220,
  },
];

/**
 * Seeds a few made-up referrals awaiting triage, if there are none yet: a vulnerable elderly
 * victim who reports twice (a repeat victim), three referrals sharing one crypto wallet (a
 * series), a ransomware attack on a small business, and others across the priority bands.
 */
export async function seedDemoReferrals(db: Db): Promise<number> {
  const [existing] = await db
    .select({ id: referrals.id })
    .from(referrals)
    .where(like(referrals.crimeReference, `${demoPrefix}%`))
    .limit(1);
  if (existing) return 0;
  const settings = await loadTriageSettings(db);
  // Oldest first, so the later report of the same victim is the repeat.
  const ordered = [...demoReferrals].sort((a, b) => b.receivedHoursAgo - a.receivedHoursAgo);
  await db.transaction(async (tx) => {
    for (const { receivedHoursAgo, ...input } of ordered) {
      await ingestReferrals(tx, [prepareReferral(referralInput.parse(input))], {
        receivedAt: new Date(Date.now() - receivedHoursAgo * hourMs),
        settings,
        importRunId: null,
      });
    }
  });
  return ordered.length;
}
