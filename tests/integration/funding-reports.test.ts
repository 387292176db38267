import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookieName } from "#src/auth/sessions.ts";
import type { BidView } from "#src/features/funding/bids-schema.ts";
import type { ReportView } from "#src/features/funding/reports-schema.ts";
import type { StreamView } from "#src/features/funding/schema.ts";
import type { MonitoringView } from "#src/features/funding/spend-schema.ts";
import type { Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

type Client = Awaited<ReturnType<TestApp["signedIn"]>>;

const pounds = (amount: number) => amount * 100;
const aprilToSeptember = ["2018-04", "2018-05", "2018-06", "2018-07", "2018-08", "2018-09"];
const figureKeys = [
  "allocationPence",
  "commitmentPence",
  "actualPence",
  "forecastPence",
  "variancePence",
  "lapseRiskPence",
] as const;

/** Each figure of the totals is the sum of the rows' (rows with none add nothing). */
function expectTotalsAreSums(view: ReportView) {
  for (const key of figureKeys) {
    const present = view.rows.flatMap((row) => (row[key] === null ? [] : [row[key]]));
    const sum = present.reduce((total, value) => total + value, 0);
    // Forecast, variance and lapse risk are null when no row has one.
    const nullable = key === "forecastPence" || key === "variancePence" || key === "lapseRiskPence";
    expect(view.totals[key], key).toBe(nullable && present.length === 0 ? null : sum);
  }
}

const figuresOf = (view: ReportView) =>
  view.rows.map((row) => [
    row.label,
    row.allocation,
    row.commitment,
    row.actual,
    row.forecast,
    row.variance,
    row.lapseRisk,
  ]);

describe.each(databaseKinds())("funding reports on %s", (kind) => {
  let t: TestApp;
  let finance: Client;
  let board: Client;
  let supervisor: Client;
  let londonFinance: Client;
  let investigator: Client;
  let ptf: StreamView;
  let rural: StreamView;
  let bid: BidView;

  const report = async (query: string, by: Client = board) => {
    const response = await by.get<ReportView>(`/api/v1/funding/reports?${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expectTotalsAreSums(response.body);
    return response.body;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    finance = await t.signedIn({ roles: ["finance"], organisationId: "rocuwm", scope: "region" });
    board = await t.signedIn({ roles: ["board"], organisationId: "rocuwm", scope: "region" });
    supervisor = await t.signedIn({ roles: ["supervisor"], organisationId: "west-mercia", scope: "force" });
    londonFinance = await t.signedIn({ roles: ["finance"], organisationId: "metropolitan", scope: "force" });
    investigator = await t.signedIn({ roles: ["investigator"], organisationId: "rocuwm", scope: "region" });

    const stream = async (body: Record<string, unknown>) => {
      const created = await finance.post<StreamView>("/api/v1/funding/streams", {
        source: "police-transformation-fund",
        ...body,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body;
    };
    // West Mercia's £120,000 for 2018/19, spent at £6,400 a month from April to September.
    ptf = await stream({
      name: "Police Transformation Fund: cyber-dependent crime posts",
      recipientOrganisationId: "west-mercia",
      amounts: [{ financialYear: "2018/19", amountPence: pounds(120_000) }],
      allowedCategories: ["staff"],
    });
    const spent = await finance.post(`/api/v1/funding/streams/${ptf.id}/spend`, {
      lines: aprilToSeptember.map((month) => ({ month, category: "staff", amountPence: pounds(6_400) })),
    });
    expect(spent.status, JSON.stringify(spent.body)).toBe(200);
    // The ROCU's own £50,000, which carries over and has no spend yet.
    rural = await stream({
      source: "pcc-fund",
      name: "Regional rural crime fund",
      recipientOrganisationId: "rocuwm",
      amounts: [{ financialYear: "2018/19", amountPence: pounds(50_000) }],
      carriesOver: true,
    });

    // West Mercia's commissioner commits £30,000 of the PTF stream to a project.
    const created = await supervisor.post<BidView>("/api/v1/funding/bids", {
      title: "Rural crime watch",
      purpose: "Farm watch schemes and trail cameras across south Worcestershire",
      strand: "prevent",
      crimeArea: "rural",
      forceAreas: ["west-mercia"],
      costs: [{ financialYear: "2018/19", category: "staff", amountPence: pounds(30_000) }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    bid = created.body;
    expect((await supervisor.post(`/api/v1/funding/bids/${bid.id}/submit`, {})).status).toBe(200);
    await board.post(`/api/v1/funding/bids/${bid.id}/review`, { status: "under-board-review" });
    await board.post(`/api/v1/funding/bids/${bid.id}/review`, { status: "recommended" });
    const decided = await finance.post(`/api/v1/funding/bids/${bid.id}/decisions`, {
      reference: "WM PCC 2018/040",
      decisionMakerOrganisationId: "opcc-west-mercia",
      decidedOn: "2018-06-14",
      outcome: "approved",
      amounts: [{ financialYear: "2018/19", amountPence: pounds(30_000), fundingStreamId: ptf.id }],
      publishedSummary: "The commissioner approves Rural crime watch",
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(201);
  });
  afterAll(() => t.close());

  it("reports the worked example by stream: £38,400 spent, £76,800 forecast, £43,200 at risk", async () => {
    const view = await report("financialYear=2018/19&groupBy=stream");
    expect(view).toMatchObject({ financialYear: "2018/19", quarter: null, title: "2018/19 by stream" });
    // With no year asked for, the latest year with money (today's has none) is the one reported.
    expect(await report("")).toEqual(view);
    expect(figuresOf(view)).toEqual([
      [
        "Police Transformation Fund: cyber-dependent crime posts",
        "£120,000.00",
        "£30,000.00",
        "£38,400.00",
        "£76,800.00",
        "-£43,200.00",
        "£43,200.00",
      ],
      // Carries over: no lapse risk; no month recorded: no forecast.
      ["Regional rural crime fund", "£50,000.00", "£0.00", "£0.00", null, null, null],
    ]);
    expect(view.rows[0]?.lapseMessage).toBe("£43,200.00 at risk of lapsing on 31 March 2019");
    expect(view.totals).toMatchObject({
      allocation: "£170,000.00",
      commitment: "£30,000.00",
      actual: "£38,400.00",
      forecast: "£76,800.00",
      variance: "-£43,200.00",
      lapseRisk: "£43,200.00",
    });
    // Each row traces to its records: the stream's page and its spend lines.
    expect(view.rows[0]?.streamIds).toEqual([ptf.id]);
    expect(view.rows[0]?.bidIds).toEqual([bid.id]);
    const spendLink = view.rows[0]?.links.find((link) => link.label === "Spend lines")?.href ?? "";
    const lines = await board.get<{ sum: string }>(spendLink);
    expect(lines.body.sum).toBe("£38,400.00");
  });

  it("gives a quarter's actual spend with the year's forecast for context", async () => {
    const q1 = await report("financialYear=2018/19&quarter=Q1");
    expect(q1.title).toBe("2018/19 Q1 by stream");
    expect(q1.months).toEqual(["2018-04", "2018-05", "2018-06"]);
    expect(q1.rows[0]).toMatchObject({
      actual: "£19,200.00",
      forecast: "£76,800.00",
      lapseRisk: "£43,200.00",
    });
    expect((await report("financialYear=2018/19&quarter=Q2")).totals.actual).toBe("£19,200.00");
    expect((await report("financialYear=2018/19&quarter=Q3")).totals.actual).toBe("£0.00");
  });

  it("groups by project, the stream's own spend keeping what no project was given", async () => {
    const view = await report("financialYear=2018/19&groupBy=project");
    expect(figuresOf(view)).toEqual([
      ["Rural crime watch", "£30,000.00", "£30,000.00", "£0.00", null, null, null],
      [
        "(stream's own spend)",
        "£140,000.00",
        "£0.00",
        "£38,400.00",
        "£76,800.00",
        "-£13,200.00",
        "£13,200.00",
      ],
    ]);
    expect(view.rows[0]?.links.map((link) => link.href)).toContain(`/funding/bids/${bid.id}`);
    // The project's own monitoring on the one stream that pays for it.
    expect(view.rows[0]?.links.find((link) => link.label === "Spend monitoring")?.href).toBe(
      `/funding/streams/${ptf.id}/monitoring?financialYear=2018%2F19&bidId=${bid.id}`,
    );
    expect(view.totals.allocation).toBe("£170,000.00");
  });

  it("groups by force area: streams by recipient, commitments by the deciding commissioner", async () => {
    const view = await report("financialYear=2018/19&groupBy=force");
    expect(figuresOf(view)).toEqual([
      ["West Mercia", "£120,000.00", "£30,000.00", "£38,400.00", "£76,800.00", "-£43,200.00", "£43,200.00"],
      ["No force area (regional and national bodies)", "£50,000.00", "£0.00", "£0.00", null, null, null],
    ]);
    expect(view.rows[0]?.links.find((link) => link.label === "Decisions")?.href).toBe(
      "/funding/decisions?decisionMakerOrganisationId=opcc-west-mercia&financialYear=2018%2F19",
    );
    expect(view.rows[1]?.streamIds).toEqual([rural.id]);
  });

  it("shows each reader only what is in their scope, and refuses those who do not read funding", async () => {
    const london = await report("financialYear=2018/19", londonFinance);
    expect(london.rows).toEqual([]);
    expect(london.totals.allocation).toBe("£0.00");
    expect(london.totals.forecast).toBeNull();
    expect((await investigator.get("/api/v1/funding/reports?financialYear=2018/19")).status).toBe(403);
    expect((await t.client().get("/api/v1/funding/reports")).status).toBe(401);
  });

  it("refuses a bad query, naming the field", async () => {
    for (const [query, field] of [
      ["financialYear=2018/20", "financialYear"],
      ["financialYear=2018/19&quarter=Q5", "quarter"],
      ["groupBy=pot", "groupBy"],
      ["format=pdf", "format"],
    ]) {
      const response = await board.get<Problem>(`/api/v1/funding/reports?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.errors?.map((error) => error.field)).toEqual([field]);
    }
  });

  it("exports CSV with pence and pounds, a totals row, and formulas defused", async () => {
    const response = await board.get<string>(
      "/api/v1/funding/reports?financialYear=2018/19&quarter=Q1&format=csv",
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="funding-report-2018-19-q1-by-stream.csv"',
    );
    const lines = response.body.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "stream,id,period,allocation_pence,allocation,commitment_pence,commitment,actual_pence,actual,forecast_pence,forecast,variance_pence,variance,lapse_risk_pence,lapse_risk,note",
    );
    expect(lines[1]).toBe(
      `Police Transformation Fund: cyber-dependent crime posts,${ptf.id},2018/19 Q1,12000000,"£120,000.00",3000000,"£30,000.00",1920000,"£19,200.00",7680000,"£76,800.00",-4320000,"-£43,200.00",4320000,"£43,200.00","£43,200.00 at risk of lapsing on 31 March 2019"`,
    );
    expect(lines.at(-1)).toBe(
      'Total,,2018/19 Q1,17000000,"£170,000.00",3000000,"£30,000.00",1920000,"£19,200.00",7680000,"£76,800.00",-4320000,"-£43,200.00",4320000,"£43,200.00",',
    );
  });

  it("exports an Excel workbook whose money cells are pounds and whose totals are the sums", async () => {
    const response = await fetch(
      new URL("/api/v1/funding/reports?financialYear=2018/19&groupBy=force&format=xlsx", t.baseUrl),
      { headers: { cookie: `${sessionCookieName}=${board.cookie(sessionCookieName)}` } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="funding-report-2018-19-by-force.xlsx"',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe("2018-19 by force");
    expect(sheet?.getCell("A1").value).toBe("Funding report: 2018/19 by force");
    expect(sheet?.getCell("A2").value).toBe("OFFICIAL. Financial year 2018/19");
    expect(sheet?.headerFooter.oddHeader).toBe("&COFFICIAL");
    expect(sheet?.getRow(3).values).toEqual([
      undefined,
      "Force area",
      "Allocation",
      "Commitment",
      "Actual",
      "Forecast",
      "Variance",
      "Lapse risk",
      "Note",
    ]);
    const cells = (row: number) =>
      [2, 3, 4, 5, 6, 7].map((column) => sheet?.getRow(row).getCell(column).value ?? null);
    expect(sheet?.getCell("A4").value).toBe("West Mercia");
    expect(cells(4)).toEqual([120_000, 30_000, 38_400, 76_800, -43_200, 43_200]);
    expect(sheet?.getCell("A5").value).toBe("No force area (regional and national bodies)");
    expect(cells(5)).toEqual([50_000, 0, 0, null, null, null]);
    expect(sheet?.getCell("A6").value).toBe("Total");
    const totals = cells(6);
    expect(totals).toEqual([170_000, 30_000, 38_400, 76_800, -43_200, 43_200]);
    // Summed in pence, so pounds with pence never drift.
    for (const [index, total] of totals.entries()) {
      const rows = [cells(4)[index], cells(5)[index]].filter(
        (value): value is number => typeof value === "number",
      );
      expect(Math.round(Number(total) * 100)).toBe(
        rows.reduce((sum, value) => sum + Math.round(value * 100), 0),
      );
    }
    expect(sheet?.getCell("B4").numFmt).toBe('"£"#,##0.00;-"£"#,##0.00');
  });

  it("forecasts a project's own spend against what its decisions gave it, as its monitoring does", async () => {
    // Rural crime watch starts spending in July: £2,000 a month for three months.
    const spent = await finance.post(`/api/v1/funding/streams/${ptf.id}/spend`, {
      lines: ["2018-07", "2018-08", "2018-09"].map((month) => ({
        month,
        category: "staff",
        amountPence: pounds(2_000),
        bidId: bid.id,
      })),
    });
    expect(spent.status, JSON.stringify(spent.body)).toBe(200);
    const view = await report("financialYear=2018/19&groupBy=project");
    // £6,000 over 3 months runs to £24,000 of its £30,000: £6,000 at risk.
    expect(figuresOf(view)[0]).toEqual([
      "Rural crime watch",
      "£30,000.00",
      "£30,000.00",
      "£6,000.00",
      "£24,000.00",
      "-£6,000.00",
      "£6,000.00",
    ]);
    const monitoring = await board.get<{ forecast: string }>(
      `/api/v1/funding/streams/${ptf.id}/monitoring?financialYear=2018/19&bidId=${bid.id}`,
    );
    expect(monitoring.body.forecast).toBe("£24,000.00");
    expect(view.totals.forecast).toBe("£100,800.00");
    // By stream the PTF's £44,400 over its six months runs to £88,800: each row is its own run rate.
    const streams = await report("financialYear=2018/19&groupBy=stream");
    expect(streams.rows[0]).toMatchObject({
      actual: "£44,400.00",
      forecast: "£88,800.00",
      lapseRisk: "£31,200.00",
    });
  });

  it("counts an approval as committed until another commissioner declines the bid", async () => {
    const formula = await finance.post("/api/v1/funding/formulas", {
      name: "The Alliance (West Mercia and Warwickshire)",
      scopeDescription: "Projects spanning both Alliance force areas",
      ownerOrganisationId: "west-mercia",
      financialYear: "2018/19",
      decisionReference: "Alliance Governance Group 2018-02",
      parts: [
        { partyOrganisationId: "west-mercia", shareBasisPoints: 6_900 },
        { partyOrganisationId: "warwickshire", shareBasisPoints: 3_100 },
      ],
    });
    expect(formula.status, JSON.stringify(formula.body)).toBe(201);
    const created = await supervisor.post<BidView>("/api/v1/funding/bids", {
      title: "Alliance business crime advisers",
      purpose: "Advisers for small businesses in both force areas",
      strand: "protect",
      crimeArea: "business",
      forceAreas: ["west-mercia", "warwickshire"],
      costs: [{ financialYear: "2018/19", category: "staff", amountPence: pounds(50_000) }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const alliance = created.body;
    expect((await supervisor.post(`/api/v1/funding/bids/${alliance.id}/submit`, {})).status).toBe(200);
    await board.post(`/api/v1/funding/bids/${alliance.id}/review`, { status: "under-board-review" });
    await board.post(`/api/v1/funding/bids/${alliance.id}/review`, { status: "recommended" });
    const approved = await finance.post(`/api/v1/funding/bids/${alliance.id}/decisions`, {
      reference: "WM PCC 2018/041",
      decisionMakerOrganisationId: "opcc-west-mercia",
      decidedOn: "2018-07-02",
      outcome: "approved-with-conditions",
      conditions: "Quarterly reports to the Alliance Governance Group",
      amounts: [{ financialYear: "2018/19", amountPence: pounds(34_500), fundingStreamId: rural.id }],
      publishedSummary: "The commissioner approves West Mercia's share",
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    const committed = await report("financialYear=2018/19&groupBy=force");
    expect(committed.rows.find((row) => row.label === "West Mercia")?.commitment).toBe("£64,500.00");
    // The stream's monitoring counts the project among those it pays for, as the report does.
    const ruralProjects = async () =>
      (
        await board.get<MonitoringView>(
          `/api/v1/funding/streams/${rural.id}/monitoring?financialYear=2018/19`,
        )
      ).body.projects;
    expect((await ruralProjects()).map((project) => [project.title, project.allocation])).toEqual([
      ["Alliance business crime advisers", "£34,500.00"],
    ]);

    const declined = await finance.post(`/api/v1/funding/bids/${alliance.id}/decisions`, {
      reference: "WK PCC 2018/012",
      decisionMakerOrganisationId: "opcc-warwickshire",
      decidedOn: "2018-07-09",
      outcome: "declined",
      publishedSummary: "The commissioner declines: the work duplicates an existing scheme",
    });
    expect(declined.status, JSON.stringify(declined.body)).toBe(201);
    const after = await report("financialYear=2018/19&groupBy=force");
    expect(after.rows.find((row) => row.label === "West Mercia")?.commitment).toBe("£30,000.00");
    expect(after.rows.map((row) => row.label)).not.toContain("Warwickshire");
    expect(await ruralProjects()).toEqual([]);
  });

  it("defuses names a spreadsheet would run as a formula in the CSV", async () => {
    const created = await finance.post<StreamView>("/api/v1/funding/streams", {
      source: "other",
      name: '=HYPERLINK("http://example.test","Click")',
      recipientOrganisationId: "rocuwm",
      amounts: [{ financialYear: "2018/19", amountPence: 100 }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const csv = (await board.get<string>("/api/v1/funding/reports?financialYear=2018/19&format=csv")).body;
    const line = csv.split("\r\n").find((text) => text.includes("HYPERLINK"));
    expect(line?.startsWith(`"'=HYPERLINK(""http://example.test"",""Click"")",${created.body.id},`)).toBe(
      true,
    );
  });

  it("is marked as the most sensitive record it counts, leaving out what the reader may not see", async () => {
    const created = await finance.post<StreamView>("/api/v1/funding/streams", {
      source: "home-office-specific-grant",
      name: "Covert capability grant",
      recipientOrganisationId: "rocuwm",
      amounts: [{ financialYear: "2018/19", amountPence: pounds(10_000) }],
      classification: "OFFICIAL-SENSITIVE",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const marked = await report("financialYear=2018/19");
    expect(marked.classification).toBe("OFFICIAL-SENSITIVE");
    expect(marked.rows.map((row) => row.label)).toContain("Covert capability grant");
    const officialBoard = await t.signedIn({
      roles: ["board"],
      organisationId: "rocuwm",
      scope: "region",
      clearance: "OFFICIAL",
    });
    const unmarked = await report("financialYear=2018/19", officialBoard);
    expect(unmarked.classification).toBe("OFFICIAL");
    expect(unmarked.rows.map((row) => row.label)).not.toContain("Covert capability grant");
    expect(unmarked.totals.allocationPence).toBe(marked.totals.allocationPence - pounds(10_000));
  });
});
