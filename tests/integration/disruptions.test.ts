import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, moderationPanels } from "#src/db/schema.ts";
import type {
  ClaimSummaryView,
  ClaimView,
  PanelSummaryView,
  PanelView,
  TotalsView,
} from "#src/features/disruptions/schema.ts";
import type { OcgView } from "#src/features/ocgs/schema.ts";
import type { Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
type Client = Awaited<ReturnType<TestApp["signedIn"]>>;

const fields = (problem: Pick<Problem, "errors">) =>
  (problem.errors ?? []).map((error) => error.field).sort();

const newClaim = (ocgId: string, overrides: Record<string, unknown> = {}) => ({
  ocgId,
  disruptedOn: "2025-04-10",
  claimedGrade: "major",
  strand: "pursue",
  narrative: "Warrant executed at the group's stash house; 4 kg of cocaine seized",
  evidenceReferences: ["CUST/2025/0001", "EXH/JS/1"],
  classification: "OFFICIAL",
  ...overrides,
});

describe.each(databaseKinds())("disruption claims and moderation panels on %s", (kind) => {
  let t: TestApp;
  let analyst: Client;
  let wmInvestigator: Client;
  let staffsInvestigator: Client;
  let rocuModerator: Client;
  let wmModerator: Client;
  let ncaClaimant: Client;
  let nationalModerator: Client;
  let board: Client;

  const ocg = async (overrides: Record<string, unknown> = {}) => {
    const response = await analyst.post<OcgView>("/api/v1/ocgs", {
      name: "The Canal Street Firm",
      leadForceId: "west-midlands",
      level: "force-dedicated",
      primaryCrimeType: "county-lines",
      classification: "OFFICIAL",
      ...overrides,
    });
    if (response.status !== 201) throw new Error(`OCG: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const claim = async (client: Client, ocgId: string, overrides: Record<string, unknown> = {}) => {
    const response = await client.post<ClaimView>("/api/v1/disruptions", newClaim(ocgId, overrides));
    if (response.status !== 201) throw new Error(`claim: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const submitted = async (client: Client, ocgId: string, overrides: Record<string, unknown> = {}) => {
    const made = await claim(client, ocgId, overrides);
    const response = await client.post<ClaimView>(`/api/v1/disruptions/${made.id}/submit`);
    if (response.status !== 200) throw new Error(`submit: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const panelFor = async (client: Client, regionId: string, periodMonth: string, chairUserId: string) => {
    const response = await client.post<PanelView>("/api/v1/panels", {
      regionId,
      periodMonth,
      heldOn: `${periodMonth}-28`,
      chairUserId,
      attendees: ["West Midlands Police", "Staffordshire Police", "NCA"],
    });
    if (response.status !== 201) throw new Error(`panel: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const decide = (client: Client, id: string, body: Record<string, unknown>) =>
    client.post<ClaimView & Partial<Omit<Problem, "status">>>(`/api/v1/disruptions/${id}/decision`, body);
  const get = async (client: Client, id: string) =>
    (await client.get<ClaimView>(`/api/v1/disruptions/${id}`)).body;
  const list = async (client: Client, query: string) =>
    (await client.get<Page<ClaimSummaryView>>(`/api/v1/disruptions?${query}`)).body;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const national = { scope: "national", clearance: "SECRET" } as const;
    analyst = await t.signedIn({ roles: ["analyst"], organisationId: "rocuwm", ...national });
    wmInvestigator = await t.signedIn({ roles: ["investigator"], organisationId: "west-midlands" });
    staffsInvestigator = await t.signedIn({ roles: ["investigator"], organisationId: "staffordshire" });
    rocuModerator = await t.signedIn({ roles: ["moderator"], organisationId: "rocuwm", scope: "region" });
    wmModerator = await t.signedIn({ roles: ["moderator"], organisationId: "west-midlands" });
    ncaClaimant = await t.signedIn({ roles: ["investigator"], organisationId: "nca", ...national });
    nationalModerator = await t.signedIn({ roles: ["moderator"], organisationId: "rocuwm", ...national });
    board = await t.signedIn({
      roles: ["board"],
      organisationId: "rocuwm",
      scope: "national",
      clearance: "OFFICIAL-SENSITIVE",
    });
  });
  afterAll(() => t.close());

  it("drafts claims numbered per region, defaulting the crime type to the OCG's primary one", async () => {
    const group = await ocg();
    const first = await claim(wmInvestigator, group.id, { claimedGrade: "moderate" });
    expect(first).toMatchObject({
      reference: "WM-DIS-0001",
      status: "draft",
      ocg: { id: group.id, reference: group.reference, name: group.name },
      operation: null,
      claimedGrade: "moderate",
      moderatedGrade: null,
      crimeType: { code: "county-lines", name: "County lines" },
      claimingOrganisation: { id: "west-midlands", name: "West Midlands Police" },
      claimant: { id: wmInvestigator.userId },
      leadForce: { id: "west-midlands", name: "West Midlands" },
      regionId: "west-midlands",
      evidenceReferences: ["CUST/2025/0001", "EXH/JS/1"],
      panel: null,
      decisions: [],
      allowedActions: ["edit", "submit"],
    });
    const second = await claim(wmInvestigator, group.id, { crimeType: "firearms" });
    expect(second).toMatchObject({ reference: "WM-DIS-0002", crimeType: { code: "firearms" } });
    const elsewhere = await ocg({ leadForceId: "derbyshire" });
    expect((await claim(ncaClaimant, elsewhere.id)).reference).toBe("EM-DIS-0001");
  });

  it("reports every bad field of a claim and writes nothing", async () => {
    const before = await list(wmInvestigator, "pageSize=200");
    const shapeless = await wmInvestigator.post<Problem>("/api/v1/disruptions", {
      ...newClaim("not-an-id"),
      disruptedOn: "2999-01-01",
      claimedGrade: "huge",
      narrative: "  ",
    });
    expect(shapeless.status).toBe(400);
    expect(fields(shapeless.body)).toEqual(["claimedGrade", "disruptedOn", "narrative", "ocgId"]);

    const unseen = await ocg({ leadForceId: "derbyshire" });
    const outOfReach = await wmInvestigator.post<Problem>(
      "/api/v1/disruptions",
      newClaim(unseen.id, { crimeType: "jaywalking", classification: "SECRET" }),
    );
    expect(outOfReach.status).toBe(400);
    expect(fields(outOfReach.body)).toEqual(["classification", "crimeType", "ocgId"]);
    expect(outOfReach.body.errors).toContainEqual({
      field: "classification",
      message: "You cannot classify a claim above your own clearance",
    });

    expect((await list(wmInvestigator, "pageSize=200")).total).toBe(before.total);
    // No reference was used up by the refused claims.
    const next = await claim(wmInvestigator, (await ocg()).id);
    expect(next.reference).toBe(`WM-DIS-${String(before.total + 1).padStart(4, "0")}`);
  });

  it("links an operation only if it targets the claimed OCG", async () => {
    const targeted = await ocg({ name: "Targeted Group" });
    const other = await ocg({ name: "Untargeted Group" });
    const lead = await t.signedIn({ roles: ["investigator"], organisationId: "rocuwm", scope: "region" });
    const operation = await lead.post<{ id: string; codeName: string }>("/api/v1/operations", {
      codeName: "Operation Kestrel",
      leadOrganisationId: "rocuwm",
      hostForceId: "west-midlands",
      level: "regional",
      targetOcgIds: [targeted.id],
      classification: "OFFICIAL",
    });
    expect(operation.status).toBe(201);
    const wrong = await wmInvestigator.post<Problem>(
      "/api/v1/disruptions",
      newClaim(other.id, { operationId: operation.body.id }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([
      { field: "operationId", message: "Choose an operation that targets this OCG" },
    ]);
    const linked = await claim(wmInvestigator, targeted.id, { operationId: operation.body.id });
    expect(linked.operation).toEqual({ id: operation.body.id, codeName: "Operation Kestrel" });
    const byOperation = await list(wmInvestigator, `operationId=${operation.body.id}`);
    expect(byOperation.items.map((item) => item.id)).toEqual([linked.id]);
  });

  it("lets only the claiming organisation change or submit a claim, and only as a draft or when returned", async () => {
    const group = await ocg({ leadForceId: "northumbria", forcesAffected: ["durham"] });
    const northumbria = await t.signedIn({ roles: ["investigator"], organisationId: "northumbria" });
    const durham = await t.signedIn({ roles: ["investigator"], organisationId: "durham" });
    const mine = await claim(northumbria, group.id);
    // An affected force may claim against the group, and sees its own claim though it does not own it.
    const affected = await claim(durham, group.id, { claimedGrade: "minor" });
    expect(affected).toMatchObject({
      leadForce: { id: "northumbria" },
      claimingOrganisation: { id: "durham" },
    });
    expect((await durham.get(`/api/v1/disruptions/${affected.id}`)).status).toBe(200);
    expect((await durham.get(`/api/v1/disruptions/${mine.id}`)).status).toBe(404);
    expect((await list(durham, `ocgId=${group.id}`)).items.map((item) => item.id)).toEqual([affected.id]);
    // The lead force reads the affected force's claim but cannot change it.
    const bystander = await northumbria.patch<Problem>(`/api/v1/disruptions/${affected.id}`, {
      narrative: "Mine",
    });
    expect(bystander.status).toBe(403);
    expect((await get(northumbria, affected.id)).allowedActions).toEqual([]);
    expect((await ncaClaimant.post(`/api/v1/disruptions/${mine.id}/submit`)).status).toBe(403);

    const edited = await northumbria.patch<ClaimView>(`/api/v1/disruptions/${mine.id}`, {
      claimedGrade: "minor",
      evidenceReferences: [],
    });
    expect(edited.body).toMatchObject({ claimedGrade: "minor", evidenceReferences: [] });
    const badEdit = await northumbria.patch<Problem>(`/api/v1/disruptions/${mine.id}`, { narrative: "" });
    expect(fields(badEdit.body)).toEqual(["narrative"]);

    const sent = await northumbria.post<ClaimView>(`/api/v1/disruptions/${mine.id}/submit`);
    expect(sent.body).toMatchObject({ status: "submitted", allowedActions: [] });
    expect(sent.body.submittedAt).not.toBeNull();
    const late = await northumbria.patch<Problem>(`/api/v1/disruptions/${mine.id}`, { narrative: "Later" });
    expect(late.status).toBe(409);
    const again = await northumbria.post<Problem>(`/api/v1/disruptions/${mine.id}/submit`);
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe(
      "A submitted claim cannot be submitted: only drafts and returned claims can",
    );
  });

  it("runs a panel: agenda, decisions, no self-moderation, closing and the lock", async () => {
    const group = await ocg({ name: "Panel Group", forcesAffected: ["staffordshire"] });
    const majorClaim = await submitted(wmInvestigator, group.id, { disruptedOn: "2025-04-10" });
    const staffsClaim = await submitted(staffsInvestigator, group.id, {
      disruptedOn: "2025-04-20",
      claimedGrade: "moderate",
    });
    const mayClaim = await submitted(wmInvestigator, group.id, {
      disruptedOn: "2025-05-03",
      claimedGrade: "minor",
    });
    const draft = await claim(wmInvestigator, group.id, { disruptedOn: "2025-04-11" });

    const april = await panelFor(rocuModerator, "west-midlands", "2025-04", rocuModerator.userId);
    expect(april).toMatchObject({
      region: { id: "west-midlands", name: "West Midlands" },
      period: "2025-04",
      periodLabel: "Apr 2025",
      heldOn: "2025-04-28",
      chair: { id: rocuModerator.userId },
      attendees: ["West Midlands Police", "Staffordshire Police", "NCA"],
      status: "open",
      counts: { onAgenda: 2, decided: 0, undecided: 2, notShown: 0 },
      allowedActions: ["edit", "refreshAgenda", "close"],
    });
    // Claims of the month (or before) that were submitted, in order of reference; not later ones, not drafts.
    expect(april.agenda.map((item) => item.id)).toEqual([majorClaim.id, staffsClaim.id]);
    expect(april.agenda[0]).toMatchObject({ status: "listed", decision: null, canDecide: true });
    expect(april.agenda[0]?.narrative).toBe(majorClaim.narrative);
    expect((await get(wmInvestigator, mayClaim.id)).status).toBe("submitted");
    expect((await get(wmInvestigator, draft.id)).status).toBe("draft");
    expect(await get(rocuModerator, majorClaim.id)).toMatchObject({
      status: "listed",
      panel: { id: april.id, period: "2025-04", status: "open" },
      allowedActions: ["decide"],
    });

    const duplicate = await rocuModerator.post<Problem>("/api/v1/panels", {
      regionId: "west-midlands",
      periodMonth: "2025-04",
      heldOn: "2025-05-01",
      chairUserId: rocuModerator.userId,
    });
    expect(duplicate.status).toBe(409);
    expect(fields(duplicate.body)).toEqual(["periodMonth"]);

    // Nobody moderates their own unit's claim; only moderators decide.
    const own = await decide(wmModerator, majorClaim.id, { decision: "accepted" });
    expect(own.status).toBe(403);
    expect(own.body.detail).toBe("You cannot moderate a claim your own unit made");
    expect((await get(wmModerator, majorClaim.id)).allowedActions).toEqual([]);
    expect((await decide(wmInvestigator, majorClaim.id, { decision: "accepted" })).status).toBe(403);

    const incomplete = await decide(rocuModerator, majorClaim.id, { decision: "regraded", grade: "major" });
    expect(incomplete.status).toBe(400);
    expect(fields(incomplete.body)).toEqual(["grade", "reason"]);
    expect((await get(rocuModerator, majorClaim.id)).status).toBe("listed");

    const regraded = await decide(rocuModerator, majorClaim.id, {
      decision: "regraded",
      grade: "minor",
      reason: "Only a courier was arrested",
    });
    expect(regraded.body).toMatchObject({
      status: "regraded",
      claimedGrade: "major",
      moderatedGrade: "minor",
      decisionReason: "Only a courier was arrested",
    });
    // The open panel changes its mind: one decision per claim and panel, the latest.
    const accepted = await decide(rocuModerator, majorClaim.id, { decision: "accepted" });
    expect(accepted.body).toMatchObject({
      status: "accepted",
      moderatedGrade: "major",
      decisionReason: null,
    });
    expect(accepted.body.decisions).toMatchObject([
      { panelId: april.id, panelPeriod: "2025-04", decision: "accepted", grade: "major", reason: null },
    ]);
    expect(accepted.body.decisions[0]?.decidedBy.id).toBe(rocuModerator.userId);

    const early = await rocuModerator.post<Problem>(`/api/v1/panels/${april.id}/close`);
    expect(early.status).toBe(409);
    expect(early.body.detail).toBe("1 claim is still undecided: decide it before closing the panel");

    const returned = await decide(rocuModerator, staffsClaim.id, {
      decision: "returned",
      reason: "Attach the custody record",
    });
    expect(returned.body).toMatchObject({ status: "returned", moderatedGrade: null });
    expect((await get(staffsInvestigator, staffsClaim.id)).allowedActions).toEqual(["edit", "submit"]);

    // A force user of the region sees the panel, but only the claims on it they may see.
    const seenByStaffs = (await staffsInvestigator.get<PanelView>(`/api/v1/panels/${april.id}`)).body;
    expect(seenByStaffs.agenda.map((item) => item.id)).toEqual([staffsClaim.id]);
    expect(seenByStaffs.counts).toEqual({ onAgenda: 2, decided: 2, undecided: 0, notShown: 1 });
    expect(seenByStaffs.allowedActions).toEqual([]);
    const derbyshire = await t.signedIn({ roles: ["moderator"], organisationId: "derbyshire" });
    expect((await derbyshire.get(`/api/v1/panels/${april.id}`)).status).toBe(404);
    expect((await derbyshire.get<Page<PanelSummaryView>>("/api/v1/panels")).body.total).toBe(0);
    expect((await derbyshire.post(`/api/v1/panels/${april.id}/close`)).status).toBe(404);

    const closed = await rocuModerator.post<PanelView>(`/api/v1/panels/${april.id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: "closed",
      closedBy: { id: rocuModerator.userId },
      allowedActions: [],
      counts: { decided: 2, undecided: 0 },
    });
    expect(closed.body.agenda.map((item) => item.decision?.decision)).toEqual(["accepted", "returned"]);

    // Locked: no decision, change or agenda refresh, and nothing moves.
    const afterClose = await decide(rocuModerator, majorClaim.id, {
      decision: "rejected",
      reason: "Second thoughts",
    });
    expect(afterClose.status).toBe(409);
    expect(afterClose.body.detail).toBe("This panel is closed");
    expect(await get(rocuModerator, majorClaim.id)).toMatchObject({
      status: "accepted",
      moderatedGrade: "major",
      decisions: [{ decision: "accepted" }],
    });
    expect((await rocuModerator.patch(`/api/v1/panels/${april.id}`, { attendees: [] })).status).toBe(409);
    expect((await rocuModerator.post(`/api/v1/panels/${april.id}/agenda`)).status).toBe(409);
    expect((await rocuModerator.post(`/api/v1/panels/${april.id}/close`)).status).toBe(409);
    // The database refuses too, whatever the service did.
    await expect(
      t.database.db.update(moderationPanels).set({ attendees: [] }).where(eq(moderationPanels.id, april.id)),
    ).rejects.toThrow();

    // The returned claim goes back to its claimant, then to the next panel.
    const fixed = await staffsInvestigator.patch<ClaimView>(`/api/v1/disruptions/${staffsClaim.id}`, {
      evidenceReferences: ["CUST/2025/0777"],
    });
    expect(fixed.body.status).toBe("returned");
    const resubmitted = await staffsInvestigator.post<ClaimView>(
      `/api/v1/disruptions/${staffsClaim.id}/submit`,
    );
    expect(resubmitted.body).toMatchObject({ status: "submitted", panel: null });
    const may = await panelFor(rocuModerator, "west-midlands", "2025-05", rocuModerator.userId);
    expect(may.agenda.map((item) => item.id)).toEqual([staffsClaim.id, mayClaim.id]);
    await decide(rocuModerator, staffsClaim.id, { decision: "accepted" });
    const rejected = await decide(rocuModerator, mayClaim.id, {
      decision: "rejected",
      reason: "Not this OCG",
    });
    expect(rejected.body).toMatchObject({
      status: "rejected",
      moderatedGrade: null,
      decisionReason: "Not this OCG",
    });
    expect((await get(staffsInvestigator, staffsClaim.id)).decisions).toMatchObject([
      { panelPeriod: "2025-04", decision: "returned", reason: "Attach the custody record" },
      { panelPeriod: "2025-05", decision: "accepted", grade: "moderate" },
    ]);

    // The panel screen reads the OCG's other claims through the list.
    const history = await list(rocuModerator, `ocgId=${group.id}&sort=disruptedOn`);
    expect(history.items.map((item) => item.id)).toEqual([
      majorClaim.id,
      draft.id,
      staffsClaim.id,
      mayClaim.id,
    ]);
    expect((await list(rocuModerator, `panelId=${april.id}`)).items.map((item) => item.id)).toEqual([
      majorClaim.id,
    ]);
    expect((await list(rocuModerator, `ocgId=${group.id}&grade=major`)).total).toBe(1);
    // A total's figure links to the claims it counts: those of any moderated grade, by region.
    const counted = history.items.filter((item) => item.moderatedGrade !== null).map((item) => item.id);
    expect(counted.length).toBeGreaterThan(0);
    const anyGrade = await list(rocuModerator, `ocgId=${group.id}&grade=any&sort=disruptedOn`);
    expect(anyGrade.items.map((item) => item.id)).toEqual(counted);
    expect((await list(rocuModerator, `ocgId=${group.id}&regionId=${group.regionId}`)).total).toBe(
      history.total,
    );
    expect((await list(rocuModerator, `ocgId=${group.id}&regionId=wales`)).total).toBe(0);

    // Every event names the OCG, for its timeline.
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "disruption"), eq(auditEvents.entityId, staffsClaim.id)))
      .orderBy(asc(auditEvents.id));
    expect(events.map((event) => event.action)).toEqual([
      "disruption.create",
      "disruption.submit",
      "disruption.list",
      "disruption.decide",
      "disruption.update",
      "disruption.resubmit",
      "disruption.list",
      "disruption.decide",
    ]);
    for (const event of events) expect(event.changes.ocgId?.after).toBe(group.id);
  });

  it("checks a panel's region, chair and date, and who may set it up", async () => {
    const bad = await rocuModerator.post<Problem>("/api/v1/panels", {
      regionId: "atlantis",
      periodMonth: "2025-13",
      heldOn: "someday",
      chairUserId: "not-a-user",
    });
    expect(fields(bad.body)).toEqual(["chairUserId", "heldOn", "periodMonth"]);
    const notModerator = await t.createUser({ roles: ["analyst"], organisationId: "rocuwm" });
    const wrong = await rocuModerator.post<Problem>("/api/v1/panels", {
      regionId: "atlantis",
      periodMonth: "2025-02",
      heldOn: "2025-01-20",
      chairUserId: notModerator.id,
    });
    expect(fields(wrong.body)).toEqual(["chairUserId", "heldOn", "regionId"]);
    const otherRegion = await rocuModerator.post<Problem>("/api/v1/panels", {
      regionId: "wales",
      periodMonth: "2025-02",
      heldOn: "2025-03-10",
      chairUserId: rocuModerator.userId,
    });
    expect(otherRegion.status).toBe(403);
    expect((await wmInvestigator.post("/api/v1/panels", {})).status).toBe(403);
  });

  describe("totals", () => {
    let norfolkAnalyst: Client;
    let secretNarrative: string;

    beforeAll(async () => {
      norfolkAnalyst = await t.signedIn({ roles: ["analyst"], organisationId: "norfolk" });
      const norfolk = await ocg({
        name: "Broads Network",
        leadForceId: "norfolk",
        primaryCrimeType: "drugs-supply",
      });
      const suffolk = await ocg({ name: "Coastal Crew", leadForceId: "suffolk", primaryCrimeType: "fraud" });
      secretNarrative = "A covert source reported the group's collapse";
      const endOfYear = await submitted(ncaClaimant, norfolk.id, {
        disruptedOn: "2025-03-31",
        claimedGrade: "major",
      });
      const regrade = await submitted(ncaClaimant, norfolk.id, {
        disruptedOn: "2025-04-01",
        claimedGrade: "major",
      });
      const accept = await submitted(ncaClaimant, suffolk.id, {
        disruptedOn: "2025-04-02",
        claimedGrade: "moderate",
      });
      const reject = await submitted(ncaClaimant, suffolk.id, { disruptedOn: "2025-04-03" });
      await submitted(ncaClaimant, norfolk.id, { disruptedOn: "2025-04-04" }); // never decided
      await claim(ncaClaimant, norfolk.id, { disruptedOn: "2025-04-05" }); // a draft
      const secret = await submitted(ncaClaimant, norfolk.id, {
        disruptedOn: "2025-04-06",
        claimedGrade: "moderate",
        classification: "SECRET",
        narrative: secretNarrative,
      });
      await panelFor(nationalModerator, "eastern", "2025-04", nationalModerator.userId);
      for (const id of [endOfYear.id, accept.id, secret.id]) {
        expect((await decide(nationalModerator, id, { decision: "accepted" })).status).toBe(200);
      }
      await decide(nationalModerator, regrade.id, {
        decision: "regraded",
        grade: "minor",
        reason: "One arrest",
      });
      await decide(nationalModerator, reject.id, { decision: "rejected", reason: "Duplicate" });
    });

    const totals = async (client: Client, query: string) => {
      const response = await client.get<TotalsView>(`/api/v1/disruptions/totals?regionId=eastern&${query}`);
      expect(response.status).toBe(200);
      return response.body;
    };

    it("count moderated grades only, by financial year, and say so", async () => {
      const body = await totals(nationalModerator, "period=fy");
      expect(body.basis).toBe(
        "Moderated grades only: accepted and regraded claims, by the grade the panel gave",
      );
      // 31 March 2025 is the last day of 2024/25; 1 April 2025 the first of 2025/26. The major claim
      // regraded to minor counts as minor; rejected, undecided and draft claims do not count.
      expect(body.rows).toEqual([
        { period: "2024/25", periodStart: "2024-04-01", major: 1, moderate: 0, minor: 0, total: 1 },
        { period: "2025/26", periodStart: "2025-04-01", major: 0, moderate: 2, minor: 1, total: 3 },
      ]);
      expect(body.total).toEqual({ major: 1, moderate: 2, minor: 1, total: 4 });
    });

    it("bucket by quarter and month, group, and filter by date", async () => {
      expect((await totals(nationalModerator, "period=quarter")).rows.map((row) => row.period)).toEqual([
        "2024/25 Q4",
        "2025/26 Q1",
      ]);
      expect((await totals(nationalModerator, "period=month")).rows.map((row) => row.period)).toEqual([
        "Mar 2025",
        "Apr 2025",
      ]);
      const byForce = await totals(nationalModerator, "period=fy&groupBy=force&from=2025-04-01");
      expect(byForce.rows).toEqual([
        {
          period: "2025/26",
          periodStart: "2025-04-01",
          group: { id: "norfolk", name: "Norfolk" },
          major: 0,
          moderate: 1,
          minor: 1,
          total: 2,
        },
        {
          period: "2025/26",
          periodStart: "2025-04-01",
          group: { id: "suffolk", name: "Suffolk" },
          major: 0,
          moderate: 1,
          minor: 0,
          total: 1,
        },
      ]);
      const byCrime = await totals(nationalModerator, "groupBy=crimeType&to=2025-03-31");
      expect(byCrime.rows.map((row) => row.group)).toEqual([{ id: "drugs-supply", name: "Drugs supply" }]);
      const byUnit = await totals(nationalModerator, "groupBy=organisation");
      expect(byUnit.total.total).toBe(4);
      expect(byUnit.rows.map((row) => row.group?.id)).toEqual(["nca", "nca"]);
      const bad = await nationalModerator.get<Problem>("/api/v1/disruptions/totals?period=decade");
      expect(bad.status).toBe(400);
      expect(fields(bad.body)).toEqual(["period"]);
    });

    it("give a board member numbers within their clearance, never narrative, and no claims", async () => {
      const response = await board.get<TotalsView>("/api/v1/disruptions/totals?regionId=eastern");
      expect(response.body.total).toEqual({ major: 1, moderate: 1, minor: 1, total: 3 });
      const text = JSON.stringify(response.body);
      expect(text).not.toContain("narrative");
      expect(text).not.toContain("stash house");
      const secretCounted = JSON.stringify(await totals(nationalModerator, ""));
      expect(secretCounted).not.toContain(secretNarrative);
      expect((await board.get("/api/v1/disruptions")).status).toBe(403);
      const anyClaim = (await list(nationalModerator, "pageSize=1")).items[0];
      expect((await board.get(`/api/v1/disruptions/${anyClaim?.id}`)).status).toBe(403);
      expect((await board.get("/api/v1/panels")).status).toBe(403);
    });

    it("respect scope and classification in lists, agendas and totals", async () => {
      const norfolkTotals = await totals(norfolkAnalyst, "");
      // Norfolk's own claims at OFFICIAL-SENSITIVE: not Suffolk's, not the SECRET one.
      expect(norfolkTotals.total).toEqual({ major: 1, moderate: 0, minor: 1, total: 2 });
      const seen = await list(norfolkAnalyst, "pageSize=200");
      expect(seen.items.every((item) => item.leadForce.id === "norfolk")).toBe(true);
      expect(seen.items.some((item) => item.classification === "SECRET")).toBe(false);
      expect(seen.total).toBe(4);
      const secretId = (await list(nationalModerator, "forceId=norfolk&pageSize=200")).items.find(
        (item) => item.classification === "SECRET",
      )?.id;
      expect((await norfolkAnalyst.get(`/api/v1/disruptions/${secretId}`)).status).toBe(404);
      // Opening a SECRET claim is itself recorded.
      expect((await get(nationalModerator, secretId ?? "")).narrative).toBe(secretNarrative);
      const reads = await t.database.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "disruption.read"), eq(auditEvents.entityId, secretId ?? "")));
      expect(reads).toHaveLength(1);

      const panels = (await norfolkAnalyst.get<Page<PanelSummaryView>>("/api/v1/panels")).body;
      expect(panels.items.map((item) => item.region.id)).toEqual(["eastern"]);
      const panel = (await norfolkAnalyst.get<PanelView>(`/api/v1/panels/${panels.items[0]?.id}`)).body;
      expect(
        panel.agenda.every((item) => item.leadForce.id === "norfolk" && item.classification !== "SECRET"),
      ).toBe(true);
      // Six claims listed: Norfolk's three at OFFICIAL shown; Suffolk's two and the SECRET one not.
      expect(panel.counts).toMatchObject({ onAgenda: 6, notShown: 3 });
      expect(panel.agenda).toHaveLength(3);
    });
  });
});
