import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StreamView } from "#src/features/funding/schema.ts";
import type { MonitoringView, ScrutinyPackView, SpendLineView } from "#src/features/funding/spend-schema.ts";
import type { Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

type Client = Awaited<ReturnType<TestApp["signedIn"]>>;
type SpendPage = { items: SpendLineView[]; total: number; sumPence: number; sum: string };
type AuditPage = {
  items: { action: string; changes: Record<string, { before?: unknown; after?: unknown }> }[];
};

const pounds = (amount: number) => amount * 100;
const fields = (problem: Pick<Problem, "errors">) =>
  (problem.errors ?? []).map((error) => error.field).sort();
const aprilToSeptember = ["2018-04", "2018-05", "2018-06", "2018-07", "2018-08", "2018-09"];

describe.each(databaseKinds())("funding spend monitoring on %s", (kind) => {
  let t: TestApp;
  let finance: Client;
  let board: Client;
  let investigator: Client;
  let admin: Client;
  let ptf: StreamView;
  let carried: StreamView;

  const createStream = async (name: string, extra: object) => {
    const created = await finance.post<StreamView>("/api/v1/funding/streams", {
      source: "police-transformation-fund",
      name,
      recipientOrganisationId: "metropolitan",
      amounts: [{ financialYear: "2018/19", amountPence: pounds(120_000) }],
      ...extra,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  };
  const staffMonths = (months: readonly string[], amountPence: number) =>
    months.map((month) => ({ month, category: "staff", amountPence }));

  beforeAll(async () => {
    t = await startTestApp(kind);
    finance = await t.signedIn({ roles: ["finance"], organisationId: "metropolitan", scope: "force" });
    board = await t.signedIn({ roles: ["board"], organisationId: "metropolitan", scope: "force" });
    investigator = await t.signedIn({
      roles: ["investigator"],
      organisationId: "metropolitan",
      scope: "force",
    });
    admin = await t.signedIn({ roles: ["admin"], scope: "national", clearance: "SECRET" });
    ptf = await createStream("Police Transformation Fund: cyber-dependent crime posts", {
      allowedCategories: ["staff", "training"],
    });
    carried = await createStream("Carried-over cyber grant", { carriesOver: true });
  });
  afterAll(() => t.close());

  it("forecasts £76,800 from £6,400 a month for April–September, with £43,200 at risk of lapsing", async () => {
    const recorded = await finance.post<{ items: SpendLineView[] }>(
      `/api/v1/funding/streams/${ptf.id}/spend`,
      {
        lines: staffMonths(aprilToSeptember, pounds(6_400)),
      },
    );
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    expect(recorded.body.items).toHaveLength(6);
    // The board scrutinises spending: it reads the monitoring.
    const response = await board.get<MonitoringView>(
      `/api/v1/funding/streams/${ptf.id}/monitoring?financialYear=2018/19`,
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const view = response.body;
    expect(view).toMatchObject({
      financialYear: "2018/19",
      allocation: "£120,000.00",
      actual: "£38,400.00",
      monthsRecorded: 6,
      monthsLeft: 6,
      forecastPence: pounds(76_800),
      forecast: "£76,800.00",
      variance: "-£43,200.00",
      lapseRisk: {
        amountPence: pounds(43_200),
        lapsesOn: "2019-03-31",
        message: "£43,200.00 at risk of lapsing on 31 March 2019",
      },
    });
    expect(view.months.map((month) => month.month)).toEqual([
      ...aprilToSeptember,
      "2018-10",
      "2018-11",
      "2018-12",
      "2019-01",
      "2019-02",
      "2019-03",
    ]);
    expect(view.months[0]?.byCategory).toEqual([
      { category: "staff", amountPence: pounds(6_400), amount: "£6,400.00", eligible: true },
    ]);
    expect(view.months[11]?.forecastPence).toBe(pounds(6_400));
  });

  it("flags spend in a category the stream does not allow as ineligible", async () => {
    const recorded = await finance.post(`/api/v1/funding/streams/${ptf.id}/spend`, {
      lines: [{ month: "2018-09", category: "hardware", amountPence: pounds(2_500), note: "Laptops" }],
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    const view = (
      await board.get<MonitoringView>(`/api/v1/funding/streams/${ptf.id}/monitoring?financialYear=2018/19`)
    ).body;
    expect(view.ineligible.total).toBe("£2,500.00");
    expect(view.ineligible.lines.map((line) => [line.month, line.category, line.amount, line.note])).toEqual([
      ["2018-09", "hardware", "£2,500.00", "Laptops"],
    ]);
    expect(view.byCategory.find((line) => line.category === "hardware")?.eligible).toBe(false);
    const listed = (await board.get<SpendPage>(`/api/v1/funding/spend?streamId=${ptf.id}&category=hardware`))
      .body;
    expect(listed.items.map((line) => line.eligible)).toEqual([false]);
    expect(listed.sum).toBe("£2,500.00");
  });

  it("replaces a month recorded again and audits the amount before and after", async () => {
    const first = await finance.post<{ items: SpendLineView[] }>(`/api/v1/funding/streams/${ptf.id}/spend`, {
      lines: [
        { month: "2018-09", category: "hardware", amountPence: pounds(2_000), note: "Laptops (credit)" },
      ],
    });
    expect(first.status).toBe(200);
    const line = first.body.items[0];
    const listed = (await board.get<SpendPage>(`/api/v1/funding/spend?streamId=${ptf.id}&month=2018-09`))
      .body;
    expect(listed.items.map((item) => [item.category, item.amount])).toEqual([
      ["hardware", "£2,000.00"],
      ["staff", "£6,400.00"],
    ]);
    const audit = (await admin.get<AuditPage>(`/api/v1/audit?entityId=${line?.id}`)).body.items;
    expect(audit.map((event) => event.action).sort()).toEqual([
      "funding-spend.record",
      "funding-spend.rerecord",
    ]);
    const rerecord = audit.find((event) => event.action === "funding-spend.rerecord");
    expect(rerecord?.changes.amountPence).toEqual({ before: pounds(2_500), after: pounds(2_000) });
  });

  it("shows no lapse risk for a stream that carries over", async () => {
    await finance.post(`/api/v1/funding/streams/${carried.id}/spend`, {
      lines: staffMonths(aprilToSeptember, pounds(6_400)),
    });
    const view = (await board.get<MonitoringView>(`/api/v1/funding/streams/${carried.id}/monitoring`)).body;
    expect(view.financialYear).toBe("2018/19");
    expect(view.forecast).toBe("£76,800.00");
    expect(view.lapseRisk).toBeNull();
  });

  it("gives the monthly scrutiny pack as the month stood, in JSON and CSV", async () => {
    const response = await board.get<ScrutinyPackView>(
      `/api/v1/funding/streams/${ptf.id}/scrutiny-pack?month=2018-06`,
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({
      month: "2018-06",
      financialYear: "2018/19",
      monthSpend: { total: "£6,400.00" },
      yearToDate: { total: "£19,200.00" },
      forecast: "£76,800.00",
      lapseRisk: { message: "£43,200.00 at risk of lapsing on 31 March 2019" },
      ineligible: { totalPence: 0 },
    });
    const september = (
      await board.get<ScrutinyPackView>(`/api/v1/funding/streams/${ptf.id}/scrutiny-pack?month=2018-09`)
    ).body;
    expect(september.ineligible.total).toBe("£2,000.00");
    const csv = await board.get<string>(
      `/api/v1/funding/streams/${ptf.id}/scrutiny-pack?month=2018-06&format=csv`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.body).toContain('month,2018-06,staff,640000,"£6,400.00",');
    expect(csv.body).toContain("£43,200.00 at risk of lapsing on 31 March 2019");
  });

  it("lets only finance record spend", async () => {
    const lines = staffMonths(["2018-10"], pounds(1));
    expect((await board.post(`/api/v1/funding/streams/${ptf.id}/spend`, { lines })).status).toBe(403);
    expect((await investigator.post(`/api/v1/funding/streams/${ptf.id}/spend`, { lines })).status).toBe(403);
    expect((await investigator.get(`/api/v1/funding/streams/${ptf.id}/monitoring`)).status).toBe(403);
    const listed = (await board.get<SpendPage>(`/api/v1/funding/spend?streamId=${ptf.id}&month=2018-10`))
      .body;
    expect(listed.total).toBe(0);
  });

  it("names the field of bad input and writes nothing", async () => {
    const before = (await board.get<SpendPage>(`/api/v1/funding/spend?streamId=${ptf.id}`)).body.total;
    const schemaErrors = await finance.post<Problem>(`/api/v1/funding/streams/${ptf.id}/spend`, {
      lines: [
        { month: "2018-10", category: "staff", amountPence: pounds(1_000) },
        { month: "2018-11", category: "biscuits", amountPence: pounds(1_000) },
        { month: "2018-12", category: "staff", amountPence: -500 },
        { month: "Nov 2018", category: "staff", amountPence: 1 },
      ],
    });
    expect(schemaErrors.status).toBe(400);
    expect(fields(schemaErrors.body)).toEqual(["lines.1.category", "lines.2.amountPence", "lines.3.month"]);
    const outsideYear = await finance.post<Problem>(`/api/v1/funding/streams/${ptf.id}/spend`, {
      lines: [
        { month: "2018-10", category: "staff", amountPence: pounds(1_000) },
        { month: "2019-04", category: "staff", amountPence: pounds(1_000) },
        { month: "2018-10", category: "staff", amountPence: pounds(2_000) },
      ],
    });
    expect(outsideYear.status).toBe(400);
    expect(fields(outsideYear.body)).toEqual(["lines.1.month", "lines.2"]);
    expect(outsideYear.body.errors?.[0]?.message).toBe(
      "2019-04 is in 2019/20, but Police Transformation Fund: cyber-dependent crime posts has money only in 2018/19",
    );
    const after = (await board.get<SpendPage>(`/api/v1/funding/spend?streamId=${ptf.id}`)).body.total;
    expect(after).toBe(before);
  });

  it("monitors a project against what its decision gave it from the stream, and refuses an unapproved one", async () => {
    const unit = await t.signedIn({ roles: ["supervisor"], organisationId: "metropolitan", scope: "force" });
    const bidBody = {
      title: "Cyber-dependent crime investigators",
      purpose: "Two investigators for cyber-dependent crime",
      strand: "pursue",
      crimeArea: "cyber",
      forceAreas: ["metropolitan"],
      costs: [{ financialYear: "2018/19", category: "staff", amountPence: pounds(50_000) }],
    };
    const draft = await unit.post<{ id: string }>("/api/v1/funding/bids", bidBody);
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const project = await unit.post<{ id: string }>("/api/v1/funding/bids", {
      ...bidBody,
      title: "Approved project",
    });
    await unit.post(`/api/v1/funding/bids/${project.body.id}/submit`, {});
    await board.post(`/api/v1/funding/bids/${project.body.id}/review`, { status: "under-board-review" });
    await board.post(`/api/v1/funding/bids/${project.body.id}/review`, { status: "recommended" });
    const decided = await finance.post(`/api/v1/funding/bids/${project.body.id}/decisions`, {
      reference: "PCD SPEND 1",
      decisionMakerOrganisationId: "mopac",
      decidedOn: "2018-03-20",
      outcome: "approved",
      amounts: [{ financialYear: "2018/19", amountPence: pounds(50_000), fundingStreamId: ptf.id }],
      publishedSummary: "Approves two investigators from the Police Transformation Fund",
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(201);

    const refused = await finance.post<Problem>(`/api/v1/funding/streams/${ptf.id}/spend`, {
      lines: [{ month: "2018-04", category: "staff", amountPence: pounds(3_000), bidId: draft.body.id }],
    });
    expect(refused.status).toBe(400);
    expect(fields(refused.body)).toEqual(["lines.0.bidId"]);

    const recorded = await finance.post(`/api/v1/funding/streams/${ptf.id}/spend`, {
      lines: ["2018-04", "2018-05", "2018-06"].map((month) => ({
        month,
        category: "staff",
        amountPence: pounds(3_000),
        bidId: project.body.id,
      })),
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    const view = (
      await board.get<MonitoringView>(`/api/v1/funding/streams/${ptf.id}/monitoring?bidId=${project.body.id}`)
    ).body;
    expect(view).toMatchObject({
      bid: { id: project.body.id, title: "Approved project" },
      allocation: "£50,000.00",
      actual: "£9,000.00",
      forecast: "£36,000.00",
      lapseRisk: { message: "£14,000.00 at risk of lapsing on 31 March 2019" },
    });
    // The stream's own monitoring counts the project's spend too.
    const stream = (await board.get<MonitoringView>(`/api/v1/funding/streams/${ptf.id}/monitoring`)).body;
    expect(stream.months[0]?.actual).toBe("£9,400.00");
    // …and lists the projects it pays for, leaving out the draft bid it never funded.
    expect(stream.projects).toEqual([
      {
        id: project.body.id,
        title: "Approved project",
        allocationPence: pounds(50_000),
        allocation: "£50,000.00",
        actualPence: pounds(9_000),
        actual: "£9,000.00",
      },
    ]);
  });
});
