import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referrals } from "#src/db/schema.ts";
import { seedDemoReferralHistory } from "#src/demo/referral-history.ts";
import { addMonths, lastTwelveWholeMonths } from "#src/features/cyber-dashboard/months.ts";
import type { CyberDashboardView } from "#src/features/cyber-dashboard/schema.ts";
import { ingestReferrals } from "#src/features/referrals/ingest.ts";
import { prepareReferral, referralInput } from "#src/features/referrals/intake.ts";
import { defaultTriageSettings } from "#src/features/referrals/settings.ts";
import { ukToday } from "#src/lib/periods.ts";
import type { Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

type Client = Awaited<ReturnType<TestApp["signedIn"]>>;

const hour = 60 * 60 * 1000;

interface Story {
  reference: string;
  forceId: string;
  reportedOn: string;
  nfibCode: string;
  victimType: "individual" | "business";
  victimAgeBand: string;
  lossPounds: number;
  vulnerability: "none" | "some" | "high";
  classification?: "OFFICIAL" | "SECRET";
  /** What triage decided, if it has. */
  decision?: { status: "allocated" | "victim-care-only" | "no-further-action"; unit?: "ecu" | "rocu-cyber" };
  /** When the victim was contacted, in hours after the referral arrived. */
  contactedAfterHours?: number;
  /** Moves the contact deadline to tomorrow, so the target is still open. */
  contactStillDue?: boolean;
}

// A small, hand-counted set. The range asked for is January to June 2025.
const stories: Story[] = [
  {
    reference: "DASH-01",
    forceId: "west-midlands",
    reportedOn: "2025-01-10",
    nfibCode: "NFIB52B",
    victimType: "individual",
    victimAgeBand: "75-plus",
    lossPounds: 0,
    vulnerability: "none",
    decision: { status: "allocated", unit: "ecu" },
  },
  {
    reference: "DASH-02",
    forceId: "west-midlands",
    reportedOn: "2025-01-20",
    nfibCode: "NFIB90",
    victimType: "individual",
    victimAgeBand: "65-74",
    lossPounds: 500,
    vulnerability: "high",
    decision: { status: "victim-care-only" },
    contactedAfterHours: 24,
  },
  {
    reference: "DASH-03",
    forceId: "west-midlands",
    reportedOn: "2025-03-05",
    nfibCode: "NFIB5A",
    victimType: "business",
    victimAgeBand: "not-applicable",
    lossPounds: 25_000,
    vulnerability: "some",
    decision: { status: "allocated", unit: "rocu-cyber" },
    contactedAfterHours: 100,
  },
  {
    reference: "DASH-04",
    forceId: "west-midlands",
    reportedOn: "2025-03-06",
    nfibCode: "NFIB90",
    victimType: "individual",
    victimAgeBand: "75-plus",
    lossPounds: 150_000,
    vulnerability: "high",
    decision: { status: "no-further-action" },
  },
  {
    reference: "DASH-05",
    forceId: "west-midlands",
    reportedOn: "2025-06-30",
    nfibCode: "NFIB52C",
    victimType: "individual",
    victimAgeBand: "25-34",
    lossPounds: 1_000,
    vulnerability: "some",
    contactStillDue: true,
  },
  // Outside the range, either side.
  {
    reference: "DASH-06",
    forceId: "west-midlands",
    reportedOn: "2024-12-31",
    nfibCode: "NFIB90",
    victimType: "individual",
    victimAgeBand: "75-plus",
    lossPounds: 10,
    vulnerability: "none",
  },
  {
    reference: "DASH-07",
    forceId: "west-midlands",
    reportedOn: "2025-07-01",
    nfibCode: "NFIB90",
    victimType: "individual",
    victimAgeBand: "75-plus",
    lossPounds: 10,
    vulnerability: "none",
  },
  // Another force of the same region.
  {
    reference: "DASH-08",
    forceId: "staffordshire",
    reportedOn: "2025-02-14",
    nfibCode: "NFIB52B",
    victimType: "individual",
    victimAgeBand: "75-plus",
    lossPounds: 2_000,
    vulnerability: "none",
  },
  // Above most readers' clearance.
  {
    reference: "DASH-09",
    forceId: "west-midlands",
    reportedOn: "2025-02-02",
    nfibCode: "NFIB52A",
    victimType: "business",
    victimAgeBand: "not-applicable",
    lossPounds: 90_000,
    vulnerability: "none",
    classification: "SECRET",
  },
];

async function seed(t: TestApp) {
  const db = t.database.db;
  for (const story of stories) {
    const input = referralInput.parse({
      crimeReference: story.reference,
      source: "action-fraud",
      forceId: story.forceId,
      reportedOn: story.reportedOn,
      nfibCode: story.nfibCode,
      summary: "Made up for the dashboard test.",
      victimType: story.victimType,
      victimAgeBand: story.victimAgeBand,
      contactPreference: "phone",
      vulnerability: story.vulnerability,
      harmOngoing: false,
      lossPounds: story.lossPounds,
      classification: story.classification ?? "OFFICIAL",
    });
    const receivedAt = new Date(`${story.reportedOn}T12:00:00Z`);
    await db.transaction((tx) =>
      ingestReferrals(tx, [prepareReferral(input)], {
        receivedAt,
        settings: defaultTriageSettings,
        importRunId: null,
      }),
    );
    const decision = story.decision;
    await db
      .update(referrals)
      .set({
        updatedAt: new Date(),
        ...(decision
          ? {
              status: decision.status,
              allocatedUnit: decision.unit ?? null,
              decisionReason: "Decided for the dashboard test",
              decidedAt: new Date(receivedAt.getTime() + hour),
            }
          : {}),
        ...(story.contactedAfterHours === undefined
          ? {}
          : { contactedAt: new Date(receivedAt.getTime() + story.contactedAfterHours * hour) }),
        ...(story.contactStillDue ? { contactDueAt: sql`now() + interval '1 day'` } : {}),
      })
      .where(eq(referrals.crimeReference, story.reference));
  }
}

const range = "from=2025-01&to=2025-06";

describe.each(databaseKinds())("cyber crime dashboard on %s", (kind) => {
  let t: TestApp;
  let wmAnalyst: Client;
  let regionBoard: Client;
  let nationalSecret: Client;

  const dashboard = async (client: Client, query: string) => {
    const response = await client.get<CyberDashboardView>(`/api/v1/cyber-dashboard?${query}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    await seed(t);
    wmAnalyst = await t.signedIn({ roles: ["analyst"], organisationId: "west-midlands" });
    regionBoard = await t.signedIn({
      roles: ["board"],
      organisationId: "rocuwm",
      scope: "region",
      clearance: "OFFICIAL",
    });
    nationalSecret = await t.signedIn({ roles: ["finance"], scope: "national", clearance: "SECRET" });
  });
  afterAll(() => t.close());

  it("counts a force's referrals by month, with zeros for months without any", async () => {
    const view = await dashboard(wmAnalyst, range);
    expect(view.from).toBe("2025-01");
    expect(view.to).toBe("2025-06");
    expect(view.totals).toEqual({ referrals: 5, lossPence: 17_650_000 });
    expect(view.months.map((month) => [month.month, month.referrals, month.lossPence])).toEqual([
      ["2025-01", 2, 50_000],
      ["2025-02", 0, 0],
      ["2025-03", 2, 17_500_000],
      ["2025-04", 0, 0],
      ["2025-05", 0, 0],
      ["2025-06", 1, 100_000],
    ]);
    expect(view.months.map((month) => month.categories)).toEqual([
      { "cyber-dependent": 1, "cyber-enabled": 0, other: 1 },
      { "cyber-dependent": 0, "cyber-enabled": 0, other: 0 },
      { "cyber-dependent": 0, "cyber-enabled": 0, other: 2 },
      { "cyber-dependent": 0, "cyber-enabled": 0, other: 0 },
      { "cyber-dependent": 0, "cyber-enabled": 0, other: 0 },
      { "cyber-dependent": 1, "cyber-enabled": 0, other: 0 },
    ]);
  });

  it("counts by NFIB code, victim, loss band and triage outcome", async () => {
    const view = await dashboard(wmAnalyst, range);
    expect(view.nfibCodes[0]).toMatchObject({ code: "NFIB90", category: "other", referrals: 2 });
    expect(
      Object.fromEntries(view.nfibCodes.map((code) => [code.code, [code.referrals, code.lossPence]])),
    ).toEqual({
      NFIB90: [2, 15_050_000],
      NFIB52B: [1, 0],
      NFIB52C: [1, 100_000],
      NFIB5A: [1, 2_500_000],
    });
    expect(view.victimTypes).toEqual([
      { victimType: "individual", referrals: 4 },
      { victimType: "business", referrals: 1 },
      { victimType: "organisation", referrals: 0 },
      { victimType: "charity", referrals: 0 },
    ]);
    expect(view.victimAgeBands.map((band) => `${band.victimAgeBand}:${band.referrals}`)).toEqual([
      "under-18:0",
      "18-24:0",
      "25-34:1",
      "35-44:0",
      "45-54:0",
      "55-64:0",
      "65-74:1",
      "75-plus:2",
      "unknown:0",
      "not-applicable:1",
    ]);
    // £1,000 exactly falls in the band above, as in triage scoring.
    expect(view.lossBands.map((band) => [band.band, band.referrals, band.lossPence])).toEqual([
      ["none", 1, 0],
      ["under-1k", 1, 50_000],
      ["1k-to-10k", 1, 100_000],
      ["10k-to-100k", 1, 2_500_000],
      ["100k-plus", 1, 15_000_000],
    ]);
    expect(view.triage).toEqual([
      { status: "awaiting-triage", allocatedUnit: null, referrals: 1 },
      { status: "allocated", allocatedUnit: "ecu", referrals: 1 },
      { status: "allocated", allocatedUnit: "rocu-cyber", referrals: 1 },
      { status: "victim-care-only", allocatedUnit: null, referrals: 1 },
      { status: "no-further-action", allocatedUnit: null, referrals: 1 },
    ]);
  });

  it("counts vulnerable victims' contact target as met, missed or pending", async () => {
    const view = await dashboard(wmAnalyst, range);
    // Contacted within 72 hours; contacted after 100 hours and never contacted; due tomorrow.
    expect(view.contactTarget).toEqual({ met: 1, missed: 2, pending: 1 });
  });

  it("counts each figure over exactly the records its link lists", async () => {
    const listed = async (query: string) => {
      const response = await wmAnalyst.get<{ total: number }>(
        `/api/v1/referrals?reportedFrom=2025-01-01&reportedTo=2025-06-30&${query}`,
      );
      expect(response.status).toBe(200);
      return response.body.total;
    };
    expect(await listed("")).toBe(5);
    expect(await listed("month=2025-03")).toBe(2);
    expect(await listed("month=2025-01&category=cyber-dependent")).toBe(1);
    expect(await listed("nfibCode=NFIB90")).toBe(2);
    expect(await listed("victimAgeBand=75-plus")).toBe(2);
    expect(await listed("status=allocated&allocatedUnit=rocu-cyber")).toBe(1);
    expect(await listed("contactTarget=missed")).toBe(2);
    expect(await listed("contactTarget=pending")).toBe(1);
  });

  it("shows a force only its own referrals, a region its forces', and respects clearance", async () => {
    const region = await dashboard(regionBoard, range);
    expect(region.totals.referrals).toBe(6);
    expect(region.months[1]).toMatchObject({ month: "2025-02", referrals: 1 });
    expect(region.victimAgeBands.find((band) => band.victimAgeBand === "75-plus")?.referrals).toBe(3);
    expect(region.forces.map((force) => force.id).sort()).toEqual([
      "staffordshire",
      "warwickshire",
      "west-mercia",
      "west-midlands",
    ]);

    const staffordshire = await dashboard(regionBoard, `${range}&forceId=staffordshire`);
    expect(staffordshire.forceId).toBe("staffordshire");
    expect(staffordshire.totals).toEqual({ referrals: 1, lossPence: 200_000 });

    const national = await dashboard(nationalSecret, range);
    expect(national.totals.referrals).toBe(7);
    expect(national.nfibCodes.find((code) => code.code === "NFIB52A")?.referrals).toBe(1);

    const force = await dashboard(wmAnalyst, range);
    expect(force.forces).toEqual([{ id: "west-midlands", name: expect.any(String) }]);
  });

  it("counts OFFICIAL-SENSITIVE referrals for every reader, SECRET ones only for those cleared", async () => {
    const before = await dashboard(regionBoard, "from=2025-04&to=2025-04");
    const desk = await t.signedIn({ roles: ["investigator"], scope: "national", clearance: "SECRET" });
    for (const [crimeReference, classification] of [
      ["DASH-COUNT-OS", "OFFICIAL-SENSITIVE"],
      ["DASH-COUNT-S", "SECRET"],
    ] as const) {
      const created = await desk.post("/api/v1/referrals", {
        crimeReference,
        source: "action-fraud",
        forceId: "west-midlands",
        reportedOn: "2025-04-10",
        nfibCode: "NFIB52B",
        summary: "Counted on the dashboard",
        victimType: "individual",
        victimAgeBand: "45-54",
        contactPreference: "email",
        vulnerability: "none",
        harmOngoing: false,
        lossPounds: 0,
        classification,
      });
      expect(created.status).toBe(201);
    }
    // The board member is cleared to OFFICIAL only: a count shows nothing of a referral's content.
    const after = await dashboard(regionBoard, "from=2025-04&to=2025-04");
    expect(after.totals.referrals).toBe(before.totals.referrals + 1);
    const cleared = await dashboard(nationalSecret, "from=2025-04&to=2025-04");
    expect(cleared.totals.referrals).toBe(before.totals.referrals + 2);
  });

  it("refuses a force outside the user's scope and a range that runs backwards", async () => {
    const otherForce = await wmAnalyst.get<Problem>(`/api/v1/cyber-dashboard?${range}&forceId=staffordshire`);
    expect(otherForce.status).toBe(400);
    expect(otherForce.body.errors?.map((error) => error.field)).toEqual(["forceId"]);

    const backwards = await wmAnalyst.get<Problem>("/api/v1/cyber-dashboard?from=2025-06&to=2025-01");
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors?.map((error) => error.field)).toEqual(["to"]);

    const notAMonth = await wmAnalyst.get<Problem>("/api/v1/cyber-dashboard?from=2025-13");
    expect(notAMonth.status).toBe(400);
  });

  it("defaults to the last twelve whole months", async () => {
    const view = await dashboard(wmAnalyst, "");
    expect({ from: view.from, to: view.to }).toEqual(lastTwelveWholeMonths(ukToday()));
    expect(view.months).toHaveLength(12);
  });
});

describe.each(databaseKinds())("the demo referral history on %s", (kind) => {
  let t: TestApp;
  let national: Client;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const supervisor = await t.createUser({ roles: ["supervisor"] });
    const seeded = await t.database.db.transaction((tx) =>
      seedDemoReferralHistory(tx, defaultTriageSettings, supervisor.id),
    );
    expect(seeded).toBeGreaterThan(250);
    // A second seed adds nothing.
    expect(
      await t.database.db.transaction((tx) =>
        seedDemoReferralHistory(tx, defaultTriageSettings, supervisor.id),
      ),
    ).toBe(0);
    national = await t.signedIn({ roles: ["board"], scope: "national" });
  });
  afterAll(() => t.close());

  it("shows a tax fraud peak every April and elderly victims over-represented", async () => {
    const lastWhole = lastTwelveWholeMonths(ukToday()).to;
    const response = await national.get<CyberDashboardView>(
      `/api/v1/cyber-dashboard?from=${addMonths(lastWhole, -23)}&to=${lastWhole}`,
    );
    expect(response.status).toBe(200);
    const view = response.body;
    const aprils = view.months.filter((month) => month.month.endsWith("-04"));
    const others = view.months.filter((month) => !month.month.endsWith("-04"));
    expect(aprils).toHaveLength(2);
    for (const april of aprils)
      expect(april.referrals).toBeGreaterThan(Math.max(...others.map((month) => month.referrals)));

    const people = view.victimAgeBands.filter(
      (band) => band.victimAgeBand !== "not-applicable" && band.victimAgeBand !== "unknown",
    );
    const largestTwo = [...people].sort((a, b) => b.referrals - a.referrals).slice(0, 2);
    expect(largestTwo.map((band) => band.victimAgeBand).sort()).toEqual(["65-74", "75-plus"]);

    expect(view.triage.map((row) => row.status)).toEqual(
      expect.arrayContaining(["allocated", "victim-care-only", "no-further-action"]),
    );
    expect(view.contactTarget.met).toBeGreaterThan(0);
    expect(view.contactTarget.missed).toBeGreaterThan(0);
  });
});
