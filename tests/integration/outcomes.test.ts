import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disruptions } from "#src/db/schema.ts";
import type { OutcomeTotalsView, OutcomeView } from "#src/features/outcomes/schema.ts";
import type { Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
type Client = Awaited<ReturnType<TestApp["signedIn"]>>;
type AuditPage = Page<{
  action: string;
  entityType: string;
  entityId: string;
  classification: string;
  changes: Record<string, { before?: unknown; after?: unknown }>;
}>;

const fields = (problem: Pick<Problem, "errors">) =>
  (problem.errors ?? []).map((error) => error.field).sort();
const messageOf = (problem: Pick<Problem, "errors">, field: string) =>
  problem.errors?.find((error) => error.field === field)?.message;

let codeNames = 0;

describe.each(databaseKinds())("the outcomes ledger on %s", (kind) => {
  let t: TestApp;
  /** A national supervisor cleared to SECRET: maps OCGs, runs operations and records outcomes anywhere. */
  let national: Client;
  let wmInvestigator: Client;
  let board: Client;
  let admin: Client;

  const newOcg = async (leadForceId: string, classification = "OFFICIAL") => {
    const response = await national.post<{ id: string; reference: string }>("/api/v1/ocgs", {
      name: `Outcome test group ${leadForceId}`,
      leadForceId,
      level: "local",
      primaryCrimeType: "drugs-supply",
      classification,
    });
    if (response.status !== 201) throw new Error(`OCG create failed: ${JSON.stringify(response.body)}`);
    return response.body;
  };

  const newOperation = async (hostForceId: string, targetOcgIds: string[], classification = "OFFICIAL") => {
    const response = await national.post<{ id: string; codeName: string }>("/api/v1/operations", {
      codeName: `LEDGER${++codeNames}`,
      leadOrganisationId: "rocuwm",
      hostForceId,
      level: "regional",
      targetOcgIds,
      classification,
    });
    if (response.status !== 201) throw new Error(`operation create failed: ${JSON.stringify(response.body)}`);
    return response.body;
  };

  /** An OCG and an operation against it, both hosted by the force, at the classification. */
  const targeted = async (forceId: string, classification = "OFFICIAL") => {
    const ocg = await newOcg(forceId, classification);
    const operation = await newOperation(forceId, [ocg.id], classification);
    return { ocg, operation, link: { operationId: operation.id, ocgId: ocg.id } };
  };

  const record = async (client: Client, body: Record<string, unknown>) => {
    const response = await client.post<OutcomeView>("/api/v1/outcomes", {
      classification: "OFFICIAL",
      ...body,
    });
    if (response.status !== 201) throw new Error(`record failed: ${JSON.stringify(response.body)}`);
    return response.body;
  };

  const list = async (client: Client, query: string) => {
    const response = await client.get<Page<OutcomeView>>(`/api/v1/outcomes?${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };

  const totals = async (client: Client, query: string) => {
    const response = await client.get<OutcomeTotalsView>(`/api/v1/outcomes/totals?${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    national = await t.signedIn({
      roles: ["supervisor"],
      organisationId: "rocuwm",
      scope: "national",
      clearance: "SECRET",
    });
    wmInvestigator = await t.signedIn({
      roles: ["investigator"],
      organisationId: "west-midlands",
      clearance: "OFFICIAL-SENSITIVE",
    });
    board = await t.signedIn({
      roles: ["board"],
      organisationId: "rocuwm",
      scope: "region",
      clearance: "OFFICIAL",
    });
    admin = await t.signedIn({ roles: ["admin"], scope: "national", clearance: "SECRET" });
  });
  afterAll(() => t.close());

  it("records every kind of outcome, each in its own unit, credited to the operation's host force", async () => {
    const { ocg, operation, link } = await targeted("west-midlands");
    const on = { ...link, occurredOn: "2026-10-01" };
    const arrest = await record(wmInvestigator, { ...on, kind: "arrest", quantity: 4, notes: "Dawn raids" });
    expect(arrest).toMatchObject({
      kind: "arrest",
      quantity: 4,
      unit: "people",
      operation: { id: operation.id, codeName: operation.codeName },
      ocg: { id: ocg.id, reference: ocg.reference },
      disruptionId: null,
      force: { id: "west-midlands", name: "West Midlands" },
      regionId: "west-midlands",
      classification: "OFFICIAL",
      notes: "Dawn raids",
    });
    expect(await record(wmInvestigator, { ...on, kind: "charge", quantity: 2 })).toMatchObject({
      quantity: 2,
      unit: "people",
    });
    // A conviction is one person: the quantity need not be given.
    expect(
      await record(wmInvestigator, {
        ...on,
        kind: "conviction",
        offence: "  Conspiracy to supply cocaine ",
        sentenceMonths: 96,
      }),
    ).toMatchObject({
      quantity: 1,
      unit: "people",
      offence: "Conspiracy to supply cocaine",
      sentenceMonths: 96,
    });
    expect(
      await record(wmInvestigator, { ...on, kind: "seizure", commodity: "cocaine", quantity: 2.125 }),
    ).toMatchObject({ quantity: 2.125, unit: "kg", commodity: "cocaine" });
    expect(
      await record(wmInvestigator, { ...on, kind: "seizure", commodity: "firearms", quantity: 3 }),
    ).toMatchObject({
      quantity: 3,
      unit: "items",
    });
    expect(
      await record(wmInvestigator, { ...on, kind: "seizure", commodity: "cash", quantity: 15_250.5 }),
    ).toMatchObject({ quantity: 15_250.5, unit: "pounds" });
    expect(
      await record(wmInvestigator, {
        ...on,
        kind: "confiscation-order",
        quantity: 250_000,
        court: "Birmingham Crown Court",
      }),
    ).toMatchObject({ quantity: 250_000, unit: "pounds", court: "Birmingham Crown Court" });
    expect(
      await record(wmInvestigator, {
        ...on,
        kind: "restraint-order",
        quantity: 80_000.99,
        court: "Wolverhampton",
      }),
    ).toMatchObject({ quantity: 80_000.99, unit: "pounds" });
    expect(
      await record(wmInvestigator, {
        ...on,
        kind: "safeguarding",
        safeguardedGroup: "children",
        quantity: 3,
      }),
    ).toMatchObject({ quantity: 3, safeguardedGroup: "children" });

    const recorded = await list(wmInvestigator, `operationId=${operation.id}&pageSize=50`);
    expect(recorded.total).toBe(9);
    const read = await wmInvestigator.get<OutcomeView>(`/api/v1/outcomes/${arrest.id}`);
    expect(read.body).toEqual(arrest);

    // The audit event names the OCG, for its timeline.
    const audit = await admin.get<AuditPage>(`/api/v1/audit?entityType=outcome&entityId=${arrest.id}`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({
      action: "outcome.create",
      classification: "OFFICIAL",
      changes: { ocgId: { after: ocg.id }, kind: { after: "arrest" }, quantity: { after: "4.000" } },
    });
  });

  it("names every bad field at once and writes nothing", async () => {
    const { link } = await targeted("west-midlands");
    const before = (await list(national, "")).total;

    const empty = await wmInvestigator.post<Problem>("/api/v1/outcomes", {});
    expect(empty.status).toBe(400);
    expect(fields(empty.body)).toEqual(["kind", "occurredOn", "ocgId", "operationId"]);

    const conviction = await wmInvestigator.post<Problem>("/api/v1/outcomes", {
      ...link,
      kind: "conviction",
      occurredOn: "2099-01-01",
      quantity: 2,
      court: "Not for a conviction",
    });
    expect(conviction.status).toBe(400);
    expect(fields(conviction.body)).toEqual(["court", "occurredOn", "offence", "quantity", "sentenceMonths"]);
    expect(messageOf(conviction.body, "occurredOn")).toBe("The date cannot be in the future");

    const seizure = await wmInvestigator.post<Problem>("/api/v1/outcomes", {
      ...link,
      kind: "seizure",
      occurredOn: "2026-10-01",
      commodity: "firearms",
      quantity: 1.5,
    });
    expect(fields(seizure.body)).toEqual(["quantity"]);
    expect(messageOf(seizure.body, "quantity")).toBe("Enter a whole number");

    const cash = await wmInvestigator.post<Problem>("/api/v1/outcomes", {
      ...link,
      kind: "seizure",
      occurredOn: "2026-10-01",
      commodity: "cash",
      quantity: 10.001,
    });
    expect(messageOf(cash.body, "quantity")).toMatch(/to the penny/);

    const order = await wmInvestigator.post<Problem>("/api/v1/outcomes", {
      ...link,
      kind: "confiscation-order",
      occurredOn: "2026-10-01",
      forceId: "atlantis",
    });
    expect(fields(order.body)).toEqual(["court", "forceId", "quantity"]);

    const safeguarding = await wmInvestigator.post<Problem>("/api/v1/outcomes", {
      ...link,
      kind: "safeguarding",
      occurredOn: "2026-10-01",
      quantity: 2,
    });
    expect(fields(safeguarding.body)).toEqual(["safeguardedGroup"]);

    expect((await list(national, "")).total).toBe(before);
  });

  it("links an outcome only to a target of its operation, and to a disruption claimed against that OCG", async () => {
    const { ocg, operation, link } = await targeted("west-midlands");
    const other = await newOcg("west-midlands");
    const notTarget = await wmInvestigator.post<Problem>("/api/v1/outcomes", {
      ...link,
      ocgId: other.id,
      kind: "arrest",
      quantity: 1,
      occurredOn: "2026-10-01",
    });
    expect(notTarget.status).toBe(400);
    expect(fields(notTarget.body)).toEqual(["ocgId"]);
    expect(messageOf(notTarget.body, "ocgId")).toBe(
      `${other.reference} is not a target of Operation ${operation.codeName}`,
    );

    const unknownOperation = await wmInvestigator.post<Problem>("/api/v1/outcomes", {
      ...link,
      operationId: "00000000-0000-4000-8000-000000000000",
      kind: "arrest",
      quantity: 1,
      occurredOn: "2026-10-01",
    });
    expect(fields(unknownOperation.body)).toEqual(["operationId"]);

    const claim = async (ocgId: string) => {
      const [row] = await t.database.db
        .insert(disruptions)
        .values({
          reference: `WM-DIS-${Math.floor(Math.random() * 1e9)}`,
          ocgId,
          operationId: operation.id,
          disruptedOn: "2026-10-01",
          claimedGrade: "moderate",
          strand: "pursue",
          crimeType: "drugs-supply",
          narrative: "Test claim",
          claimingOrganisationId: "west-midlands",
          claimantUserId: wmInvestigator.userId,
          evidenceReferences: [],
          status: "draft",
          forceId: "west-midlands",
          regionId: "west-midlands",
          classification: "OFFICIAL",
        })
        .returning();
      return row?.id ?? "";
    };
    const ownClaim = await claim(ocg.id);
    const otherClaim = await claim(other.id);
    const wrongClaim = await wmInvestigator.post<Problem>("/api/v1/outcomes", {
      ...link,
      disruptionId: otherClaim,
      kind: "arrest",
      quantity: 1,
      occurredOn: "2026-10-01",
    });
    expect(fields(wrongClaim.body)).toEqual(["disruptionId"]);
    const linked = await record(wmInvestigator, {
      ...link,
      disruptionId: ownClaim,
      kind: "arrest",
      quantity: 1,
      occurredOn: "2026-10-01",
    });
    expect(linked.disruptionId).toBe(ownClaim);
    expect(linked.disruption?.id).toBe(ownClaim);
    expect((await list(wmInvestigator, `disruptionId=${ownClaim}`)).total).toBe(1);
  });

  it("credits the force chosen, in the user's scope only, and keeps other forces' operations out of reach", async () => {
    const { link } = await targeted("west-midlands");
    const credited = await record(national, {
      ...link,
      kind: "arrest",
      quantity: 1,
      occurredOn: "2026-10-01",
      forceId: "derbyshire",
    });
    expect(credited).toMatchObject({ force: { id: "derbyshire" }, regionId: "east-midlands" });

    const outOfScope = await wmInvestigator.post<Problem>("/api/v1/outcomes", {
      ...link,
      kind: "arrest",
      quantity: 1,
      occurredOn: "2026-10-01",
      forceId: "staffordshire",
    });
    expect(outOfScope.status).toBe(403);

    const aboveClearance = await wmInvestigator.post<Problem>("/api/v1/outcomes", {
      ...link,
      kind: "arrest",
      quantity: 1,
      occurredOn: "2026-10-01",
      classification: "SECRET",
    });
    expect(aboveClearance.status).toBe(403);

    const staffs = await targeted("staffordshire");
    const hidden = await wmInvestigator.post<Problem>("/api/v1/outcomes", {
      ...staffs.link,
      kind: "arrest",
      quantity: 1,
      occurredOn: "2026-10-01",
    });
    expect(fields(hidden.body)).toEqual(["operationId"]);

    // Another force's outcome looks as if it does not exist.
    const theirs = await record(national, {
      ...staffs.link,
      kind: "arrest",
      quantity: 1,
      occurredOn: "2026-10-01",
    });
    expect((await wmInvestigator.get(`/api/v1/outcomes/${theirs.id}`)).status).toBe(404);
    expect((await wmInvestigator.patch(`/api/v1/outcomes/${theirs.id}`, { quantity: 2 })).status).toBe(404);
    expect((await wmInvestigator.delete(`/api/v1/outcomes/${theirs.id}`)).status).toBe(404);
    expect((await list(wmInvestigator, `operationId=${staffs.operation.id}`)).total).toBe(0);
  });

  it("corrects an entry, keeps its kind, and deletes a mistaken one with its values in the audit log", async () => {
    const { ocg, link } = await targeted("west-midlands");
    const seizure = await record(wmInvestigator, {
      ...link,
      kind: "seizure",
      commodity: "cannabis",
      quantity: 12,
      occurredOn: "2026-09-01",
    });
    const corrected = await wmInvestigator.patch<OutcomeView>(`/api/v1/outcomes/${seizure.id}`, {
      quantity: 12.4,
      notes: "Weighed again at the lab",
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({
      quantity: 12.4,
      notes: "Weighed again at the lab",
      commodity: "cannabis",
    });

    const bad = await wmInvestigator.patch<Problem>(`/api/v1/outcomes/${seizure.id}`, {
      commodity: "firearms",
      occurredOn: "2099-01-01",
    });
    expect(fields(bad.body)).toEqual(["occurredOn", "quantity"]);
    const kindChange = await wmInvestigator.patch<Problem>(`/api/v1/outcomes/${seizure.id}`, {
      kind: "arrest",
    });
    expect(kindChange.status).toBe(400);
    expect(messageOf(kindChange.body, "kind")).toBe("Unknown field: kind");
    expect((await wmInvestigator.get<OutcomeView>(`/api/v1/outcomes/${seizure.id}`)).body.quantity).toBe(
      12.4,
    );

    const deleted = await wmInvestigator.delete(`/api/v1/outcomes/${seizure.id}`);
    expect(deleted.status).toBe(204);
    expect((await wmInvestigator.get(`/api/v1/outcomes/${seizure.id}`)).status).toBe(404);

    const audit = await admin.get<AuditPage>(`/api/v1/audit?entityType=outcome&entityId=${seizure.id}`);
    expect(audit.body.items.map((item) => item.action)).toEqual([
      "outcome.delete",
      "outcome.update",
      "outcome.create",
    ]);
    const [deletion, update] = audit.body.items;
    expect(deletion?.changes).toMatchObject({
      ocgId: { before: ocg.id },
      kind: { before: "seizure" },
      commodity: { before: "cannabis" },
      quantity: { before: "12.400" },
      notes: { before: "Weighed again at the lab" },
    });
    expect(update?.changes).toMatchObject({
      ocgId: { after: ocg.id },
      quantity: { before: "12.000", after: "12.400" },
    });
  });

  it("lists with filters, sorting and paging", async () => {
    const { link, operation } = await targeted("west-midlands");
    await record(wmInvestigator, { ...link, kind: "arrest", quantity: 5, occurredOn: "2026-06-10" });
    await record(wmInvestigator, { ...link, kind: "arrest", quantity: 2, occurredOn: "2026-07-10" });
    await record(wmInvestigator, {
      ...link,
      kind: "seizure",
      commodity: "heroin",
      quantity: 1.5,
      occurredOn: "2026-08-10",
    });
    await record(wmInvestigator, {
      ...link,
      kind: "seizure",
      commodity: "cash",
      quantity: 900,
      occurredOn: "2026-08-11",
    });
    const scope = `operationId=${operation.id}`;
    expect((await list(wmInvestigator, scope)).items.map((item) => item.occurredOn)).toEqual([
      "2026-08-11",
      "2026-08-10",
      "2026-07-10",
      "2026-06-10",
    ]);
    expect(
      (await list(wmInvestigator, `${scope}&kind=arrest&sort=quantity`)).items.map((i) => i.quantity),
    ).toEqual([2, 5]);
    expect((await list(wmInvestigator, `${scope}&commodity=heroin`)).items.map((i) => i.quantity)).toEqual([
      1.5,
    ]);
    expect((await list(wmInvestigator, `${scope}&from=2026-07-01&to=2026-08-10`)).total).toBe(2);
    const paged = await list(wmInvestigator, `${scope}&sort=occurredOn&pageSize=3&page=2`);
    expect(paged).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(paged.items.map((item) => item.occurredOn)).toEqual(["2026-08-11"]);
    const backwards = await wmInvestigator.get<Problem>(`/api/v1/outcomes?from=2026-08-01&to=2026-07-01`);
    expect(backwards.status).toBe(400);
    expect(fields(backwards.body)).toEqual(["to"]);
    expect((await wmInvestigator.get<Problem>("/api/v1/outcomes?kind=burglary")).status).toBe(400);
  });

  it("totals by financial year, quarter and month, 31 March apart from 1 April, sentences in years", async () => {
    // Leicestershire's figures only: the other tests record elsewhere.
    const { link } = await targeted("leicestershire");
    await record(national, {
      ...link,
      kind: "conviction",
      offence: "Supply",
      sentenceMonths: 18,
      occurredOn: "2026-03-31",
    });
    await record(national, {
      ...link,
      kind: "conviction",
      offence: "Supply",
      sentenceMonths: 30,
      occurredOn: "2026-03-31",
    });
    await record(national, { ...link, kind: "arrest", quantity: 6, occurredOn: "2026-04-01" });
    await record(national, {
      ...link,
      kind: "seizure",
      commodity: "cash",
      quantity: 0.1,
      occurredOn: "2026-04-01",
    });
    await record(national, {
      ...link,
      kind: "seizure",
      commodity: "cash",
      quantity: 0.2,
      occurredOn: "2026-05-20",
    });
    await record(national, {
      ...link,
      kind: "seizure",
      commodity: "cocaine",
      quantity: 1.25,
      occurredOn: "2026-05-20",
    });
    await record(national, {
      ...link,
      kind: "seizure",
      commodity: "ammunition",
      quantity: 50,
      occurredOn: "2026-05-20",
    });
    await record(national, {
      ...link,
      kind: "confiscation-order",
      quantity: 1000.01,
      court: "Leicester Crown Court",
      occurredOn: "2026-07-01",
    });
    await record(national, {
      ...link,
      kind: "safeguarding",
      safeguardedGroup: "adults",
      quantity: 2,
      occurredOn: "2026-07-01",
    });
    const place = "forceId=leicestershire";

    const byYear = await totals(national, `period=fy&${place}`);
    expect(byYear.rows.map((row) => [row.period, row.from, row.to])).toEqual([
      ["2025/26", "2025-04-01", "2026-03-31"],
      ["2026/27", "2026-04-01", "2027-03-31"],
    ]);
    const [lastYear, thisYear] = byYear.rows;
    expect(lastYear).toMatchObject({ convictions: 2, sentenceYears: 4, arrests: 0 });
    expect(thisYear).toMatchObject({
      convictions: 0,
      sentenceYears: 0,
      arrests: 6,
      seizures: { cashPounds: 0.3, cocaineKg: 1.25, ammunition: 50, firearms: 0 },
      confiscationOrders: { count: 1, amountPounds: 1000.01 },
      restraintOrders: { count: 0, amountPounds: 0 },
      safeguarded: { children: 0, adults: 2 },
    });
    expect(byYear.total).toMatchObject({ convictions: 2, sentenceYears: 4, arrests: 6 });
    expect(byYear.total.seizures.cashPounds).toBe(0.3);
    // Counts and sums only: no narrative, offence or record of any kind.
    expect(JSON.stringify(byYear)).not.toMatch(/Supply|Crown Court|notes|offence/);

    const byQuarter = await totals(national, `period=quarter&${place}`);
    expect(byQuarter.rows.map((row) => [row.period, row.from, row.to])).toEqual([
      ["2025/26 Q4", "2026-01-01", "2026-03-31"],
      ["2026/27 Q1", "2026-04-01", "2026-06-30"],
      ["2026/27 Q2", "2026-07-01", "2026-09-30"],
    ]);
    const byMonth = await totals(national, `period=month&${place}`);
    expect(byMonth.rows.map((row) => row.period)).toEqual(["Mar 2026", "Apr 2026", "May 2026", "Jul 2026"]);
    expect(byMonth.rows[2]?.seizures).toMatchObject({ cashPounds: 0.2, cocaineKg: 1.25, ammunition: 50 });

    // A date range cuts the periods at its ends, and the rows say so.
    const cut = await totals(national, `period=fy&${place}&from=2026-03-31&to=2026-05-31`);
    expect(cut.rows.map((row) => [row.period, row.from, row.to])).toEqual([
      ["2025/26", "2026-03-31", "2026-03-31"],
      ["2026/27", "2026-04-01", "2026-05-31"],
    ]);
    expect(cut.total).toMatchObject({ convictions: 2, arrests: 6, confiscationOrders: { count: 0 } });

    // Every figure traces to the list: the row's dates, place and kind give exactly its records.
    const row = thisYear;
    const behind = await list(
      national,
      `${place}&from=${row?.from}&to=${row?.to}&kind=seizure&commodity=cash&pageSize=200`,
    );
    expect(behind.items.reduce((sum, item) => sum + item.quantity, 0)).toBeCloseTo(0.3, 10);
    const convictions = await list(
      national,
      `${place}&from=${lastYear?.from}&to=${lastYear?.to}&kind=conviction`,
    );
    expect(convictions.total).toBe(2);
  });

  it("groups totals by force and by region", async () => {
    const wm = await targeted("warwickshire");
    const staffs = await targeted("west-mercia");
    const derbys = await targeted("nottinghamshire");
    const on = { kind: "arrest", occurredOn: "2024-06-01" };
    await record(national, { ...wm.link, ...on, quantity: 1 });
    await record(national, { ...staffs.link, ...on, quantity: 2 });
    await record(national, { ...derbys.link, ...on, quantity: 4 });
    const range = "from=2024-04-01&to=2025-03-31";

    const byForce = await totals(national, `period=fy&groupBy=force&${range}`);
    expect(byForce.rows.map((row) => [row.period, row.group, row.arrests])).toEqual([
      ["2024/25", { id: "nottinghamshire", name: "Nottinghamshire" }, 4],
      ["2024/25", { id: "warwickshire", name: "Warwickshire" }, 1],
      ["2024/25", { id: "west-mercia", name: "West Mercia" }, 2],
    ]);
    expect(byForce.total.arrests).toBe(7);

    const byRegion = await totals(national, `period=fy&groupBy=region&${range}`);
    expect(byRegion.rows.map((row) => [row.group?.id, row.arrests])).toEqual([
      ["east-midlands", 4],
      ["west-midlands", 3],
    ]);
    const onlyWestMidlands = await totals(
      national,
      `period=fy&groupBy=force&regionId=west-midlands&${range}`,
    );
    expect(onlyWestMidlands.rows.map((row) => row.group?.id)).toEqual(["warwickshire", "west-mercia"]);
    // One OCG's figures, as its record page shows them.
    expect((await totals(national, `ocgId=${derbys.ocg.id}`)).total.arrests).toBe(4);
    expect((await national.get<Problem>("/api/v1/outcomes/totals?groupBy=ocg")).status).toBe(400);
  });

  it("counts only what the caller may see: their force, up to their clearance", async () => {
    const own = await targeted("west-midlands");
    const secret = await targeted("west-midlands", "SECRET");
    const staffs = await targeted("staffordshire");
    const on = { kind: "charge", occurredOn: "2023-05-01" };
    await record(national, { ...own.link, ...on, quantity: 1 });
    await record(national, { ...own.link, ...on, quantity: 10, classification: "OFFICIAL-SENSITIVE" });
    await record(national, { ...secret.link, ...on, quantity: 100, classification: "SECRET" });
    await record(national, { ...staffs.link, ...on, quantity: 1000 });
    const range = "period=fy&from=2023-04-01&to=2024-03-31";

    expect((await totals(national, range)).total.charges).toBe(1111);
    expect((await totals(wmInvestigator, range)).total.charges).toBe(11);
    // A board member of the West Midlands region, cleared to OFFICIAL: both forces, OFFICIAL only.
    const boardTotals = await totals(board, `${range}&groupBy=force`);
    expect(boardTotals.total.charges).toBe(1001);
    expect(boardTotals.rows.map((row) => [row.group?.id, row.charges])).toEqual([
      ["staffordshire", 1000],
      ["west-midlands", 1],
    ]);
  });

  it("gives a board member totals but not the records", async () => {
    const { link } = await targeted("west-midlands");
    const outcome = await record(national, {
      ...link,
      kind: "arrest",
      quantity: 1,
      occurredOn: "2026-10-01",
    });
    expect((await board.get("/api/v1/outcomes/totals")).status).toBe(200);
    expect((await board.get("/api/v1/outcomes")).status).toBe(403);
    expect((await board.get(`/api/v1/outcomes/${outcome.id}`)).status).toBe(403);
    expect(
      (
        await board.post("/api/v1/outcomes", {
          ...link,
          kind: "arrest",
          quantity: 1,
          occurredOn: "2026-10-01",
        })
      ).status,
    ).toBe(403);
  });
});
