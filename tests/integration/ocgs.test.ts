import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "#src/audit/audit.ts";
import { ocgAssessments, scoringModels } from "#src/db/schema.ts";
import type {
  OcgSummaryView,
  OcgView,
  PlanActionView,
  PlanActionWithOcgView,
} from "#src/features/ocgs/schema.ts";
import type { Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
type Client = Awaited<ReturnType<TestApp["signedIn"]>>;
type Timeline = { items: { at: string; kind: string; title: string; detail?: string; actor?: string }[] };
type AuditPage = Page<{
  action: string;
  entityId: string;
  changes: Record<string, { before?: unknown; after?: unknown }>;
}>;

const newOcg = (overrides: Record<string, unknown> = {}) => ({
  name: "The Harbour Crew",
  leadForceId: "west-midlands",
  level: "force-dedicated",
  primaryCrimeType: "drugs-supply",
  classification: "OFFICIAL-SENSITIVE",
  ...overrides,
});

const fields = (problem: Pick<Problem, "errors">) =>
  (problem.errors ?? []).map((error) => error.field).sort();

describe.each(databaseKinds())("organised crime groups on %s", (kind) => {
  let t: TestApp;
  let national: Client;
  let wmAnalyst: Client;
  let admin: Client;

  const create = async (client: Client, overrides: Record<string, unknown> = {}) => {
    const response = await client.post<OcgView>("/api/v1/ocgs", newOcg(overrides));
    if (response.status !== 201) throw new Error(`create failed: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const list = async (client: Client, query: string) =>
    (await client.get<Page<OcgSummaryView>>(`/api/v1/ocgs?${query}`)).body;

  /** A finalised assessment, as the scoring feature would store it (that feature is tested on its own). */
  let nextModelVersion = 9000;
  const assess = async (ocg: OcgView, score: string, band: string, finalisedAt: Date | null) => {
    const [model] = await t.database.db
      .insert(scoringModels)
      .values({ version: ++nextModelVersion, name: "Test model", status: "draft", definition: {}, notes: "" })
      .returning();
    const [assessment] = await t.database.db
      .insert(ocgAssessments)
      .values({
        ocgId: ocg.id,
        modelId: model?.id ?? "",
        forceId: ocg.leadForce.id,
        regionId: ocg.regionId,
        classification: ocg.classification,
        assessorId: national.userId,
        assessedOn: "2025-05-01",
        status: finalisedAt ? "final" : "draft",
        ratings: {},
        score,
        band,
        finalisedAt,
      })
      .returning();
    return { id: assessment?.id ?? "", modelVersion: nextModelVersion };
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    national = await t.signedIn({
      roles: ["analyst"],
      organisationId: "rocuwm",
      scope: "national",
      clearance: "SECRET",
    });
    wmAnalyst = await t.signedIn({ roles: ["analyst"], organisationId: "west-midlands" });
    admin = await t.signedIn({ roles: ["admin"], scope: "national", clearance: "SECRET" });
  });
  afterAll(() => t.close());

  it("numbers OCGs per region and never reuses a number", async () => {
    const first = await create(national, { name: "Numbering One" });
    const second = await create(national, { name: "Numbering Two", leadForceId: "staffordshire" });
    const otherRegion = await create(national, { name: "Numbering Three", leadForceId: "derbyshire" });
    expect([first.reference, second.reference, otherRegion.reference]).toEqual([
      "WM-OCG-0001",
      "WM-OCG-0002",
      "EM-OCG-0001",
    ]);
    expect(otherRegion.regionId).toBe("east-midlands");
    await national.post(`/api/v1/ocgs/${second.id}/status`, { status: "archived", reason: "Merged" });
    const third = await create(national, { name: "Numbering Four" });
    expect(third.reference).toBe("WM-OCG-0003");
    // A new lead force in another region moves the group there, but its reference stays.
    const moved = await national.patch<OcgView>(`/api/v1/ocgs/${first.id}`, { leadForceId: "derbyshire" });
    expect(moved.body).toMatchObject({
      reference: "WM-OCG-0001",
      leadForce: { id: "derbyshire", name: "Derbyshire" },
      regionId: "east-midlands",
    });
    expect((await create(national, { name: "Numbering Five", leadForceId: "derbyshire" })).reference).toBe(
      "EM-OCG-0002",
    );
  });

  it("creates an OCG with every field and shows it back", async () => {
    const lro = await t.createUser({ organisationId: "west-midlands" });
    const created = await national.post<OcgView>(
      "/api/v1/ocgs",
      newOcg({
        name: "  Full Record Gang ",
        aliases: ["The Full Crew", "FRG"],
        lroUserId: lro.id,
        level: "regional",
        primaryCrimeType: "county-lines",
        secondaryCrimeTypes: ["firearms", "money-laundering"],
        forcesAffected: ["staffordshire", "west-mercia"],
        areasAffected: "Wolverhampton, Stafford",
        estimatedSize: 14,
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Full Record Gang",
      aliases: ["The Full Crew", "FRG"],
      status: "active",
      level: "regional",
      leadForce: { id: "west-midlands", name: "West Midlands" },
      regionId: "west-midlands",
      lro: { id: lro.id },
      primaryCrimeType: { code: "county-lines", name: "County lines" },
      secondaryCrimeTypes: ["firearms", "money-laundering"],
      forcesAffected: ["staffordshire", "west-mercia"],
      areasAffected: "Wolverhampton, Stafford",
      estimatedSize: 14,
      classification: "OFFICIAL-SENSITIVE",
      latestAssessment: null,
      overdueActions: 0,
      archiveReason: null,
      nextStatuses: ["dormant", "archived"],
      planActions: [],
    });
    const read = await wmAnalyst.get<OcgView>(`/api/v1/ocgs/${created.body.id}`);
    expect(read.body).toEqual(created.body);

    // An LRO who leaves stays on the record and does not block other edits.
    await admin.post(`/api/v1/users/${lro.id}/disable`);
    const edited = await wmAnalyst.patch<OcgView>(`/api/v1/ocgs/${created.body.id}`, { estimatedSize: 15 });
    expect(edited.body).toMatchObject({ estimatedSize: 15, lro: { id: lro.id } });
  });

  it("names every invalid field and writes nothing", async () => {
    const disabledLro = await t.createUser({ organisationId: "west-midlands" });
    await admin.post(`/api/v1/users/${disabledLro.id}/disable`);
    const before = await list(national, "pageSize=1");
    const shape = await national.post<Problem>("/api/v1/ocgs", {
      ...newOcg({ name: " ", level: "street", estimatedSize: -3, classification: "TOP SECRET" }),
      nickname: "x",
    });
    expect(shape.status).toBe(400);
    expect(fields(shape.body)).toEqual(["classification", "estimatedSize", "level", "name", "nickname"]);
    expect(shape.body.errors?.find((error) => error.field === "name")?.message).toBe(
      "Enter the group's name",
    );

    const references = await national.post<Problem>(
      "/api/v1/ocgs",
      newOcg({
        leadForceId: "atlantis",
        primaryCrimeType: "piracy",
        secondaryCrimeTypes: ["smuggling"],
        forcesAffected: ["west-mercia", "gotham"],
        lroUserId: disabledLro.id,
      }),
    );
    expect(references.status).toBe(400);
    expect(references.body.errors).toEqual(
      expect.arrayContaining([
        { field: "leadForceId", message: "Choose the lead force from the list" },
        { field: "forcesAffected", message: "Unknown force: gotham" },
        { field: "primaryCrimeType", message: "Choose the primary crime type from the list" },
        { field: "secondaryCrimeTypes", message: "Unknown crime type: smuggling" },
        { field: "lroUserId", message: "Choose a Local Responsible Officer who has an active account" },
      ]),
    );
    const samePrimary = await national.post<Problem>(
      "/api/v1/ocgs",
      newOcg({ secondaryCrimeTypes: ["firearms", "drugs-supply"] }),
    );
    expect(samePrimary.body.errors).toEqual([
      {
        field: "secondaryCrimeTypes",
        message: "A secondary crime type cannot be the same as the primary crime type",
      },
    ]);
    const unknownLro = await national.post<Problem>(
      "/api/v1/ocgs",
      newOcg({ lroUserId: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(fields(unknownLro.body)).toEqual(["lroUserId"]);

    expect((await list(national, "pageSize=1")).total).toBe(before.total);
    // No number was taken by the refused requests either.
    const numbers = (await list(national, "pageSize=200&sort=-reference")).items
      .map((ocg) => ocg.reference)
      .filter((reference) => reference.startsWith("WM-"));
    const next = await create(national, { name: "After Errors" });
    expect(next.reference).toBe(`WM-OCG-${String(numbers.length + 1).padStart(4, "0")}`);

    const badEdit = await national.patch<Problem>(`/api/v1/ocgs/${next.id}`, { primaryCrimeType: "nothing" });
    expect(fields(badEdit.body)).toEqual(["primaryCrimeType"]);
    const emptyEdit = await national.patch<Problem>(`/api/v1/ocgs/${next.id}`, {});
    expect(emptyEdit.status).toBe(400);
    expect((await national.get<OcgView>(`/api/v1/ocgs/${next.id}`)).body.primaryCrimeType.code).toBe(
      "drugs-supply",
    );
  });

  it("lists crime types in order and lets an admin add one", async () => {
    const types = await admin.get<{ items: { code: string; name: string; builtIn: boolean }[] }>(
      "/api/v1/crime-types",
    );
    expect(types.body.items[0]).toMatchObject({ code: "drugs-supply", name: "Drugs supply", builtIn: true });
    expect(types.body.items.at(-1)?.code).toBe("other");
    expect(types.body.items).toHaveLength(12);

    const added = await admin.post("/api/v1/crime-types", { code: "wildlife-crime", name: "Wildlife crime" });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      code: "wildlife-crime",
      name: "Wildlife crime",
      sortOrder: 500,
      builtIn: false,
    });
    const codes = (await wmAnalyst.get<{ items: { code: string }[] }>("/api/v1/crime-types")).body.items.map(
      (type) => type.code,
    );
    expect(codes.slice(-2)).toEqual(["wildlife-crime", "other"]);

    const duplicate = await admin.post<Problem>("/api/v1/crime-types", { code: "wildlife-crime", name: "X" });
    expect(fields(duplicate.body)).toEqual(["code"]);
    const sameName = await admin.post<Problem>("/api/v1/crime-types", {
      code: "wildlife",
      name: "WILDLIFE CRIME",
    });
    expect(fields(sameName.body)).toEqual(["name"]);
    const badCode = await admin.post<Problem>("/api/v1/crime-types", { code: "Wildlife Crime", name: "Y" });
    expect(badCode.body.errors?.[0]?.message).toContain("lowercase letters, digits or hyphens");
    expect((await wmAnalyst.post("/api/v1/crime-types", { code: "arson", name: "Arson" })).status).toBe(403);

    const ocg = await create(national, { name: "Wildlife Traders", primaryCrimeType: "wildlife-crime" });
    expect(ocg.primaryCrimeType).toEqual({ code: "wildlife-crime", name: "Wildlife crime" });
  });

  it("filters, sorts and pages the list in the database", async () => {
    const alpha = await create(national, {
      name: "Filter Alpha",
      aliases: ["Blue Lions"],
      primaryCrimeType: "fraud",
      secondaryCrimeTypes: ["firearms"],
      level: "local",
    });
    const bravo = await create(national, {
      name: "Filter Bravo",
      leadForceId: "staffordshire",
      primaryCrimeType: "firearms",
      forcesAffected: ["warwickshire"],
    });
    const charlie = await create(national, { name: "Filter Charlie", leadForceId: "warwickshire" });
    await national.post(`/api/v1/ocgs/${charlie.id}/status`, { status: "dormant" });
    // Bravo's latest final assessment counts; its older one and a newer draft do not.
    await assess(bravo, "12.00", "Low", new Date("2025-01-01T00:00:00Z"));
    const bravoLatest = await assess(bravo, "81.25", "High", new Date("2025-06-01T00:00:00Z"));
    await assess(bravo, "5.00", "Low", null);
    await assess(alpha, "40.50", "Medium", new Date("2025-03-01T00:00:00Z"));

    const names = async (query: string) =>
      (await list(national, `q=Filter&${query}`)).items.map((ocg) => ocg.name.replace("Filter ", ""));

    const firstPage = await list(national, "q=Filter&sort=-name&pageSize=2&page=1");
    expect(firstPage.total).toBe(3);
    expect(firstPage.items.map((ocg) => ocg.name)).toEqual(["Filter Charlie", "Filter Bravo"]);
    expect(await names("sort=-name&pageSize=2&page=2")).toEqual(["Alpha"]);
    expect(await names("sort=reference")).toEqual(["Alpha", "Bravo", "Charlie"]);
    expect(await names("sort=-score")).toEqual(["Bravo", "Alpha", "Charlie"]);
    expect(await names("sort=score")).toEqual(["Alpha", "Bravo", "Charlie"]);
    expect(await names("crimeType=firearms")).toEqual(["Alpha", "Bravo"]);
    expect(await names("forceId=warwickshire")).toEqual(["Bravo", "Charlie"]);
    expect(await names("status=dormant")).toEqual(["Charlie"]);
    expect(await names("level=local")).toEqual(["Alpha"]);
    expect(await names("band=High")).toEqual(["Bravo"]);
    expect(await names("band=High&pageSize=1")).toHaveLength(1);
    expect((await list(national, "q=blue lions")).items.map((ocg) => ocg.id)).toEqual([alpha.id]);
    expect((await list(national, `q=${bravo.reference}`)).items.map((ocg) => ocg.id)).toEqual([bravo.id]);
    expect((await list(national, "q=Filter&band=High")).total).toBe(1);

    const bravoSummary = (await list(national, "q=Filter Bravo")).items[0];
    expect(bravoSummary?.latestAssessment).toEqual({
      id: bravoLatest.id,
      score: 81.25,
      band: "High",
      modelVersion: bravoLatest.modelVersion,
      assessedOn: "2025-05-01",
    });
    expect(bravoSummary?.leadForce).toEqual({ id: "staffordshire", name: "Staffordshire" });

    const bad = await national.get<Problem>("/api/v1/ocgs?sort=danger&status=gone");
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(["sort", "status"]);
  });

  it("shows a force user their own and shared OCGs, never another force's or above their clearance", async () => {
    const own = await create(national, { name: "Visibility Own" });
    const shared = await create(national, {
      name: "Visibility Shared",
      leadForceId: "staffordshire",
      forcesAffected: ["west-midlands"],
    });
    const other = await create(national, { name: "Visibility Other", leadForceId: "staffordshire" });
    const secret = await create(national, { name: "Visibility Secret", classification: "SECRET" });
    const elsewhere = await create(national, { name: "Visibility Elsewhere", leadForceId: "kent" });

    const seen = async (client: Client) =>
      (await list(client, "q=Visibility&sort=name")).items.map((ocg) => ocg.name.replace("Visibility ", ""));
    expect(await seen(wmAnalyst)).toEqual(["Own", "Shared"]);
    expect(await seen(national)).toEqual(["Elsewhere", "Other", "Own", "Secret", "Shared"]);
    const regional = await t.signedIn({ roles: ["investigator"], organisationId: "rocuwm", scope: "region" });
    expect(await seen(regional)).toEqual(["Other", "Own", "Shared"]);

    expect((await wmAnalyst.get(`/api/v1/ocgs/${shared.id}`)).status).toBe(200);
    for (const hidden of [other, secret, elsewhere]) {
      expect((await wmAnalyst.get(`/api/v1/ocgs/${hidden.id}`)).status).toBe(404);
      expect((await wmAnalyst.get(`/api/v1/ocgs/${hidden.id}/timeline`)).status).toBe(404);
      expect((await wmAnalyst.patch(`/api/v1/ocgs/${hidden.id}`, { name: "Mine now" })).status).toBe(404);
    }
    // An affected force reads the group; the lead force manages it.
    expect((await wmAnalyst.patch(`/api/v1/ocgs/${shared.id}`, { name: "Taken over" })).status).toBe(403);
    expect((await wmAnalyst.patch(`/api/v1/ocgs/${own.id}`, { name: "Visibility Own" })).status).toBe(200);

    const tooHigh = await wmAnalyst.post<Problem>("/api/v1/ocgs", newOcg({ classification: "SECRET" }));
    expect(tooHigh.status).toBe(403);
    const notMine = await wmAnalyst.post("/api/v1/ocgs", newOcg({ leadForceId: "staffordshire" }));
    expect(notMine.status).toBe(403);
    const raise = await wmAnalyst.patch(`/api/v1/ocgs/${own.id}`, { classification: "SECRET" });
    expect(raise.status).toBe(403);
    const handOver = await wmAnalyst.patch(`/api/v1/ocgs/${own.id}`, { leadForceId: "staffordshire" });
    expect(handOver.status).toBe(403);
    expect((await wmAnalyst.get<OcgView>(`/api/v1/ocgs/${own.id}`)).body).toMatchObject({
      leadForce: { id: "west-midlands" },
      classification: "OFFICIAL-SENSITIVE",
    });
    const investigator = await t.signedIn({ roles: ["investigator"], organisationId: "west-midlands" });
    expect((await investigator.get(`/api/v1/ocgs/${own.id}`)).status).toBe(200);
    expect((await investigator.post("/api/v1/ocgs", newOcg())).status).toBe(403);
  });

  it("moves an OCG through its statuses, requiring a reason to archive or reinstate", async () => {
    const ocg = await create(wmAnalyst, { name: "Status Group" });
    const status = (body: Record<string, unknown>) =>
      wmAnalyst.post<OcgView & Omit<Problem, "status">>(`/api/v1/ocgs/${ocg.id}/status`, body);

    const dormant = await status({ status: "dormant" });
    expect(dormant.body).toMatchObject({ status: "dormant", nextStatuses: ["active", "archived"] });
    const again = await status({ status: "dormant" });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe("An OCG cannot go from dormant to dormant");

    const noReason = await status({ status: "archived", reason: "  " });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([
      { field: "reason", message: "Give a reason for archiving the OCG" },
    ]);
    expect((await wmAnalyst.get<OcgView>(`/api/v1/ocgs/${ocg.id}`)).body.status).toBe("dormant");

    const archived = await status({ status: "archived", reason: "All members convicted" });
    expect(archived.body).toMatchObject({ status: "archived", archiveReason: "All members convicted" });
    const toDormant = await status({ status: "dormant" });
    expect(toDormant.status).toBe(409);
    expect(toDormant.body.detail).toBe("An OCG cannot go from archived to dormant");
    expect((await status({ status: "active" })).status).toBe(400);

    const reinstated = await status({ status: "active", reason: "Released members regrouping" });
    expect(reinstated.body).toMatchObject({ status: "active", archiveReason: null });

    const audit = await admin.get<AuditPage>(`/api/v1/audit?entityType=ocg&entityId=${ocg.id}`);
    expect(audit.body.items.map((event) => event.action)).toEqual([
      "ocg.reinstate",
      "ocg.archive",
      "ocg.make_dormant",
      "ocg.create",
    ]);
    expect(audit.body.items[0]?.changes).toMatchObject({
      status: { before: "archived", after: "active" },
      archiveReason: { before: "All members convicted", after: null },
      reason: { after: "Released members regrouping" },
    });
    expect(audit.body.items[1]?.changes.reason).toEqual({ after: "All members convicted" });
  });

  it("keeps a 4P plan and shows overdue actions", async () => {
    const ocg = await create(wmAnalyst, { name: "Plan Group" });
    const add = (body: Record<string, unknown>) =>
      wmAnalyst.post<PlanActionView & Omit<Problem, "status">>(`/api/v1/ocgs/${ocg.id}/plan-actions`, body);
    const late = await add({
      strand: "pursue",
      description: "Warrant at the stash house",
      owner: "DS Patel, Op Cobalt",
      dueOn: "2020-01-31",
    });
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ status: "open", overdue: true, dueOn: "2020-01-31", ocgId: ocg.id });
    const future = await add({
      strand: "prevent",
      description: "Schools talks",
      owner: "Prevent team",
      dueOn: "2999-12-31",
    });
    expect(future.body.overdue).toBe(false);
    const finished = await add({
      strand: "protect",
      description: "Safeguard cuckooed addresses",
      owner: "Safeguarding hub",
      dueOn: "2020-02-01",
      status: "done",
    });
    expect(finished.body.overdue).toBe(false);

    const invalid = await add({
      strand: "punish",
      description: "",
      owner: "x",
      dueOn: "31/12/2025",
      colour: 1,
    });
    expect(invalid.status).toBe(400);
    expect(fields(invalid.body)).toEqual(["colour", "description", "dueOn", "strand"]);

    const detail = (await wmAnalyst.get<OcgView>(`/api/v1/ocgs/${ocg.id}`)).body;
    expect(detail.overdueActions).toBe(1);
    expect(detail.planActions.map((action) => [action.strand, action.overdue])).toEqual([
      ["pursue", true],
      ["protect", false],
      ["prevent", false],
    ]);
    expect((await list(wmAnalyst, "q=Plan Group")).items[0]?.overdueActions).toBe(1);

    const overdue = await wmAnalyst.get<Page<PlanActionWithOcgView>>("/api/v1/plan-actions?overdue=true");
    expect(overdue.body.items.map((action) => action.id)).toEqual([late.body.id]);
    expect(overdue.body.items[0]?.ocg).toEqual({ id: ocg.id, reference: ocg.reference, name: "Plan Group" });
    const prevent = await wmAnalyst.get<Page<PlanActionWithOcgView>>("/api/v1/plan-actions?strand=prevent");
    expect(prevent.body.items.map((action) => action.id)).toEqual([future.body.id]);

    const started = await wmAnalyst.patch<PlanActionView>(`/api/v1/plan-actions/${late.body.id}`, {
      status: "in-progress",
    });
    expect(started.body.overdue).toBe(true);
    const done = await wmAnalyst.patch<PlanActionView>(`/api/v1/plan-actions/${late.body.id}`, {
      status: "done",
    });
    expect(done.body).toMatchObject({ status: "done", overdue: false });
    expect((await wmAnalyst.get<Page<PlanActionView>>("/api/v1/plan-actions?overdue=true")).body.total).toBe(
      0,
    );
    const badPatch = await wmAnalyst.patch<Problem>(`/api/v1/plan-actions/${late.body.id}`, {
      status: "finished",
    });
    expect(fields(badPatch.body)).toEqual(["status"]);

    // Another force's plan is out of sight, and out of reach.
    const theirs = await create(national, { name: "Plan Elsewhere", leadForceId: "staffordshire" });
    const theirAction = await national.post<PlanActionView>(`/api/v1/ocgs/${theirs.id}/plan-actions`, {
      strand: "pursue",
      description: "Their action",
      owner: "Staffs",
      dueOn: "2020-01-01",
    });
    const everyone = await national.get<Page<PlanActionView>>(
      "/api/v1/plan-actions?overdue=true&forceId=staffordshire",
    );
    expect(everyone.body.items.map((action) => action.id)).toEqual([theirAction.body.id]);
    expect(
      (await wmAnalyst.get<Page<PlanActionView>>("/api/v1/plan-actions?pageSize=200")).body.items,
    ).not.toContainEqual(expect.objectContaining({ id: theirAction.body.id }));
    expect(
      (await wmAnalyst.patch(`/api/v1/plan-actions/${theirAction.body.id}`, { status: "done" })).status,
    ).toBe(404);
    expect(
      (
        await wmAnalyst.post(`/api/v1/ocgs/${theirs.id}/plan-actions`, {
          strand: "pursue",
          description: "x",
          owner: "x",
          dueOn: "2030-01-01",
        })
      ).status,
    ).toBe(404);
  });

  it("tells the OCG's story on its timeline, newest first", async () => {
    const ocg = await create(wmAnalyst, { name: "Timeline Group" });
    await wmAnalyst.patch(`/api/v1/ocgs/${ocg.id}`, { level: "regional", estimatedSize: 9 });
    const action = await wmAnalyst.post<PlanActionView>(`/api/v1/ocgs/${ocg.id}/plan-actions`, {
      strand: "prepare",
      description: "Exercise the firearms response",
      owner: "Ops planning",
      dueOn: "2030-01-01",
    });
    await wmAnalyst.patch(`/api/v1/plan-actions/${action.body.id}`, { status: "done" });
    const assessment = await assess(ocg, "66.00", "High", new Date());
    // The scoring feature records its events like this, naming the OCG in the changes.
    await t.database.db.transaction((tx) =>
      recordAudit(
        tx,
        { actor: null, requestId: null, clientIp: null },
        {
          action: "ocg_assessment.finalise",
          entityType: "ocg_assessment",
          entityId: assessment.id,
          changes: { ocgId: { after: ocg.id }, score: { after: 66 }, band: { after: "High" } },
          actorLabel: "assessor@test.rocu.test",
        },
      ),
    );
    await wmAnalyst.post(`/api/v1/ocgs/${ocg.id}/status`, { status: "archived", reason: "Disbanded" });
    // Unchanged edits leave no trace.
    await wmAnalyst.patch(`/api/v1/ocgs/${ocg.id}`, { level: "regional" });

    const timeline = (await wmAnalyst.get<Timeline>(`/api/v1/ocgs/${ocg.id}/timeline`)).body.items;
    expect(timeline.map(({ kind, title, detail }) => ({ kind, title, detail }))).toEqual([
      { kind: "status", title: "Archived", detail: "Disbanded" },
      { kind: "assessment", title: "Assessment finalised", detail: "Score 66, band High" },
      { kind: "plan-action", title: "Prepare action marked done", detail: "Exercise the firearms response" },
      { kind: "plan-action", title: "Prepare action added", detail: "Exercise the firearms response" },
      { kind: "updated", title: "Details changed", detail: "Changed: level of activity, estimated size" },
      { kind: "created", title: "OCG created", detail: ocg.reference },
    ]);
    const me = (await wmAnalyst.get<{ name: string }>("/api/v1/me")).body.name;
    expect(timeline[0]?.actor).toBe(me);
    expect(timeline[1]?.actor).toBe("assessor@test.rocu.test");
    const times = timeline.map((item) => item.at);
    expect([...times].sort().reverse()).toEqual(times);

    // Another group's events stay on its own timeline.
    const otherTimeline = await wmAnalyst.get<Timeline>(
      `/api/v1/ocgs/${(await create(wmAnalyst)).id}/timeline`,
    );
    expect(otherTimeline.body.items.map((item) => item.kind)).toEqual(["created"]);

    const auditedActions = await admin.get<AuditPage>(
      `/api/v1/audit?entityType=ocg_plan_action&entityId=${action.body.id}`,
    );
    expect(auditedActions.body.items.map((event) => event.action)).toEqual([
      "ocg_plan_action.update",
      "ocg_plan_action.create",
    ]);
    expect(auditedActions.body.items[0]?.changes).toEqual({ status: { before: "open", after: "done" } });
  });

  it("records an audit event for every OCG created or changed", async () => {
    const ocg = await create(national, { name: "Audited Group", forcesAffected: ["warwickshire"] });
    await national.patch(`/api/v1/ocgs/${ocg.id}`, { name: "Audited Group Renamed", aliases: ["AG"] });
    const events = await admin.get<AuditPage>(`/api/v1/audit?entityType=ocg&entityId=${ocg.id}`);
    expect(events.body.items.map((event) => event.action)).toEqual(["ocg.update", "ocg.create"]);
    expect(events.body.items[0]?.changes).toEqual({
      name: { before: "Audited Group", after: "Audited Group Renamed" },
      aliases: { before: [], after: ["AG"] },
    });
    expect(events.body.items[1]?.changes).toMatchObject({
      reference: { after: ocg.reference },
      forcesAffected: { after: ["warwickshire"] },
      classification: { after: "OFFICIAL-SENSITIVE" },
    });
    const verify = await t.signedIn({ roles: ["admin"], scope: "national", clearance: "SECRET" });
    expect((await verify.get<{ intact: boolean }>("/api/v1/audit/verify")).body.intact).toBe(true);
  });
});
