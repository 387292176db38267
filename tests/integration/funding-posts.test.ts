import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookieName } from "#src/auth/sessions.ts";
import type { PostView, ReconciliationView, SettlementView } from "#src/features/funding/posts-schema.ts";
import type { FormulaView, StreamView } from "#src/features/funding/schema.ts";
import type { Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

type Client = Awaited<ReturnType<TestApp["signedIn"]>>;
type PostPage = {
  items: PostView[];
  total: number;
  totals: { fte: string; annualCost: string; yearCostPence: number | null; yearCost: string | null };
};
type AuditPage = {
  items: { action: string; changes: Record<string, { before?: unknown; after?: unknown }> }[];
};

const pounds = (amount: number) => amount * 100;
const fields = (problem: Pick<Problem, "errors">) =>
  (problem.errors ?? []).map((error) => error.field).sort();

describe.each(databaseKinds())("funding staffing posts and contributions on %s", (kind) => {
  let t: TestApp;
  let finance: Client;
  let board: Client;
  let staffordshireFinance: Client;
  let admin: Client;
  let region: FormulaView;
  let ptf: StreamView;
  const created: Record<string, PostView> = {};

  const createPost = async (name: string, body: object) => {
    const response = await finance.post<PostView>("/api/v1/funding/posts", {
      formulaId: region.id,
      startsOn: "2018-04-01",
      fteBasisPoints: 10_000,
      ...body,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    created[name] = response.body;
    return response.body;
  };
  const reconciliation = async (client: Client, year = "2018/19") => {
    const response = await client.get<ReconciliationView>(
      `/api/v1/funding/reconciliation?formulaId=${region.id}&financialYear=${year}`,
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };
  const postCount = async () =>
    (await finance.get<PostPage>(`/api/v1/funding/posts?formulaId=${region.id}`)).body.total;

  beforeAll(async () => {
    t = await startTestApp(kind);
    // The ROCU's finance officer works across the region, as the demo's does.
    finance = await t.signedIn({ roles: ["finance"], organisationId: "rocuwm", scope: "region" });
    board = await t.signedIn({ roles: ["board"], organisationId: "rocuwm", scope: "region" });
    staffordshireFinance = await t.signedIn({
      roles: ["finance"],
      organisationId: "staffordshire",
      scope: "force",
    });
    admin = await t.signedIn({ roles: ["admin"], scope: "national", clearance: "SECRET" });
    const alliance = await finance.post<FormulaView>("/api/v1/funding/formulas", {
      name: "The Alliance",
      scopeDescription: "West Mercia and Warwickshire",
      ownerOrganisationId: "west-mercia",
      financialYear: "2018/19",
      decisionReference: "Alliance Governance Group 2018-02",
      parts: [
        { partyOrganisationId: "west-mercia", shareBasisPoints: 6_900 },
        { partyOrganisationId: "warwickshire", shareBasisPoints: 3_100 },
      ],
    });
    expect(alliance.status, JSON.stringify(alliance.body)).toBe(201);
    const regional = await finance.post<FormulaView>("/api/v1/funding/formulas", {
      name: "West Midlands ROCU force contributions",
      scopeDescription: "West Midlands region",
      ownerOrganisationId: "rocuwm",
      financialYear: "2018/19",
      decisionReference: "ROCU Executive Board 2018-03",
      parts: [
        { partyOrganisationId: "west-midlands", shareBasisPoints: 5_700 },
        { nestedFormulaId: alliance.body.id, shareBasisPoints: 2_600 },
        { partyOrganisationId: "staffordshire", shareBasisPoints: 1_700 },
      ],
    });
    expect(regional.status, JSON.stringify(regional.body)).toBe(201);
    region = regional.body;
    const stream = await finance.post<StreamView>("/api/v1/funding/streams", {
      source: "police-transformation-fund",
      name: "Police Transformation Fund: cyber-dependent crime posts",
      recipientOrganisationId: "rocuwm",
      amounts: [{ financialYear: "2018/19", amountPence: pounds(120_000) }],
    });
    expect(stream.status, JSON.stringify(stream.body)).toBe(201);
    ptf = stream.body;

    // The worked example of docs/funding.md, "Staffing contributions".
    await createPost("ds", {
      roleTitle: "Detective Sergeant, regional cyber crime unit",
      organisationId: "west-midlands",
      annualCostPence: pounds(60_000),
    });
    await createPost("investigator", {
      roleTitle: "Cyber crime investigator",
      organisationId: "west-midlands",
      annualCostPence: pounds(45_000),
    });
    await createPost("analyst", {
      roleTitle: "Intelligence analyst",
      organisationId: "west-midlands",
      fteBasisPoints: 5_000,
      annualCostPence: pounds(36_000),
    });
    await createPost("dc", {
      roleTitle: "Detective Constable, Pursue",
      organisationId: "west-mercia",
      annualCostPence: pounds(40_000),
    });
    await createPost("dmi", {
      roleTitle: "Digital media investigator",
      organisationId: "warwickshire",
      annualCostPence: pounds(36_500),
      startsOn: "2018-10-01",
    });
    await createPost("researcher", {
      roleTitle: "Researcher",
      organisationId: "staffordshire",
      fteBasisPoints: 6_000,
      annualCostPence: pounds(30_000),
      startsOn: "2017-09-01",
      endsOn: "2019-08-31",
    });
    // Not counted in 2018/19: paid from a grant, and a post that starts the year after.
    await createPost("grant-funded", {
      roleTitle: "Cyber-dependent crime investigator",
      organisationId: "staffordshire",
      fundingStreamId: ptf.id,
      annualCostPence: pounds(42_000),
    });
    await createPost("next-year", {
      roleTitle: "Prevent officer",
      organisationId: "staffordshire",
      annualCostPence: pounds(38_000),
      startsOn: "2019-04-01",
    });
  });
  afterAll(() => t.close());

  it("works the documented example: Staffordshire Police owes West Midlands Police £9,456.00", async () => {
    const view = await reconciliation(board);
    expect(view).toMatchObject({
      financialYear: "2018/19",
      versionFinancialYear: "2018/19",
      decisionReference: "ROCU Executive Board 2018-03",
      totalPence: pounds(199_200),
      total: "£199,200.00",
    });
    expect(
      view.rows.map((row) => [row.party.name, row.share, row.fte, row.actual, row.due, row.balance]),
    ).toEqual([
      ["West Midlands Police", "57%", "2.5", "£123,000.00", "£113,544.00", "£9,456.00"],
      ["West Mercia Police", "17.94%", "1", "£40,000.00", "£35,736.48", "£4,263.52"],
      ["Warwickshire Police", "8.06%", "1", "£18,200.00", "£16,055.52", "£2,144.48"],
      ["Staffordshire Police", "17%", "0.6", "£18,000.00", "£33,864.00", "-£15,864.00"],
    ]);
    expect(view.rows[1]?.via.map((formula) => formula.name)).toEqual(["The Alliance"]);
    // Each force's actual is traceable to its posts.
    expect(view.rows[0]?.postIds.sort()).toEqual(
      [created.ds?.id, created.investigator?.id, created.analyst?.id].sort(),
    );
    expect(view.rows[3]?.postIds).toEqual([created.researcher?.id]);
    expect(view.transfers.map((transfer) => transfer.sentence)).toEqual([
      "Staffordshire Police owes West Midlands Police £9,456.00",
      "Staffordshire Police owes West Mercia Police £4,263.52",
      "Staffordshire Police owes Warwickshire Police £2,144.48",
    ]);
  });

  it("exports the reconciliation as CSV and as an Excel workbook, with the same figures", async () => {
    const path = `/api/v1/funding/reconciliation?formulaId=${region.id}&financialYear=2018/19`;
    const csv = await board.get<string>(`${path}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toBe(
      'attachment; filename="contributions-west-midlands-rocu-force-contributions-2018-19.csv"',
    );
    const lines = csv.body.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "force,force_id,via,share,share_basis_points,posts,fte,actual_pence,actual,due_pence,due,paid_pence,paid,received_pence,received,balance_pence,balance,settlement",
    );
    expect(lines[2]).toBe(
      'West Mercia Police,west-mercia,The Alliance,17.94%,1794,1,1,4000000,"£40,000.00",3573648,"£35,736.48",0,£0.00,0,£0.00,426352,"£4,263.52","Staffordshire Police owes West Mercia Police £4,263.52"',
    );
    expect(lines[4]).toContain(
      "Staffordshire Police owes West Midlands Police £9,456.00; Staffordshire Police owes West Mercia Police £4,263.52; Staffordshire Police owes Warwickshire Police £2,144.48",
    );
    expect(lines.at(-1)).toBe(
      'Total,,,100%,10000,6,,19920000,"£199,200.00",19920000,"£199,200.00",0,£0.00,0,£0.00,0,£0.00,',
    );

    const response = await fetch(new URL(`${path}&format=xlsx`, t.baseUrl), {
      headers: { cookie: `${sessionCookieName}=${board.cookie(sessionCookieName)}` },
    });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet?.getCell("A1").value).toBe("Contributions: West Midlands ROCU force contributions, 2018/19");
    expect(sheet?.getCell("A2").value).toBe(
      "OFFICIAL. Shares as decided for 2018/19 (ROCU Executive Board 2018-03)",
    );
    expect(sheet?.headerFooter.oddHeader).toBe("&COFFICIAL");
    // Money is in pounds, as numbers; the balances settle to nothing.
    const row = (number: number) => sheet?.getRow(number).values;
    expect(row(7)).toEqual([
      undefined,
      "Staffordshire Police",
      "17%",
      1,
      0.6,
      18_000,
      33_864,
      0,
      0,
      -15_864,
      expect.stringContaining("Staffordshire Police owes West Midlands Police £9,456.00"),
    ]);
    expect(row(8)).toEqual([
      undefined,
      "Total",
      "100%",
      6,
      5.1,
      199_200,
      199_200,
      0,
      0,
      0,
      "The sum of the rows above",
    ]);
    expect(sheet?.getCell("A11").value).toBe("Staffordshire Police owes West Midlands Police £9,456.00");
  });

  it("lists a force's posts in a year with their cost that year, sorted and paged, with totals over every page", async () => {
    const query = `formulaId=${region.id}&organisationId=west-midlands&financialYear=2018/19&fundingSource=force-contribution`;
    const first = await board.get<PostPage>(`/api/v1/funding/posts?${query}&sort=-annualCost&pageSize=2`);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.total).toBe(3);
    expect(first.body.items.map((post) => post.roleTitle)).toEqual([
      "Detective Sergeant, regional cyber crime unit",
      "Cyber crime investigator",
    ]);
    expect(first.body.totals).toMatchObject({
      fte: "2.5",
      annualCost: "£141,000.00",
      yearCost: "£123,000.00",
    });
    const second = await board.get<PostPage>(
      `/api/v1/funding/posts?${query}&sort=-annualCost&pageSize=2&page=2`,
    );
    expect(second.body.items.map((post) => [post.roleTitle, post.fte, post.annualCost])).toEqual([
      ["Intelligence analyst", "0.5", "£36,000.00"],
    ]);
    const grants = await board.get<PostPage>(`/api/v1/funding/posts?fundingSource=stream`);
    expect(grants.body.items.map((post) => [post.roleTitle, post.fundingStream?.name])).toEqual([
      ["Cyber-dependent crime investigator", "Police Transformation Fund: cyber-dependent crime posts"],
    ]);
    // The year cost in SQL agrees with the year cost of each post, half-year posts included.
    const year = await board.get<PostPage>(
      `/api/v1/funding/posts?formulaId=${region.id}&financialYear=2018/19`,
    );
    const eachYear = year.body.items.map(
      (post) => post.years.find((entry) => entry.financialYear === "2018/19")?.costPence ?? 0,
    );
    expect(year.body.totals.yearCostPence).toBe(eachYear.reduce((sum, cost) => sum + cost, 0));
    expect(year.body.totals.yearCost).toBe("£241,200.00");
  });

  it("costs a post in every year it is filled, by days in post, a leap year having 366", async () => {
    const response = await board.get<PostView>(`/api/v1/funding/posts/${created.researcher?.id}`);
    expect(response.body.years).toEqual([
      {
        financialYear: "2017/18",
        daysInPost: 212,
        daysInYear: 365,
        costPence: 1_045_479,
        cost: "£10,454.79",
      },
      {
        financialYear: "2018/19",
        daysInPost: 365,
        daysInYear: 365,
        costPence: pounds(18_000),
        cost: "£18,000.00",
      },
      { financialYear: "2019/20", daysInPost: 153, daysInYear: 366, costPence: 752_459, cost: "£7,524.59" },
    ]);
  });

  it("refuses bad input naming each field, and writes nothing", async () => {
    const before = await postCount();
    const zod = await finance.post<Problem>("/api/v1/funding/posts", {
      roleTitle: " ",
      organisationId: "west-midlands",
      formulaId: region.id,
      fteBasisPoints: 0,
      annualCostPence: -1,
      startsOn: "2018-02-30",
    });
    expect(zod.status).toBe(400);
    expect(fields(zod.body)).toEqual(["annualCostPence", "fteBasisPoints", "roleTitle", "startsOn"]);
    const tooMuch = await finance.post<Problem>("/api/v1/funding/posts", {
      roleTitle: "Too much",
      organisationId: "west-midlands",
      formulaId: region.id,
      fteBasisPoints: 10_001,
      annualCostPence: pounds(1),
      startsOn: "2018-04-01",
    });
    expect(tooMuch.body.errors).toEqual([
      { field: "fteBasisPoints", message: "The full-time equivalent cannot be more than 1" },
    ]);
    const checked = await finance.post<Problem>("/api/v1/funding/posts", {
      roleTitle: "Seconded analyst",
      organisationId: "metropolitan",
      formulaId: region.id,
      fteBasisPoints: 10_000,
      annualCostPence: pounds(30_000),
      startsOn: "2018-06-01",
      endsOn: "2018-05-31",
    });
    expect(checked.status).toBe(400);
    expect(checked.body.errors).toEqual([
      {
        field: "organisationId",
        message: "Metropolitan Police Service pays no part of West Midlands ROCU force contributions",
      },
      { field: "endsOn", message: "The end date must be on or after the start date, 1 June 2018" },
    ]);
    const patched = await finance.patch<Problem>(`/api/v1/funding/posts/${created.dc?.id}`, {
      endsOn: "2018-03-31",
    });
    expect(patched.status).toBe(400);
    expect(fields(patched.body)).toEqual(["endsOn"]);
    expect(await postCount()).toBe(before);
    expect((await board.get<PostView>(`/api/v1/funding/posts/${created.dc?.id}`)).body.endsOn).toBeNull();
  });

  it("lets only finance change posts, sharing them with every force that pays the formula", async () => {
    const refused = await board.post<Problem>("/api/v1/funding/posts", {
      roleTitle: "Board's post",
      organisationId: "west-midlands",
      formulaId: region.id,
      fteBasisPoints: 10_000,
      annualCostPence: pounds(1),
      startsOn: "2018-04-01",
    });
    expect(refused.status).toBe(403);
    // Staffordshire's finance lead reads West Midlands' posts, to check the balance it owes…
    const read = await staffordshireFinance.get<PostView>(`/api/v1/funding/posts/${created.ds?.id}`);
    expect(read.status).toBe(200);
    expect((await reconciliation(staffordshireFinance)).total).toBe("£199,200.00");
    // …but changes only its own.
    const changed = await staffordshireFinance.patch<Problem>(`/api/v1/funding/posts/${created.ds?.id}`, {
      annualCostPence: pounds(1),
    });
    expect(changed.status).toBe(403);
  });

  it("changes the balances when a post ends early, and audits the change", async () => {
    // West Mercia's constable leaves on 30 September 2018: 183 of 365 days of £40,000.
    const patched = await finance.patch<PostView>(`/api/v1/funding/posts/${created.dc?.id}`, {
      endsOn: "2018-09-30",
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.years).toEqual([
      {
        financialYear: "2018/19",
        daysInPost: 183,
        daysInYear: 365,
        costPence: 2_005_479,
        cost: "£20,054.79",
      },
    ]);
    const view = await reconciliation(board);
    expect(view.total).toBe("£179,254.79");
    expect(view.rows.map((row) => row.balancePence).reduce((sum, balance) => sum + balance, 0)).toBe(0);
    const westMercia = view.rows.find((row) => row.party.id === "west-mercia");
    expect(westMercia).toMatchObject({ actual: "£20,054.79", due: "£32,158.31", balance: "-£12,103.52" });
    const audit = (await admin.get<AuditPage>(`/api/v1/audit?entityId=${created.dc?.id}`)).body.items;
    expect(audit.map((event) => event.action).sort()).toEqual(["funding-post.create", "funding-post.update"]);
    expect(audit.find((event) => event.action === "funding-post.update")?.changes).toEqual({
      endsOn: { before: null, after: "2018-09-30" },
    });
    await finance.patch(`/api/v1/funding/posts/${created.dc?.id}`, { endsOn: null });
  });

  it("says when the formula has no shares for the year", async () => {
    const response = await board.get<Problem>(
      `/api/v1/funding/reconciliation?formulaId=${region.id}&financialYear=2017/18`,
    );
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      {
        field: "financialYear",
        message: "West Midlands ROCU force contributions has no shares decided for 2017/18 or before",
      },
    ]);
  });

  it("records a settlement payment, after which the reconciliation no longer shows it owed", async () => {
    const payment = {
      formulaId: region.id,
      financialYear: "2018/19",
      fromOrganisationId: "staffordshire",
      toOrganisationId: "west-midlands",
      amountPence: pounds(9_456),
      paidOn: "2019-04-30",
      reference: "STAFFS-REMIT-0042",
    };
    const paid = await finance.post<SettlementView>("/api/v1/funding/settlements", payment);
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect(paid.body).toMatchObject({
      amount: "£9,456.00",
      sentence: "Staffordshire Police paid West Midlands Police £9,456.00 on 30 April 2019",
    });
    const view = await reconciliation(board);
    expect(view.rows.map((row) => [row.party.name, row.paid, row.received, row.balance])).toEqual([
      ["West Midlands Police", "£0.00", "£9,456.00", "£0.00"],
      ["West Mercia Police", "£0.00", "£0.00", "£4,263.52"],
      ["Warwickshire Police", "£0.00", "£0.00", "£2,144.48"],
      ["Staffordshire Police", "£9,456.00", "£0.00", "-£6,408.00"],
    ]);
    expect(view.transfers.map((transfer) => transfer.sentence)).toEqual([
      "Staffordshire Police owes West Mercia Police £4,263.52",
      "Staffordshire Police owes Warwickshire Police £2,144.48",
    ]);
    expect(view.payments.map((each) => each.reference)).toEqual(["STAFFS-REMIT-0042"]);
    const audit = (await admin.get<AuditPage>(`/api/v1/audit?entityId=${paid.body.id}`)).body.items;
    expect(audit.map((event) => event.action)).toEqual(["funding-settlement.create"]);
    expect(audit[0]?.changes.amountPence).toEqual({ after: pounds(9_456) });
  });

  it("refuses a payment that settles more than is owed, or between forces with nothing to settle, writing nothing", async () => {
    const before = (await reconciliation(board)).payments.length;
    const pay = (body: object) =>
      finance.post<Problem>("/api/v1/funding/settlements", {
        formulaId: region.id,
        financialYear: "2018/19",
        fromOrganisationId: "staffordshire",
        toOrganisationId: "west-mercia",
        amountPence: pounds(1_000),
        paidOn: "2019-04-30",
        reference: "STAFFS-REMIT-0043",
        ...body,
      });
    const tooMuch = await pay({ amountPence: 426_353 });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors).toEqual([
      {
        field: "amountPence",
        message:
          "Staffordshire Police owes £6,408.00 and West Mercia Police is owed £4,263.52 for 2018/19; a payment between them settles at most £4,263.52",
      },
    ]);
    const backwards = await pay({ fromOrganisationId: "west-mercia", toOrganisationId: "staffordshire" });
    expect(backwards.body.errors).toEqual([
      { field: "fromOrganisationId", message: "West Mercia Police owes nothing for 2018/19" },
      { field: "toOrganisationId", message: "Staffordshire Police is owed nothing for 2018/19" },
    ]);
    const outsider = await pay({ toOrganisationId: "metropolitan" });
    expect(fields(outsider.body)).toEqual(["toOrganisationId"]);
    const future = await pay({ paidOn: "2999-01-01" });
    expect(future.body.errors).toEqual([
      { field: "paidOn", message: "The date of the payment cannot be in the future" },
    ]);
    const malformed = await pay({ amountPence: 0, paidOn: "30/04/2019", reference: " " });
    expect(malformed.status).toBe(400);
    expect(fields(malformed.body)).toEqual(["amountPence", "paidOn", "reference"]);
    expect((await board.post<Problem>("/api/v1/funding/settlements", {})).status).toBe(403);
    expect((await reconciliation(board)).payments.length).toBe(before);
  });
});
