import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CyberChoicesSummaryView, CyberChoicesView } from "#src/features/cyber-choices/schema.ts";
import type { Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

type Client = Awaited<ReturnType<TestApp["signedIn"]>>;
type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
type AuditPage = {
  items: {
    action: string;
    entityId: string;
    actorId: string | null;
    changes: Record<string, { before?: unknown; after?: unknown }>;
  }[];
};

const fields = (problem: Pick<Problem, "errors">) =>
  (problem.errors ?? []).map((error) => error.field).sort();
const messageOf = (problem: Pick<Problem, "errors">, field: string) =>
  problem.errors?.find((error) => error.field === field)?.message;

const baseRecord = {
  forceId: "west-midlands",
  referredOn: "2026-01-12",
  source: "school",
  subjectLabel: "J.D.",
  age: 15,
  concerns: "Running booter services for classmates; boasting of taking down a game server.",
  safeguardingChecked: true,
  consentObtained: true,
  interventions: ["awareness-session", "skills-pathway"],
  interventionPlan: "Awareness session with a parent, then a place on a cyber skills course.",
  reviewOn: "2026-04-12",
  classification: "OFFICIAL-SENSITIVE",
};

describe.each(databaseKinds())("Cyber Choices on %s", (kind) => {
  let t: TestApp;
  let wmPrevent: Client;
  let staffsPrevent: Client;
  let regionPrevent: Client;
  let admin: Client;

  const create = async (client: Client, body: Record<string, unknown> = {}) => {
    const response = await client.post<CyberChoicesView>("/api/v1/cyber-choices", { ...baseRecord, ...body });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  };

  const list = async (client: Client, query = "") => {
    const response = await client.get<Page<CyberChoicesSummaryView>>(`/api/v1/cyber-choices?${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };

  const auditOf = async (query: string) =>
    (await admin.get<AuditPage>(`/api/v1/audit?entityType=cyber-choices&${query}`)).body.items;

  beforeAll(async () => {
    t = await startTestApp(kind);
    wmPrevent = await t.signedIn({ roles: ["prevent"], organisationId: "west-midlands" });
    staffsPrevent = await t.signedIn({ roles: ["prevent"], organisationId: "staffordshire" });
    regionPrevent = await t.signedIn({ roles: ["prevent"], organisationId: "rocuwm", scope: "region" });
    admin = await t.signedIn({ roles: ["admin"], scope: "national", clearance: "SECRET" });
  });
  afterAll(() => t.close());

  it("records a person at risk with a regional reference, by initials only", async () => {
    const first = await create(wmPrevent);
    const second = await create(staffsPrevent, { forceId: "staffordshire", subjectLabel: "Falcon" });
    expect(first).toMatchObject({
      reference: "WM-CC-0001",
      force: { id: "west-midlands", name: "West Midlands" },
      regionId: "west-midlands",
      status: "open",
      outcome: null,
      age: 15,
      interventions: ["awareness-session", "skills-pathway"],
      createdBy: { id: wmPrevent.userId },
    });
    // One series per region: Staffordshire shares West Midlands' region.
    expect(second.reference).toBe("WM-CC-0002");
    const created = await auditOf(`entityId=${first.id}&action=cyber-choices.create`);
    expect(created).toHaveLength(1);
    expect(created[0]?.changes.reference).toEqual({ after: "WM-CC-0001" });
  });

  it("keeps personal data minimal and says why when it refuses", async () => {
    const email = await wmPrevent.post<Problem>("/api/v1/cyber-choices", {
      ...baseRecord,
      subjectLabel: "jake@example.com",
      age: 7,
    });
    expect(email.status).toBe(400);
    expect(fields(email.body)).toEqual(["age", "subjectLabel"]);
    expect(messageOf(email.body, "subjectLabel")).toBe(
      "Use initials or a pseudonym, not an e-mail address: Cyber Choices keeps minimal personal data",
    );
    expect(messageOf(email.body, "age")).toBe("Cyber Choices works with people aged 8 to 30");
    const phone = await wmPrevent.post<Problem>("/api/v1/cyber-choices", {
      ...baseRecord,
      subjectLabel: "07700 900123",
      age: 31,
    });
    expect(fields(phone.body)).toEqual(["age", "subjectLabel"]);
    expect(messageOf(phone.body, "subjectLabel")).toContain("not a phone number");
    const long = await wmPrevent.post<Problem>("/api/v1/cyber-choices", {
      ...baseRecord,
      subjectLabel: "Jacob Alexander Montgomery-Smythe of Solihull",
    });
    expect(messageOf(long.body, "subjectLabel")).toContain("minimal personal data");

    const misplaced = await wmPrevent.post<Problem>("/api/v1/cyber-choices", {
      ...baseRecord,
      forceId: "staffordshire",
      reviewOn: "2026-01-01",
      classification: "SECRET",
    });
    expect(misplaced.status).toBe(400);
    expect(fields(misplaced.body)).toEqual(["classification", "forceId", "reviewOn"]);
    expect((await list(regionPrevent, "pageSize=200")).items.map((item) => item.subjectLabel)).not.toContain(
      "jake@example.com",
    );
  });

  it("is for the Prevent team alone", async () => {
    const record = await create(wmPrevent);
    for (const role of ["analyst", "investigator", "supervisor", "admin", "protect"] as const) {
      const other = await t.signedIn({ roles: [role], scope: "national", clearance: "SECRET" });
      expect((await other.get("/api/v1/cyber-choices")).status, role).toBe(403);
      expect((await other.get(`/api/v1/cyber-choices/${record.id}`)).status, role).toBe(403);
      expect((await other.post("/api/v1/cyber-choices", baseRecord)).status, role).toBe(403);
      expect((await other.patch(`/api/v1/cyber-choices/${record.id}`, { age: 16 })).status, role).toBe(403);
    }
  });

  it("shows a force its own records, a region its forces', and nobody what is above their clearance", async () => {
    const wm = await create(wmPrevent, { subjectLabel: "Scope WM" });
    const staffs = await create(staffsPrevent, { forceId: "staffordshire", subjectLabel: "Scope Staffs" });
    const national = await t.signedIn({ roles: ["prevent"], scope: "national", clearance: "SECRET" });
    const secret = await create(national, {
      forceId: "west-midlands",
      subjectLabel: "Scope secret",
      classification: "SECRET",
    });

    const wmLabels = (await list(wmPrevent, "pageSize=200")).items.map((item) => item.subjectLabel);
    expect(wmLabels).toContain("Scope WM");
    expect(wmLabels).not.toContain("Scope Staffs");
    expect(wmLabels).not.toContain("Scope secret");
    expect((await wmPrevent.get(`/api/v1/cyber-choices/${staffs.id}`)).status).toBe(404);
    expect((await wmPrevent.get(`/api/v1/cyber-choices/${secret.id}`)).status).toBe(404);
    expect((await wmPrevent.patch(`/api/v1/cyber-choices/${staffs.id}`, { age: 16 })).status).toBe(404);

    const regionLabels = (await list(regionPrevent, "pageSize=200")).items.map((item) => item.subjectLabel);
    expect(regionLabels).toEqual(expect.arrayContaining(["Scope WM", "Scope Staffs"]));
    expect(regionLabels).not.toContain("Scope secret");
    expect((await regionPrevent.get(`/api/v1/cyber-choices/${wm.id}`)).status).toBe(200);
    const nwPrevent = await t.signedIn({ roles: ["prevent"], organisationId: "nwrocu", scope: "region" });
    expect((await list(nwPrevent)).total).toBe(0);
    expect((await list(national, "pageSize=200")).items.map((item) => item.subjectLabel)).toContain(
      "Scope secret",
    );
  });

  it("audits every read: each record opened, and each list page with the records it showed", async () => {
    const reader = await t.signedIn({ roles: ["prevent"], organisationId: "west-midlands" });
    const record = await create(wmPrevent, { subjectLabel: "Audited" });
    const opened = await reader.get<CyberChoicesView>(`/api/v1/cyber-choices/${record.id}`);
    expect(opened.status).toBe(200);
    expect(opened.body.concerns).toBe(baseRecord.concerns);
    const reads = (await auditOf(`entityId=${record.id}&action=cyber-choices.read`)).filter(
      (event) => event.actorId === reader.userId,
    );
    expect(reads).toHaveLength(1);

    const page = await list(reader, "pageSize=2&sort=-referredOn");
    const lists = (await auditOf("action=cyber-choices.list")).filter(
      (event) => event.actorId === reader.userId,
    );
    expect(lists).toHaveLength(1);
    expect(lists[0]?.changes.ids?.after).toEqual(page.items.map((item) => item.id));
    // The list itself carries no concerns or plans.
    expect(page.items[0]).not.toHaveProperty("concerns");
  });

  it("filters by status, review due and source, closes with an outcome, and reopens", async () => {
    const warwickshirePrevent = await t.signedIn({ roles: ["prevent"], organisationId: "warwickshire" });
    const due = await create(warwickshirePrevent, {
      forceId: "warwickshire",
      source: "parent",
      reviewOn: "2026-02-01",
    });
    const later = await create(warwickshirePrevent, {
      forceId: "warwickshire",
      source: "police",
      reviewOn: "2099-01-01",
    });
    expect((await list(warwickshirePrevent, "reviewDue=true")).items.map((item) => item.id)).toEqual([
      due.id,
    ]);
    expect((await list(warwickshirePrevent, "source=police")).items.map((item) => item.id)).toEqual([
      later.id,
    ]);
    expect((await list(warwickshirePrevent, "sort=-reviewOn")).items.map((item) => item.id)).toEqual([
      later.id,
      due.id,
    ]);

    const noOutcome = await warwickshirePrevent.patch<Problem>(`/api/v1/cyber-choices/${due.id}`, {
      status: "closed",
    });
    expect(noOutcome.status).toBe(400);
    expect(noOutcome.body.errors).toEqual([
      { field: "outcome", message: "Give the outcome to close the referral" },
    ]);
    const closed = await warwickshirePrevent.patch<CyberChoicesView>(`/api/v1/cyber-choices/${due.id}`, {
      status: "closed",
      outcome: "Completed the skills pathway; no further concerns.",
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: "closed", reviewDue: false });
    expect((await list(warwickshirePrevent, "reviewDue=true")).total).toBe(0);
    expect((await list(warwickshirePrevent, "status=closed")).items.map((item) => item.id)).toEqual([due.id]);
    const closing = await auditOf(`entityId=${due.id}&action=cyber-choices.close`);
    expect(closing[0]?.changes.status).toEqual({ before: "open", after: "closed" });

    const reopened = await warwickshirePrevent.patch<CyberChoicesView>(`/api/v1/cyber-choices/${due.id}`, {
      status: "open",
    });
    expect(reopened.body).toMatchObject({ status: "open", outcome: null, reviewDue: true });
    const badAge = await warwickshirePrevent.patch<Problem>(`/api/v1/cyber-choices/${due.id}`, { age: 40 });
    expect(fields(badAge.body)).toEqual(["age"]);
  });
});
