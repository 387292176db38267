import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OperationView } from "#src/features/operations/schema.ts";
import type { Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
type Client = Awaited<ReturnType<TestApp["signedIn"]>>;
type AuditPage = Page<{
  action: string;
  entityId: string;
  changes: Record<string, { before?: unknown; after?: unknown }>;
}>;

const fields = (problem: Pick<Problem, "errors">) =>
  (problem.errors ?? []).map((error) => error.field).sort();

const ukToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());

describe.each(databaseKinds())("operations on %s", (kind) => {
  let t: TestApp;
  /** A national supervisor: maps OCGs and runs operations anywhere, up to SECRET. */
  let national: Client;
  let wmInvestigator: Client;
  let staffsInvestigator: Client;
  let kentInvestigator: Client;
  let admin: Client;
  const groups = { wm: "", wmSecond: "", staffs: "", kent: "", wmSecret: "", staffsAffectingWm: "" };

  const newOcg = async (
    name: string,
    leadForceId: string,
    classification = "OFFICIAL-SENSITIVE",
    forcesAffected: string[] = [],
  ) => {
    const response = await national.post<{ id: string }>("/api/v1/ocgs", {
      name,
      leadForceId,
      forcesAffected,
      level: "local",
      primaryCrimeType: "drugs-supply",
      classification,
    });
    if (response.status !== 201) throw new Error(`OCG create failed: ${JSON.stringify(response.body)}`);
    return response.body.id;
  };

  const newOperation = (overrides: Record<string, unknown> = {}) => ({
    codeName: "NIGHTJAR",
    leadOrganisationId: "rocuwm",
    hostForceId: "west-midlands",
    level: "regional",
    targetOcgIds: [groups.wm],
    classification: "OFFICIAL-SENSITIVE",
    ...overrides,
  });

  const create = async (client: Client, overrides: Record<string, unknown> = {}) => {
    const response = await client.post<OperationView>("/api/v1/operations", newOperation(overrides));
    if (response.status !== 201) throw new Error(`create failed: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const list = async (client: Client, query: string) =>
    (await client.get<Page<OperationView>>(`/api/v1/operations?${query}`)).body;

  beforeAll(async () => {
    t = await startTestApp(kind);
    national = await t.signedIn({
      roles: ["supervisor"],
      organisationId: "rocuwm",
      scope: "national",
      clearance: "SECRET",
    });
    wmInvestigator = await t.signedIn({ roles: ["investigator"], organisationId: "west-midlands" });
    staffsInvestigator = await t.signedIn({ roles: ["investigator"], organisationId: "staffordshire" });
    kentInvestigator = await t.signedIn({ roles: ["investigator"], organisationId: "kent" });
    admin = await t.signedIn({ roles: ["admin"], scope: "national", clearance: "SECRET" });
    groups.wm = await newOcg("Harbour Crew", "west-midlands");
    groups.wmSecond = await newOcg("Canal Boys", "west-midlands");
    groups.staffs = await newOcg("Potteries Line", "staffordshire");
    groups.kent = await newOcg("Medway Network", "kent");
    groups.wmSecret = await newOcg("Quiet Ones", "west-midlands", "SECRET");
    groups.staffsAffectingWm = await newOcg("Border Runners", "staffordshire", "OFFICIAL-SENSITIVE", [
      "west-midlands",
    ]);
  });
  afterAll(() => t.close());

  it("proposes an operation with every field and shows it back", async () => {
    const sio = await t.createUser({ organisationId: "west-midlands", roles: ["investigator"] });
    const created = await national.post<OperationView>(
      "/api/v1/operations",
      newOperation({
        codeName: "  Full Record  ",
        leadOrganisationId: "nca",
        level: "national",
        sioUserId: sio.id,
        startedOn: "2026-01-05",
        endedOn: "2026-12-31",
        targetOcgIds: [groups.wm, groups.staffs, groups.wm],
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      codeName: "Full Record",
      status: "proposed",
      leadOrganisation: { id: "nca", name: "National Crime Agency" },
      hostForce: { id: "west-midlands", name: "West Midlands" },
      regionId: "west-midlands",
      level: "national",
      sio: { id: sio.id },
      startedOn: "2026-01-05",
      endedOn: "2026-12-31",
      resultSummary: null,
      classification: "OFFICIAL-SENSITIVE",
      nextStatuses: ["active", "closed"],
    });
    expect(created.body.targets.map((target) => target.name).sort()).toEqual([
      "Harbour Crew",
      "Potteries Line",
    ]);
    expect(created.body.targets[0]?.reference).toMatch(/^WM-OCG-\d{4}$/);

    // A West Midlands investigator reads it, but only the targets they may see.
    const read = await wmInvestigator.get<OperationView>(`/api/v1/operations/${created.body.id}`);
    expect(read.body).toEqual({
      ...created.body,
      targets: created.body.targets.filter((target) => target.name === "Harbour Crew"),
    });

    const minimal = await create(wmInvestigator, {
      codeName: "Minimal",
      leadOrganisationId: "west-midlands",
    });
    expect(minimal).toMatchObject({ sio: null, startedOn: null, endedOn: null, status: "proposed" });
  });

  it("names every invalid field at once and writes nothing", async () => {
    const disabled = await t.createUser({ organisationId: "west-midlands" });
    await admin.post(`/api/v1/users/${disabled.id}/disable`);
    await create(national, { codeName: "Kingfisher" });
    const before = (await list(national, "pageSize=1")).total;
    const auditBefore = (await admin.get<AuditPage>("/api/v1/audit?entityType=operation&pageSize=1")).body
      .total;

    const shape = await national.post<Problem>("/api/v1/operations", {
      ...newOperation({ codeName: " ", level: "street", targetOcgIds: [], classification: "TOP SECRET" }),
      budget: 1,
    });
    expect(shape.status).toBe(400);
    expect(fields(shape.body)).toEqual(["budget", "classification", "codeName", "level", "targetOcgIds"]);
    expect(shape.body.errors?.find((error) => error.field === "targetOcgIds")?.message).toBe(
      "Choose at least one target OCG",
    );

    const references = await wmInvestigator.post<Problem>(
      "/api/v1/operations",
      newOperation({
        codeName: "KINGFISHER",
        leadOrganisationId: "interpol",
        hostForceId: "gotham",
        sioUserId: disabled.id,
        startedOn: "2026-03-01",
        endedOn: "2026-02-28",
        targetOcgIds: [groups.wm, groups.kent, groups.wmSecret, "00000000-0000-4000-8000-000000000000"],
      }),
    );
    expect(references.status).toBe(400);
    expect(fields(references.body)).toEqual([
      "codeName",
      "endedOn",
      "hostForceId",
      "leadOrganisationId",
      "sioUserId",
      "targetOcgIds",
    ]);
    expect(references.body.errors).toContainEqual({
      field: "codeName",
      message: "Operation Kingfisher already exists",
    });
    expect(references.body.errors).toContainEqual({
      field: "endedOn",
      message: "The end date must be on or after the start date",
    });
    // Groups out of sight are named by the id given, never by what they are.
    const targetMessage = references.body.errors?.find((error) => error.field === "targetOcgIds")?.message;
    expect(targetMessage).toContain(groups.kent);
    expect(targetMessage).toContain(groups.wmSecret);
    expect(targetMessage).not.toContain(groups.wm);

    const badDate = await national.post<Problem>(
      "/api/v1/operations",
      newOperation({ startedOn: "31/01/2026" }),
    );
    expect(fields(badDate.body)).toEqual(["startedOn"]);

    expect((await list(national, "pageSize=1")).total).toBe(before);
    expect((await admin.get<AuditPage>("/api/v1/audit?entityType=operation&pageSize=1")).body.total).toBe(
      auditBefore,
    );
  });

  it("keeps code names unique whatever their case, even when two people race", async () => {
    const kestrel = await create(national, { codeName: "Kestrel" });
    const again = await national.post<Problem>("/api/v1/operations", newOperation({ codeName: "kestrel " }));
    expect(again.status).toBe(400);
    expect(again.body.errors).toEqual([{ field: "codeName", message: "Operation Kestrel already exists" }]);

    const other = await create(national, { codeName: "Merlin" });
    const rename = await national.patch<Problem>(`/api/v1/operations/${other.id}`, { codeName: "KESTREL" });
    expect(fields(rename.body)).toEqual(["codeName"]);
    // Its own name in another case is no clash.
    const recased = await national.patch<OperationView>(`/api/v1/operations/${kestrel.id}`, {
      codeName: "KESTREL",
    });
    expect(recased.body.codeName).toBe("KESTREL");

    const racing = await Promise.all(
      ["Peregrine", "PEREGRINE", "peregrine"].map((codeName) =>
        national.post<Problem>("/api/v1/operations", newOperation({ codeName })),
      ),
    );
    expect(racing.map((response) => response.status).sort()).toEqual([201, 400, 400]);
    for (const refused of racing.filter((response) => response.status === 400)) {
      expect(fields(refused.body)).toEqual(["codeName"]);
    }
    expect((await list(national, "q=peregrine")).total).toBe(1);
  });

  it("filters, sorts and pages the list in the database", async () => {
    const alpha = await create(national, {
      codeName: "Sorting Alpha",
      level: "local",
      startedOn: "2026-02-01",
      targetOcgIds: [groups.staffs],
    });
    const bravo = await create(national, {
      codeName: "Sorting Bravo",
      hostForceId: "staffordshire",
      startedOn: "2025-11-01",
      targetOcgIds: [groups.wm, groups.staffs],
    });
    const charlie = await create(national, { codeName: "sorting charlie", targetOcgIds: [groups.wmSecond] });
    await national.post(`/api/v1/operations/${alpha.id}/status`, { status: "active" });
    await national.post(`/api/v1/operations/${bravo.id}/status`, { status: "active" });
    await national.post(`/api/v1/operations/${bravo.id}/status`, { status: "suspended" });

    const names = async (query: string) =>
      (await list(national, `q=sorting&${query}`)).items.map((operation) =>
        operation.codeName.replace(/sorting /i, ""),
      );
    expect(await names("sort=codeName")).toEqual(["Alpha", "Bravo", "charlie"]);
    expect(await names("sort=-codeName")).toEqual(["charlie", "Bravo", "Alpha"]);
    // Not started yet sorts last either way.
    expect(await names("sort=startedOn")).toEqual(["Bravo", "Alpha", "charlie"]);
    expect(await names("sort=-startedOn")).toEqual(["Alpha", "Bravo", "charlie"]);
    expect(await names("sort=status")).toEqual(["charlie", "Alpha", "Bravo"]);
    expect(await names("sort=-status")).toEqual(["Bravo", "Alpha", "charlie"]);
    expect(await names("sort=-updatedAt")).toEqual(["Bravo", "Alpha", "charlie"]);
    expect(await names("status=active")).toEqual(["Alpha"]);
    expect(await names("level=local")).toEqual(["Alpha"]);
    expect(await names("hostForceId=staffordshire")).toEqual(["Bravo"]);
    expect(await names(`ocgId=${groups.staffs}`)).toEqual(["Alpha", "Bravo"]);
    expect(await names(`ocgId=${groups.wmSecond}`)).toEqual(["charlie"]);

    const firstPage = await list(national, "q=sorting&sort=codeName&pageSize=2&page=1");
    expect(firstPage).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(firstPage.items.map((operation) => operation.id)).toEqual([alpha.id, bravo.id]);
    expect(
      (await list(national, "q=sorting&sort=codeName&pageSize=2&page=2")).items.map((o) => o.id),
    ).toEqual([charlie.id]);
    expect(firstPage.items[1]?.targets).toHaveLength(2);

    const bad = await national.get<Problem>("/api/v1/operations?sort=danger&status=finished&ocgId=42");
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(["ocgId", "sort", "status"]);
  });

  it("lets a target's lead force read an operation but not change it; other forces cannot see it", async () => {
    // A Staffordshire-led group that affects the West Midlands: both forces see it.
    const operation = await create(wmInvestigator, {
      codeName: "Shared Sight",
      targetOcgIds: [groups.wm, groups.staffsAffectingWm],
    });
    const path = `/api/v1/operations/${operation.id}`;

    const read = await staffsInvestigator.get<OperationView>(path);
    expect(read.status).toBe(200);
    expect(read.body.targets.map((target) => target.name)).toEqual(["Border Runners"]);
    expect((await list(staffsInvestigator, "q=shared sight")).total).toBe(1);
    expect((await list(staffsInvestigator, `ocgId=${groups.staffsAffectingWm}&q=shared`)).total).toBe(1);
    expect((await staffsInvestigator.patch(path, { level: "local" })).status).toBe(403);
    expect((await staffsInvestigator.post(`${path}/status`, { status: "active" })).status).toBe(403);

    expect((await kentInvestigator.get(path)).status).toBe(404);
    expect((await kentInvestigator.patch(path, { level: "local" })).status).toBe(404);
    expect((await kentInvestigator.post(`${path}/status`, { status: "active" })).status).toBe(404);
    expect((await list(kentInvestigator, "q=shared sight")).total).toBe(0);

    // The region's ROCU sees what its forces host.
    const regional = await t.signedIn({ roles: ["investigator"], organisationId: "rocuwm", scope: "region" });
    expect((await regional.get(path)).status).toBe(200);

    // Retargeting away from Staffordshire's group takes Staffordshire's sight with it.
    const retargeted = await wmInvestigator.patch<OperationView>(path, {
      targetOcgIds: [groups.wm, groups.wmSecond],
    });
    expect(retargeted.status).toBe(200);
    expect(retargeted.body.targets.map((target) => target.name).sort()).toEqual([
      "Canal Boys",
      "Harbour Crew",
    ]);
    expect((await staffsInvestigator.get(path)).status).toBe(404);
    expect((await list(staffsInvestigator, "q=shared sight")).total).toBe(0);
  });

  it("respects clearance and scope, and keeps targets hidden from an editor", async () => {
    const secret = await create(national, { codeName: "Above Clearance", classification: "SECRET" });
    expect((await wmInvestigator.get(`/api/v1/operations/${secret.id}`)).status).toBe(404);
    expect((await list(wmInvestigator, "q=above clearance")).total).toBe(0);
    expect((await list(national, "q=above clearance")).total).toBe(1);

    const tooHigh = await wmInvestigator.post(
      "/api/v1/operations",
      newOperation({
        codeName: "Too High",
        classification: "SECRET",
      }),
    );
    expect(tooHigh.status).toBe(403);
    const notOurs = await wmInvestigator.post(
      "/api/v1/operations",
      newOperation({
        codeName: "Not Ours",
        hostForceId: "staffordshire",
      }),
    );
    expect(notOurs.status).toBe(403);
    const analyst = await t.signedIn({ roles: ["analyst"], organisationId: "west-midlands" });
    expect((await analyst.post("/api/v1/operations", newOperation({ codeName: "Analyst Op" }))).status).toBe(
      403,
    );

    // A SECRET group stays targeted when a West Midlands investigator edits the targets they can see.
    const mixed = await create(national, {
      codeName: "Mixed Targets",
      targetOcgIds: [groups.wm, groups.wmSecret],
    });
    const seen = await wmInvestigator.get<OperationView>(`/api/v1/operations/${mixed.id}`);
    expect(seen.body.targets.map((target) => target.name)).toEqual(["Harbour Crew"]);
    const edited = await wmInvestigator.patch<OperationView>(`/api/v1/operations/${mixed.id}`, {
      targetOcgIds: [groups.wmSecond],
    });
    expect(edited.body.targets.map((target) => target.name)).toEqual(["Canal Boys"]);
    const full = await national.get<OperationView>(`/api/v1/operations/${mixed.id}`);
    expect(full.body.targets.map((target) => target.name).sort()).toEqual(["Canal Boys", "Quiet Ones"]);
    const handOver = await wmInvestigator.patch(`/api/v1/operations/${mixed.id}`, { hostForceId: "kent" });
    expect(handOver.status).toBe(403);
  });

  it("goes proposed → active → suspended → active → closed, with a result summary and an audit event each", async () => {
    const operation = await create(wmInvestigator, { codeName: "Journey", targetOcgIds: [groups.wm] });
    const status = (body: Record<string, unknown>) =>
      wmInvestigator.post<OperationView & Omit<Problem, "status">>(
        `/api/v1/operations/${operation.id}/status`,
        body,
      );
    const today = ukToday();

    const active = await status({ status: "active" });
    expect(active.body).toMatchObject({ status: "active", startedOn: today, endedOn: null });
    expect(active.body.nextStatuses).toEqual(["suspended", "closed"]);
    const again = await status({ status: "active" });
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe("An operation cannot go from active to active");

    expect((await status({ status: "suspended" })).body.status).toBe("suspended");
    expect((await status({ status: "active" })).body).toMatchObject({ status: "active", startedOn: today });
    await wmInvestigator.patch(`/api/v1/operations/${operation.id}`, {
      targetOcgIds: [groups.wm, groups.wmSecond],
    });

    const noSummary = await status({ status: "closed", resultSummary: "   " });
    expect(noSummary.status).toBe(400);
    expect(noSummary.body.errors).toEqual([
      { field: "resultSummary", message: "Give a summary of the operation's results" },
    ]);
    expect((await wmInvestigator.get<OperationView>(`/api/v1/operations/${operation.id}`)).body.status).toBe(
      "active",
    );

    const closed = await status({ status: "closed", resultSummary: "Four charged; 3 kg of cocaine seized." });
    expect(closed.body).toMatchObject({
      status: "closed",
      endedOn: today,
      resultSummary: "Four charged; 3 kg of cocaine seized.",
      nextStatuses: [],
    });
    expect((await status({ status: "active" })).status).toBe(409);

    const audit = await admin.get<AuditPage>(`/api/v1/audit?entityType=operation&entityId=${operation.id}`);
    expect(audit.body.items.map((event) => event.action)).toEqual([
      "operation.close",
      "operation.update",
      "operation.resume",
      "operation.suspend",
      "operation.activate",
      "operation.create",
    ]);
    const [close, update, , , activate, created] = audit.body.items;
    expect(close?.changes).toEqual({
      status: { before: "active", after: "closed" },
      endedOn: { before: null, after: today },
      resultSummary: { before: null, after: "Four charged; 3 kg of cocaine seized." },
    });
    expect(update?.changes.targetOcgIds).toEqual({
      before: [groups.wm],
      after: [groups.wm, groups.wmSecond].sort(),
    });
    expect(activate?.changes).toEqual({
      status: { before: "proposed", after: "active" },
      startedOn: { before: null, after: today },
    });
    expect(created?.changes).toMatchObject({
      codeName: { after: "Journey" },
      status: { after: "proposed" },
      forcesInvolved: { after: ["west-midlands"] },
      targetOcgIds: { after: [groups.wm] },
    });
    expect((await admin.get<{ intact: boolean }>("/api/v1/audit/verify")).body.intact).toBe(true);
  });
});
