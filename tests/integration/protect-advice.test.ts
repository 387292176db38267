import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdviceHistoryView, AdviceVersionView } from "#src/features/protect-advice/schema.ts";
import type { ReferralView } from "#src/features/referrals/schema.ts";
import type { VictimCareView } from "#src/features/victim-care/schema.ts";
import type { Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

type Client = Awaited<ReturnType<TestApp["signedIn"]>>;
type AuditPage = {
  items: {
    action: string;
    entityId: string;
    changes: Record<string, { before?: unknown; after?: unknown }>;
  }[];
};

const fields = (problem: Pick<Problem, "errors">) =>
  (problem.errors ?? []).map((error) => error.field).sort();

const newAdvice = {
  slug: "courier-fraud",
  title: "Courier fraud",
  audience: "individuals",
  body: "Your bank or the police will never send a courier to collect your card, PIN or cash.",
};

describe.each(databaseKinds())("the Protect advice library on %s", (kind) => {
  let t: TestApp;
  let protectOfficer: Client;
  let analyst: Client;
  let board: Client;
  let admin: Client;

  beforeAll(async () => {
    t = await startTestApp(kind);
    protectOfficer = await t.signedIn({ roles: ["protect"], organisationId: "west-midlands" });
    analyst = await t.signedIn({ roles: ["analyst"], organisationId: "west-midlands" });
    board = await t.signedIn({ roles: ["board"], organisationId: "west-midlands" });
    admin = await t.signedIn({ roles: ["admin"], scope: "national", clearance: "SECRET" });
  });
  afterAll(() => t.close());

  it("ships the standard advice, readable by anyone signed in", async () => {
    const listed = await board.get<{ items: AdviceVersionView[] }>("/api/v1/protect-advice");
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item) => item.slug).sort()).toEqual([
      "cyber-essentials",
      "investment-fraud",
      "passwords-two-step",
      "phishing",
      "ransomware-business",
      "romance-fraud",
    ]);
    expect(listed.body.items.every((item) => item.version === 1 && item.current)).toBe(true);
    expect((await t.client().get("/api/v1/protect-advice")).status).toBe(401);
  });

  it("adds advice at version 1, refusing a name in use or badly formed, and only for advice managers", async () => {
    const created = await protectOfficer.post<AdviceHistoryView>("/api/v1/protect-advice", newAdvice);
    expect(created.status).toBe(201);
    expect(created.body.versions).toEqual([
      expect.objectContaining({
        version: 1,
        current: true,
        title: "Courier fraud",
        createdBy: expect.anything(),
      }),
    ]);
    const again = await protectOfficer.post<Problem>("/api/v1/protect-advice", newAdvice);
    expect(again.status).toBe(400);
    expect(again.body.errors?.[0]?.message).toBe(
      "Advice called courier-fraud already exists: publish a new version of it instead",
    );
    const bad = await protectOfficer.post<Problem>("/api/v1/protect-advice", {
      ...newAdvice,
      slug: "Courier Fraud!",
      audience: "pets",
      body: " ",
    });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(["audience", "body", "slug"]);
    expect((await analyst.post("/api/v1/protect-advice", { ...newAdvice, slug: "other" })).status).toBe(403);
    const audit = await admin.get<AuditPage>(
      "/api/v1/audit?entityType=protect-advice&entityId=courier-fraud",
    );
    expect(audit.body.items.map((event) => event.action)).toEqual(["protect-advice.create"]);
  });

  it("publishes a new version as current and keeps the old one, while a contact keeps the version it was given", async () => {
    const intake = await t.signedIn({ roles: ["investigator"], organisationId: "west-midlands" });
    const submitted = await intake.post<{ referral: ReferralView }>("/api/v1/referrals", {
      crimeReference: "NFRC-ADVICE-1",
      source: "action-fraud",
      forceId: "west-midlands",
      reportedOn: "2026-04-06",
      nfibCode: "NFIB90",
      summary: "Romance fraud over eight months.",
      victimType: "individual",
      victimAgeBand: "65-74",
      contactPreference: "phone",
      vulnerability: "high",
      harmOngoing: true,
      lossPounds: 12_000,
      classification: "OFFICIAL",
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const referralId = submitted.body.referral.id;
    const given = await protectOfficer.post<VictimCareView>(`/api/v1/referrals/${referralId}/contacts`, {
      channel: "visit",
      outcome: "contacted",
      adviceGiven: ["romance-fraud"],
    });
    expect(given.status, JSON.stringify(given.body)).toBe(201);

    const published = await protectOfficer.post<AdviceHistoryView>(
      "/api/v1/protect-advice/romance-fraud/versions",
      {
        title: "Romance fraud",
        audience: "individuals",
        body: "Never send money to someone you have only met online. Talk to someone you trust first.",
      },
    );
    expect(published.status).toBe(201);
    expect(published.body.versions.map((version) => [version.version, version.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    const history = await analyst.get<AdviceHistoryView>("/api/v1/protect-advice/romance-fraud");
    expect(history.body.versions[1]?.body).toContain("however long you have talked");
    const library = await analyst.get<{ items: AdviceVersionView[] }>("/api/v1/protect-advice");
    expect(library.body.items.find((item) => item.slug === "romance-fraud")?.version).toBe(2);

    // The victim was told version 1, and the record still says so; new contacts get version 2.
    const care = await protectOfficer.get<VictimCareView>(`/api/v1/referrals/${referralId}/contacts`);
    expect(care.body.contacts[0]?.advice).toEqual([
      { slug: "romance-fraud", version: 1, title: "Romance fraud" },
    ]);
    const next = await protectOfficer.post<VictimCareView>(`/api/v1/referrals/${referralId}/contacts`, {
      channel: "phone",
      outcome: "contacted",
      adviceGiven: ["romance-fraud"],
    });
    expect(next.body.contacts.map((contact) => contact.advice[0]?.version)).toEqual([2, 1]);

    const audit = await admin.get<AuditPage>(
      "/api/v1/audit?entityType=protect-advice&entityId=romance-fraud&action=protect-advice.version",
    );
    expect(audit.body.items[0]?.changes.version).toEqual({ before: 1, after: 2 });
  });

  it("refuses a version that changes nothing, unknown advice, and readers who do not manage advice", async () => {
    const current = (await analyst.get<AdviceHistoryView>("/api/v1/protect-advice/phishing")).body
      .versions[0];
    const same = await protectOfficer.post<Problem>("/api/v1/protect-advice/phishing/versions", {
      title: current?.title,
      audience: current?.audience,
      body: current?.body,
    });
    expect(same.status).toBe(400);
    expect(same.body.errors).toEqual([
      { field: "body", message: "Change the title, audience or text to publish a new version" },
    ]);
    const missing = await protectOfficer.post("/api/v1/protect-advice/no-such-advice/versions", {
      title: "x",
      audience: "everyone",
      body: "x",
    });
    expect(missing.status).toBe(404);
    expect((await analyst.get("/api/v1/protect-advice/no-such-advice")).status).toBe(404);
    const refused = await analyst.post("/api/v1/protect-advice/phishing/versions", {
      title: "x",
      audience: "everyone",
      body: "x",
    });
    expect(refused.status).toBe(403);
  });
});
