import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

type Client = Awaited<ReturnType<TestApp["signedIn"]>>;
type Timeline = { items: { kind: string; title: string; detail?: string }[] };

/**
 * The OCG page's timeline gathers what happened to the group across the Pursue side: operations
 * against it, disruption claims and their moderation, and outcomes — each shown only to readers
 * who may see the record it is about.
 */
describe.each(databaseKinds())("the OCG timeline across the Pursue side on %s", (kind) => {
  let t: TestApp;
  let supervisor: Client;
  let moderator: Client;
  let ocgId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    supervisor = await t.signedIn({
      roles: ["supervisor"],
      organisationId: "west-midlands",
      scope: "force",
      clearance: "SECRET",
    });
    moderator = await t.signedIn({
      roles: ["moderator"],
      organisationId: "rocuwm",
      scope: "region",
      clearance: "SECRET",
    });
    const ocg = await supervisor.post<{ id: string }>("/api/v1/ocgs", {
      name: "Timeline group",
      leadForceId: "west-midlands",
      level: "regional",
      primaryCrimeType: "drugs-supply",
      classification: "OFFICIAL",
    });
    ocgId = ocg.body.id;
    const operation = await supervisor.post<{ id: string }>("/api/v1/operations", {
      codeName: "TIMELINE",
      leadOrganisationId: "rocuwm",
      hostForceId: "west-midlands",
      level: "regional",
      targetOcgIds: [ocgId],
      classification: "OFFICIAL",
    });
    expect(operation.status, JSON.stringify(operation.body)).toBe(201);
    await supervisor.post(`/api/v1/operations/${operation.body.id}/status`, { status: "active" });

    const claimed = await supervisor.post<{ id: string }>("/api/v1/disruptions", {
      ocgId,
      operationId: operation.body.id,
      disruptedOn: "2026-10-14",
      claimedGrade: "major",
      strand: "pursue",
      narrative: "Warrants executed at two addresses",
      classification: "OFFICIAL",
    });
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(201);
    await supervisor.post(`/api/v1/disruptions/${claimed.body.id}/submit`);
    const panel = await moderator.post("/api/v1/panels", {
      regionId: "west-midlands",
      periodMonth: "2026-10",
      heldOn: "2026-11-05",
      chairUserId: moderator.userId,
    });
    expect(panel.status, JSON.stringify(panel.body)).toBe(201);
    const decided = await moderator.post(`/api/v1/disruptions/${claimed.body.id}/decision`, {
      decision: "regraded",
      grade: "minor",
      reason: "One address only was linked to the group",
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);

    // A SECRET claim: only readers cleared to SECRET see that it exists.
    const secret = await supervisor.post("/api/v1/disruptions", {
      ocgId,
      disruptedOn: "2026-10-20",
      claimedGrade: "moderate",
      strand: "pursue",
      narrative: "Covert tactic",
      classification: "SECRET",
    });
    expect(secret.status, JSON.stringify(secret.body)).toBe(201);

    const outcome = await supervisor.post("/api/v1/outcomes", {
      kind: "seizure",
      commodity: "cocaine",
      quantity: 2.5,
      occurredOn: "2026-10-14",
      operationId: operation.body.id,
      ocgId,
      classification: "OFFICIAL",
    });
    expect(outcome.status, JSON.stringify(outcome.body)).toBe(201);
  });
  afterAll(() => t.close());

  const titlesFor = async (client: Client) => {
    const response = await client.get<Timeline>(`/api/v1/ocgs/${ocgId}/timeline`);
    expect(response.status).toBe(200);
    return response.body.items;
  };

  it("shows operations, claims with their moderation, and outcomes, newest first", async () => {
    const items = await titlesFor(supervisor);
    const titles = items.map((item) => item.title);
    expect(titles).toContain("Targeted by Operation TIMELINE");
    expect(titles).toContain("Operation TIMELINE activated");
    expect(titles.some((title) => /^Disruption WM-DIS-\d{4} claimed$/.test(title))).toBe(true);
    expect(titles.some((title) => /^Disruption WM-DIS-\d{4} regraded to minor$/.test(title))).toBe(true);
    const seizure = items.find((item) => item.title === "Seizure recorded");
    expect(seizure?.detail).toBe("2.5 kg of cocaine");
    expect(titles.indexOf("Seizure recorded")).toBeLessThan(titles.indexOf("Targeted by Operation TIMELINE"));
    expect(titles.at(-1)).toBe("OCG created");
  });

  it("leaves out claims above the reader's clearance", async () => {
    const official = await t.signedIn({
      roles: ["analyst"],
      organisationId: "west-midlands",
      scope: "force",
      clearance: "OFFICIAL",
    });
    const cleared = (await titlesFor(supervisor)).filter((item) => item.kind === "disruption");
    const notCleared = (await titlesFor(official)).filter((item) => item.kind === "disruption");
    expect(cleared.filter((item) => item.title.endsWith("claimed"))).toHaveLength(2);
    expect(notCleared.filter((item) => item.title.endsWith("claimed"))).toHaveLength(1);
  });
});
