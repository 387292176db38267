import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReferralPageView, ReferralView } from "#src/features/referrals/schema.ts";
import { defaultTriageSettings } from "#src/features/referrals/settings.ts";
import type { Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

type Client = Awaited<ReturnType<TestApp["signedIn"]>>;
type Intake = { outcome: "created" | "versioned" | "unchanged"; referral: ReferralView };

const fields = (problem: Pick<Problem, "errors">) =>
  (problem.errors ?? []).map((error) => error.field).sort();

let references = 0;
const nextReference = () => `NFRC${String(++references).padStart(6, "0")}`;

const baseReferral = {
  source: "action-fraud",
  forceId: "west-midlands",
  reportedOn: "2026-04-06",
  nfibCode: "NFIB52B",
  summary: "Victim's e-mail account taken over and used to ask contacts for money.",
  victimType: "individual",
  victimAgeBand: "75-plus",
  contactPreference: "phone",
  vulnerability: "none",
  harmOngoing: false,
  lossPounds: 0,
  classification: "OFFICIAL",
};

describe.each(databaseKinds())("cyber crime referrals on %s", (kind) => {
  let t: TestApp;
  let wmInvestigator: Client;
  let wmSupervisor: Client;
  let staffsInvestigator: Client;
  let rocuAnalyst: Client;
  let national: Client;

  const submit = async (client: Client, body: Record<string, unknown>) => {
    const response = await client.post<Intake>("/api/v1/referrals", { ...baseReferral, ...body });
    if (response.status >= 300) throw new Error(`intake failed: ${JSON.stringify(response.body)}`);
    return response.body;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    wmInvestigator = await t.signedIn({ roles: ["investigator"], organisationId: "west-midlands" });
    wmSupervisor = await t.signedIn({ roles: ["supervisor"], organisationId: "west-midlands" });
    staffsInvestigator = await t.signedIn({ roles: ["investigator"], organisationId: "staffordshire" });
    rocuAnalyst = await t.signedIn({ roles: ["analyst"], organisationId: "rocuwm", scope: "region" });
    national = await t.signedIn({ roles: ["investigator"], scope: "national", clearance: "SECRET" });
  });
  afterAll(() => t.close());

  it("scores a new referral and says why, with the triage clock set by its band", async () => {
    const { outcome, referral } = await submit(wmInvestigator, {
      crimeReference: nextReference(),
      vulnerability: "high",
      lossPounds: 25_000,
      harmOngoing: true,
      victimEmail: "First.Victim@example.com",
      suspectIdentifiers: [
        { kind: "email", value: "fraudster@example.net" },
        { kind: "crypto-wallet", value: "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq" },
      ],
    });
    expect(outcome).toBe("created");
    // 30 (high vulnerability) + 18 (£10,000–£99,999) + 15 (ongoing) + 0 (first report) + 2 × 5.
    expect(referral.priority.score).toBe(73);
    expect(referral.priority.band).toBe("P1");
    expect(referral.priority.reasons.map((reason) => reason.points)).toEqual([30, 18, 15, 0, 10]);
    expect(referral.status).toBe("awaiting-triage");
    expect(referral.lossPence).toBe(2_500_000);
    const due = new Date(referral.clock?.dueAt ?? 0).getTime() - new Date(referral.receivedAt).getTime();
    expect(due).toBe(24 * 60 * 60 * 1000);
    expect(referral.contactDueAt).not.toBeNull();
    expect(referral.canTriage).toBe(true);
  });

  it("explains bad input field by field and stores nothing", async () => {
    const crimeReference = nextReference();
    const response = await wmInvestigator.post<Problem>("/api/v1/referrals", {
      ...baseReferral,
      crimeReference,
      lossPounds: -5,
      reportedOn: "2026-02-30",
    });
    expect(response.status).toBe(400);
    expect(fields(response.body)).toEqual(["lossPounds", "reportedOn"]);
    const unknownCode = await wmInvestigator.post<Problem>("/api/v1/referrals", {
      ...baseReferral,
      crimeReference,
      nfibCode: "NFIB99Z",
    });
    expect(unknownCode.status).toBe(400);
    expect(unknownCode.body.errors).toEqual([{ field: "nfibCode", message: "Unknown NFIB code NFIB99Z" }]);
    const otherForce = await wmInvestigator.post<Problem>("/api/v1/referrals", {
      ...baseReferral,
      crimeReference,
      forceId: "staffordshire",
    });
    expect(fields(otherForce.body)).toEqual(["forceId"]);
    const listed = await national.get<ReferralPageView>(`/api/v1/referrals?q=${crimeReference}`);
    expect(listed.body.total).toBe(0);
  });

  it("treats a re-sent referral as the same one, and changed content as its next version", async () => {
    const crimeReference = nextReference();
    const first = await submit(wmInvestigator, { crimeReference, lossPounds: 100 });
    const again = await submit(wmInvestigator, { crimeReference, lossPounds: 100 });
    expect(again.outcome).toBe("unchanged");
    expect(again.referral.version).toBe(1);
    const changed = await submit(wmInvestigator, {
      crimeReference: crimeReference.toLowerCase(),
      lossPounds: 1_500,
      summary: "Now the victim's bank was contacted too.",
    });
    expect(changed.outcome).toBe("versioned");
    expect(changed.referral.id).toBe(first.referral.id);
    expect(changed.referral.version).toBe(2);
    expect(changed.referral.lossPence).toBe(150_000);
    expect(changed.referral.versions).toHaveLength(1);
    expect(changed.referral.versions[0]?.changes).toEqual({
      summary: { before: baseReferral.summary, after: "Now the victim's bank was contacted too." },
      lossPence: { before: 10_000, after: 150_000 },
    });
    // The new loss moves the score: £1,000–£9,999 scores 10 where under £1,000 scored 5.
    expect(changed.referral.priority.score - first.referral.priority.score).toBe(5);
    // Scored as a new referral with the same content would be (a new version and a new
    // referral are stored by different code: this keeps them in step).
    const fresh = await submit(wmInvestigator, {
      crimeReference: nextReference(),
      lossPounds: 1_500,
      summary: "Now the victim's bank was contacted too.",
      vulnerability: "some",
    });
    const resent = await submit(wmInvestigator, {
      crimeReference,
      lossPounds: 1_500,
      summary: "Now the victim's bank was contacted too.",
      vulnerability: "some",
    });
    expect(resent.outcome).toBe("versioned");
    expect(resent.referral.priority).toEqual(fresh.referral.priority);
    expect(resent.referral.contactDueAt === null).toBe(false);
  });

  it("flags a victim who reports again as a repeat victim", async () => {
    await submit(wmInvestigator, {
      crimeReference: nextReference(),
      victimEmail: "repeat.victim@example.com",
    });
    const second = await submit(wmInvestigator, {
      crimeReference: nextReference(),
      victimEmail: " Repeat.Victim@Example.com ",
    });
    expect(second.referral.repeatVictim).toBe(true);
    expect(second.referral.priority.reasons.find((reason) => reason.factor === "repeat-victim")?.points).toBe(
      10,
    );
  });

  it("links referrals that share a suspect identifier, counting only those the reader may see", async () => {
    const wallet = "0x52908400098527886E0F7030069857D2E4169EE7";
    const own = await submit(wmInvestigator, {
      crimeReference: nextReference(),
      suspectIdentifiers: [{ kind: "crypto-wallet", value: wallet }],
    });
    await submit(wmInvestigator, {
      crimeReference: nextReference(),
      suspectIdentifiers: [{ kind: "crypto-wallet", value: wallet.toLowerCase() }],
    });
    await submit(staffsInvestigator, {
      crimeReference: nextReference(),
      forceId: "staffordshire",
      suspectIdentifiers: [{ kind: "crypto-wallet", value: ` ${wallet} ` }],
    });
    const forForce = await wmInvestigator.get<ReferralView>(`/api/v1/referrals/${own.referral.id}`);
    const walletSeenByForce = forForce.body.suspectIdentifiers.find((item) => item.kind === "crypto-wallet");
    expect(walletSeenByForce?.linkedCount).toBe(1);
    const forNational = await national.get<ReferralView>(`/api/v1/referrals/${own.referral.id}`);
    const walletSeenNationally = forNational.body.suspectIdentifiers.find(
      (item) => item.kind === "crypto-wallet",
    );
    expect(walletSeenNationally?.linkedCount).toBe(2);
    expect(walletSeenNationally?.linked.map((item) => item.force.id).sort()).toEqual([
      "staffordshire",
      "west-midlands",
    ]);
    const series = await national.get<ReferralPageView>(
      `/api/v1/referrals?identifier=${encodeURIComponent(`crypto-wallet:${wallet}`)}`,
    );
    expect(series.body.total).toBe(3);
  });

  it("orders the triage queue by priority, then by who has waited longest", async () => {
    const low = await submit(staffsInvestigator, {
      crimeReference: nextReference(),
      forceId: "staffordshire",
    });
    const high = await submit(staffsInvestigator, {
      crimeReference: nextReference(),
      forceId: "staffordshire",
      vulnerability: "high",
      harmOngoing: true,
    });
    const lowAgain = await submit(staffsInvestigator, {
      crimeReference: nextReference(),
      forceId: "staffordshire",
    });
    const queue = await staffsInvestigator.get<ReferralPageView>("/api/v1/referrals?status=awaiting-triage");
    const ids = queue.body.items.map((item) => item.id);
    expect(ids.indexOf(high.referral.id)).toBeLessThan(ids.indexOf(low.referral.id));
    expect(ids.indexOf(low.referral.id)).toBeLessThan(ids.indexOf(lowAgain.referral.id));
    expect(queue.body.items.every((item) => item.force.id === "staffordshire")).toBe(true);
    const p1Only = await staffsInvestigator.get<ReferralPageView>("/api/v1/referrals?band=P4");
    expect(p1Only.body.items.map((item) => item.id)).not.toContain(high.referral.id);
  });

  it("records the triage decision once, and lets only a supervisor reallocate it with a reason", async () => {
    const { referral } = await submit(wmInvestigator, { crimeReference: nextReference() });
    // The ROCU cyber unit sees a force's referral only once it is allocated to the ROCU.
    expect((await rocuAnalyst.get(`/api/v1/referrals/${referral.id}`)).status).toBe(404);
    const missingUnit = await wmInvestigator.post<Problem>(`/api/v1/referrals/${referral.id}/triage`, {
      outcome: "allocated",
      reason: "Needs specialist skills",
    });
    expect(fields(missingUnit.body)).toEqual(["allocatedUnit"]);
    const triaged = await wmInvestigator.post<ReferralView>(`/api/v1/referrals/${referral.id}/triage`, {
      outcome: "allocated",
      allocatedUnit: "rocu-cyber",
      reason: "Network intrusion needs the regional cyber crime unit",
    });
    expect(triaged.status).toBe(200);
    expect(triaged.body.status).toBe("allocated");
    expect(triaged.body.clock).toBeNull();
    expect((await rocuAnalyst.get(`/api/v1/referrals/${referral.id}`)).status).toBe(200);
    const twice = await wmInvestigator.post<Problem>(`/api/v1/referrals/${referral.id}/triage`, {
      outcome: "no-further-action",
      reason: "Second go",
    });
    expect(twice.status).toBe(409);
    const notSupervisor = await wmInvestigator.post(`/api/v1/referrals/${referral.id}/reallocation`, {
      outcome: "allocated",
      allocatedUnit: "ecu",
      reason: "Try locally",
    });
    expect(notSupervisor.status).toBe(403);
    const reallocated = await wmSupervisor.post<ReferralView>(
      `/api/v1/referrals/${referral.id}/reallocation`,
      {
        outcome: "allocated",
        allocatedUnit: "ecu",
        reason: "The ROCU has no capacity this month; the ECU can take it",
      },
    );
    expect(reallocated.status).toBe(200);
    expect(reallocated.body.allocatedUnit).toBe("ecu");
    expect(reallocated.body.decisions.map((decision) => [decision.kind, decision.allocatedUnit])).toEqual([
      ["triage", "rocu-cyber"],
      ["reallocation", "ecu"],
    ]);
    expect((await rocuAnalyst.get(`/api/v1/referrals/${referral.id}`)).status).toBe(404);
  });

  it("keeps referrals to their force, and away from those without the need to know", async () => {
    const { referral } = await submit(wmInvestigator, { crimeReference: nextReference() });
    expect((await staffsInvestigator.get(`/api/v1/referrals/${referral.id}`)).status).toBe(404);
    const admin = await t.signedIn({ roles: ["admin"], scope: "national", clearance: "SECRET" });
    expect((await admin.get("/api/v1/referrals")).status).toBe(403);
    const protect = await t.signedIn({ roles: ["protect"], organisationId: "west-midlands" });
    expect((await protect.get(`/api/v1/referrals/${referral.id}`)).status).toBe(200);
    const secret = await submit(national, {
      crimeReference: nextReference(),
      classification: "SECRET",
    });
    expect((await wmInvestigator.get(`/api/v1/referrals/${secret.referral.id}`)).status).toBe(404);
  });

  it("scores with the stored weights and puts overdue referrals on the overdue filter", async () => {
    const supervisorOfSettings = await t.signedIn({ roles: ["supervisor"], organisationId: "west-midlands" });
    const invalid = await supervisorOfSettings.request<Problem>("PUT", "/api/v1/triage-settings", {
      ...defaultTriageSettings,
      weights: { ...defaultTriageSettings.weights, harmOngoing: 90 },
    });
    expect(invalid.status).toBe(400);
    const saved = await supervisorOfSettings.request("PUT", "/api/v1/triage-settings", {
      ...defaultTriageSettings,
      // A P4 target of about a second, so the test can watch a referral go overdue.
      targets: { ...defaultTriageSettings.targets, P4: 0.0003 },
    });
    expect(saved.status).toBe(200);
    const { referral } = await submit(wmInvestigator, { crimeReference: nextReference() });
    expect(referral.priority.band).toBe("P4");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const overdue = await wmInvestigator.get<ReferralPageView>("/api/v1/referrals?overdue=true&pageSize=200");
    const listed = overdue.body.items.find((item) => item.id === referral.id);
    expect(listed?.clock?.overdue).toBe(true);
    await supervisorOfSettings.request("PUT", "/api/v1/triage-settings", defaultTriageSettings);
  });
});
