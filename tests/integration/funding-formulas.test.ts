import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fundingFormulaParts, fundingFormulaVersions } from "#src/db/schema.ts";
import type { FormulaView, SplitView } from "#src/features/funding/schema.ts";
import type { Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

type Client = Awaited<ReturnType<TestApp["signedIn"]>>;
type Page<T> = { items: T[]; total: number };
type AuditPage = Page<{ action: string; entityId: string; changes: Record<string, { after?: unknown }> }>;

const pounds = (amount: number) => amount * 100;
const fields = (problem: Pick<Problem, "errors">) =>
  (problem.errors ?? []).map((error) => error.field).sort();

describe.each(databaseKinds())("cost-sharing formulas on %s", (kind) => {
  let t: TestApp;
  /** The West Midlands ROCU's finance officer: keeps the region's formulas. */
  let regionFinance: Client;
  let board: Client;
  let wmpSupervisor: Client;
  let analyst: Client;
  let admin: Client;
  let nwFinance: Client;
  let alliance: FormulaView;
  let region: FormulaView;

  const createFormula = async (client: Client, body: Record<string, unknown>) =>
    client.post<FormulaView & Problem>("/api/v1/funding/formulas", body);

  const auditOf = async (entityId: string) =>
    (await admin.get<AuditPage>(`/api/v1/audit?entityId=${entityId}`)).body.items;

  beforeAll(async () => {
    t = await startTestApp(kind);
    regionFinance = await t.signedIn({ roles: ["finance"], organisationId: "rocuwm", scope: "region" });
    board = await t.signedIn({ roles: ["board"], organisationId: "rocuwm", scope: "region" });
    wmpSupervisor = await t.signedIn({
      roles: ["supervisor"],
      organisationId: "west-midlands",
      scope: "force",
    });
    analyst = await t.signedIn({ roles: ["analyst"], organisationId: "rocuwm", scope: "region" });
    admin = await t.signedIn({ roles: ["admin"], scope: "national", clearance: "SECRET" });
    nwFinance = await t.signedIn({ roles: ["finance"], organisationId: "nwrocu", scope: "region" });

    const allianceResponse = await createFormula(regionFinance, {
      name: "The Alliance",
      scopeDescription: "West Mercia and Warwickshire, for projects spanning both force areas",
      ownerOrganisationId: "west-mercia",
      financialYear: "2018/19",
      decisionReference: "Alliance Governance Group 2018-02",
      parts: [
        { partyOrganisationId: "west-mercia", shareBasisPoints: 6_900 },
        { partyOrganisationId: "warwickshire", shareBasisPoints: 3_100 },
      ],
    });
    expect(allianceResponse.status, JSON.stringify(allianceResponse.body)).toBe(201);
    alliance = allianceResponse.body;
    const regionResponse = await createFormula(regionFinance, {
      name: "West Midlands ROCU contributions",
      scopeDescription: "West Midlands region",
      ownerOrganisationId: "rocuwm",
      financialYear: "2018/19",
      decisionReference: "ROCU Executive Board 2018-03",
      parts: [
        { partyOrganisationId: "west-midlands", shareBasisPoints: 5_700 },
        { nestedFormulaId: alliance.id, shareBasisPoints: 2_600 },
        { partyOrganisationId: "staffordshire", shareBasisPoints: 1_700 },
      ],
    });
    expect(regionResponse.status, JSON.stringify(regionResponse.body)).toBe(201);
    region = regionResponse.body;
  });
  afterAll(() => t.close());

  it("records the shares with the decision that set them", () => {
    expect(region.versions).toHaveLength(1);
    const [version] = region.versions;
    expect(version?.financialYear).toBe("2018/19");
    expect(version?.decisionReference).toBe("ROCU Executive Board 2018-03");
    expect(version?.parts.map((part) => [part.share, part.party?.name ?? part.nestedFormula?.name])).toEqual([
      ["57%", "West Midlands Police"],
      ["26%", "The Alliance"],
      ["17%", "Staffordshire Police"],
    ]);
  });

  it("splits a regional £1,000,000 contribution to the forces, through the Alliance", async () => {
    const response = await board.post<SplitView>(`/api/v1/funding/formulas/${region.id}/split`, {
      amountPence: pounds(1_000_000),
      financialYear: "2018/19",
    });
    expect(response.status).toBe(200);
    expect(response.body.decisionReference).toBe("ROCU Executive Board 2018-03");
    expect(
      response.body.parts.map((part) => [part.party.name, part.amount, part.via.map((v) => v.name)]),
    ).toEqual([
      ["West Midlands Police", "£570,000.00", []],
      ["West Mercia Police", "£179,400.00", ["The Alliance"]],
      ["Warwickshire Police", "£80,600.00", ["The Alliance"]],
      ["Staffordshire Police", "£170,000.00", []],
    ]);
  });

  it("splits an alliance-wide £100,000 bid £69,000 / £31,000, and odd pennies by the documented rule", async () => {
    const bid = await regionFinance.post<SplitView>(`/api/v1/funding/formulas/${alliance.id}/split`, {
      amountPence: pounds(100_000),
      financialYear: "2018/19",
    });
    expect(bid.body.parts.map((part) => part.amountPence)).toEqual([pounds(69_000), pounds(31_000)]);
    // 1p at 57 / (69 / 31 of 26) / 17: WMP has the largest remainder and gets the penny.
    const penny = await regionFinance.post<SplitView>(`/api/v1/funding/formulas/${region.id}/split`, {
      amountPence: 1,
      financialYear: "2018/19",
    });
    expect(penny.body.parts.map((part) => part.amountPence)).toEqual([1, 0, 0, 0]);
    const odd = await regionFinance.post<SplitView>(`/api/v1/funding/formulas/${region.id}/split`, {
      amountPence: 100_001,
      financialYear: "2018/19",
    });
    expect(odd.body.parts.reduce((sum, part) => sum + part.amountPence, 0)).toBe(100_001);
  });

  it("refuses shares that do not total 100%, naming the field, and writes nothing", async () => {
    const before = (await regionFinance.get<Page<FormulaView>>("/api/v1/funding/formulas")).body.total;
    const response = await createFormula(regionFinance, {
      name: "Short by half a percent",
      scopeDescription: "West Midlands region",
      ownerOrganisationId: "rocuwm",
      financialYear: "2018/19",
      decisionReference: "Draft",
      parts: [
        { partyOrganisationId: "west-midlands", shareBasisPoints: 5_700 },
        { partyOrganisationId: "staffordshire", shareBasisPoints: 4_250 },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { field: "parts", message: "Shares total 99.5%: they must total 100%" },
    ]);
    expect((await regionFinance.get<Page<FormulaView>>("/api/v1/funding/formulas")).body.total).toBe(before);
  });

  it("reports every bad part at once: unknown party, repeated party, unknown nested formula", async () => {
    const response = await createFormula(regionFinance, {
      name: "Several mistakes",
      scopeDescription: "West Midlands region",
      ownerOrganisationId: "rocuwm",
      financialYear: "2018/19",
      decisionReference: "Draft",
      parts: [
        { partyOrganisationId: "west-midlands", shareBasisPoints: 2_500 },
        { partyOrganisationId: "west-midlands", shareBasisPoints: 2_500 },
        { partyOrganisationId: "atlantis", shareBasisPoints: 2_500 },
        { nestedFormulaId: "00000000-0000-4000-8000-000000000000", shareBasisPoints: 2_500 },
      ],
    });
    expect(response.status).toBe(400);
    expect(fields(response.body)).toEqual([
      "parts.1.partyOrganisationId",
      "parts.2.partyOrganisationId",
      "parts.3.nestedFormulaId",
    ]);
  });

  it("versions shares by financial year: the latest decided for a year or before applies", async () => {
    const added = await regionFinance.post<FormulaView & Problem>(
      `/api/v1/funding/formulas/${region.id}/versions`,
      {
        financialYear: "2020/21",
        decisionReference: "ROCU Executive Board 2020-03",
        parts: [
          { partyOrganisationId: "west-midlands", shareBasisPoints: 5_500 },
          { nestedFormulaId: alliance.id, shareBasisPoints: 2_700 },
          { partyOrganisationId: "staffordshire", shareBasisPoints: 1_800 },
        ],
      },
    );
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.versions.map((version) => version.financialYear)).toEqual(["2018/19", "2020/21"]);
    const splitIn = async (financialYear: string) =>
      (
        await board.post<SplitView>(`/api/v1/funding/formulas/${region.id}/split`, {
          amountPence: pounds(1_000_000),
          financialYear,
        })
      ).body;
    const in2019 = await splitIn("2019/20");
    expect(in2019.versionFinancialYear).toBe("2018/19");
    expect(in2019.parts[0]?.amountPence).toBe(pounds(570_000));
    const in2021 = await splitIn("2021/22");
    expect(in2021.versionFinancialYear).toBe("2020/21");
    expect(in2021.parts[0]?.amountPence).toBe(pounds(550_000));
    const before2018 = await board.post<Problem>(`/api/v1/funding/formulas/${region.id}/split`, {
      amountPence: 100,
      financialYear: "2017/18",
    });
    expect(before2018.status).toBe(400);
    expect(fields(before2018.body)).toEqual(["financialYear"]);

    // A decided year is not decided again.
    const again = await regionFinance.post<Problem>(`/api/v1/funding/formulas/${region.id}/versions`, {
      financialYear: "2020/21",
      decisionReference: "A second thought",
    });
    expect(again.status).toBe(400);
    expect(fields(again.body)).toEqual(["financialYear"]);

    const audit = await auditOf(region.id);
    expect(audit.map((event) => event.action).sort()).toEqual([
      "funding-formula.add-version",
      "funding-formula.create",
    ]);
  });

  it("carries the shares forward when a new year's version names no parts", async () => {
    const added = await regionFinance.post<FormulaView>(`/api/v1/funding/formulas/${alliance.id}/versions`, {
      financialYear: "2019/20",
      decisionReference: "Alliance Governance Group 2019-02",
    });
    expect(added.status).toBe(201);
    expect(added.body.versions[1]?.parts.map((part) => part.shareBasisPoints)).toEqual([6_900, 3_100]);
  });

  it("refuses a formula that would contain itself", async () => {
    const response = await regionFinance.post<Problem>(`/api/v1/funding/formulas/${alliance.id}/versions`, {
      financialYear: "2021/22",
      decisionReference: "Loop",
      parts: [
        { partyOrganisationId: "west-mercia", shareBasisPoints: 5_000 },
        { nestedFormulaId: region.id, shareBasisPoints: 5_000 },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.field).toBe("parts.1.nestedFormulaId");
    expect(response.body.errors?.[0]?.message).toMatch(/cannot contain itself/);
  });

  it("is held to 100% by the database too, whatever writes to it", async () => {
    const { db } = t.database;
    const attempt = db.transaction(async (tx) => {
      const [version] = await tx
        .insert(fundingFormulaVersions)
        .values({
          formulaId: alliance.id,
          financialYear: 2030,
          decisionReference: "Written around the service",
          notes: "",
          createdBy: regionFinance.userId,
        })
        .returning();
      if (!version) throw new Error("insert returned no row");
      await tx.insert(fundingFormulaParts).values([
        { versionId: version.id, position: 1, partyOrganisationId: "west-mercia", shareBp: 6_900 },
        { versionId: version.id, position: 2, partyOrganisationId: "warwickshire", shareBp: 3_000 },
      ]);
    });
    await expect(attempt).rejects.toSatisfy((error: Error) =>
      /shares total 9900 basis points/.test(`${error.message} ${String(error.cause)}`),
    );
    const stored = await db
      .select()
      .from(fundingFormulaVersions)
      .where(eq(fundingFormulaVersions.financialYear, 2030));
    expect(stored).toEqual([]);
  });

  it("lets finance change money; board members and unit heads read; others are refused", async () => {
    expect((await board.get(`/api/v1/funding/formulas/${region.id}`)).status).toBe(200);
    // West Midlands Police pays a part, so its supervisor reads the regional formula.
    expect((await wmpSupervisor.get(`/api/v1/funding/formulas/${region.id}`)).status).toBe(200);
    const supervisorList = (await wmpSupervisor.get<Page<FormulaView>>("/api/v1/funding/formulas")).body;
    expect(supervisorList.items.map((item) => item.name)).toEqual(["West Midlands ROCU contributions"]);
    expect((await analyst.get("/api/v1/funding/formulas")).status).toBe(403);
    const boardChange = await board.post(`/api/v1/funding/formulas/${region.id}/versions`, {
      financialYear: "2022/23",
      decisionReference: "Board member tries",
    });
    expect(boardChange.status).toBe(403);
    // Another region's finance officer does not see the West Midlands formulas at all.
    expect((await nwFinance.get(`/api/v1/funding/formulas/${region.id}`)).status).toBe(404);
    expect((await nwFinance.get<Page<FormulaView>>("/api/v1/funding/formulas")).body.total).toBe(0);
  });
});
