import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StreamView } from "#src/features/funding/schema.ts";
import type { Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

type Client = Awaited<ReturnType<TestApp["signedIn"]>>;
type StreamPage = { items: StreamView[]; total: number; sumPence: number; sum: string };
type AuditPage = {
  items: { action: string; changes: Record<string, { before?: unknown; after?: unknown }> }[];
};

const pounds = (amount: number) => amount * 100;
const fields = (problem: Pick<Problem, "errors">) =>
  (problem.errors ?? []).map((error) => error.field).sort();

describe.each(databaseKinds())("funding streams on %s", (kind) => {
  let t: TestApp;
  let londonFinance: Client;
  let londonBoard: Client;
  let wmFinance: Client;
  let investigator: Client;
  let admin: Client;
  let homeOfficeGrant: StreamView;

  beforeAll(async () => {
    t = await startTestApp(kind);
    londonFinance = await t.signedIn({ roles: ["finance"], organisationId: "metropolitan", scope: "force" });
    londonBoard = await t.signedIn({ roles: ["board"], organisationId: "metropolitan", scope: "force" });
    wmFinance = await t.signedIn({ roles: ["finance"], organisationId: "rocuwm", scope: "region" });
    investigator = await t.signedIn({
      roles: ["investigator"],
      organisationId: "metropolitan",
      scope: "force",
    });
    admin = await t.signedIn({ roles: ["admin"], scope: "national", clearance: "SECRET" });
    // MOPAC decision PCD 510: a Home Office grant of up to £500,000 over two years…
    const grant = await londonFinance.post<StreamView>("/api/v1/funding/streams", {
      source: "home-office-specific-grant",
      name: "Cyber crime capability grant",
      recipientOrganisationId: "metropolitan",
      decisionReference: "PCD 510",
      amounts: [
        { financialYear: "2019/20", amountPence: pounds(250_000) },
        { financialYear: "2018/19", amountPence: pounds(250_000) },
      ],
    });
    expect(grant.status, JSON.stringify(grant.body)).toBe(201);
    homeOfficeGrant = grant.body;
    // …and a £120,000 bid to the Police Transformation Fund for 2018/19.
    const ptf = await londonFinance.post<StreamView>("/api/v1/funding/streams", {
      source: "police-transformation-fund",
      name: "Police Transformation Fund: cyber-dependent crime posts",
      recipientOrganisationId: "metropolitan",
      decisionReference: "PCD 510",
      amounts: [{ financialYear: "2018/19", amountPence: pounds(120_000) }],
      allowedCategories: ["staff"],
      matchFunding: {
        shareBasisPoints: 5_000,
        category: "staff",
        condition: "Posts dedicated to cyber-dependent crime",
      },
    });
    expect(ptf.status, JSON.stringify(ptf.body)).toBe(201);
  });
  afterAll(() => t.close());

  it("holds amounts per financial year in pence, oldest first, and does not carry over by default", () => {
    expect(homeOfficeGrant.amounts.map((amount) => [amount.financialYear, amount.amount])).toEqual([
      ["2018/19", "£250,000.00"],
      ["2019/20", "£250,000.00"],
    ]);
    expect(homeOfficeGrant.totalPence).toBe(pounds(500_000));
    expect(homeOfficeGrant.carriesOver).toBe(false);
    expect(homeOfficeGrant.sourceName).toBe("Home Office specific grant");
  });

  it("adds up decision PCD 510 to £620,000, and 2018/19 alone to £370,000", async () => {
    const all = (await londonBoard.get<StreamPage>("/api/v1/funding/streams?decisionReference=PCD%20510"))
      .body;
    expect(all.total).toBe(2);
    expect(all.sumPence).toBe(pounds(620_000));
    expect(all.sum).toBe("£620,000.00");
    const year = (
      await londonBoard.get<StreamPage>(
        "/api/v1/funding/streams?decisionReference=PCD%20510&financialYear=2018/19",
      )
    ).body;
    expect(year.sumPence).toBe(pounds(370_000));
    const ptf = (
      await londonBoard.get<StreamPage>("/api/v1/funding/streams?source=police-transformation-fund")
    ).body;
    expect(ptf.items.map((item) => item.matchFunding)).toEqual([
      {
        shareBasisPoints: 5_000,
        share: "50%",
        category: "staff",
        condition: "Posts dedicated to cyber-dependent crime",
      },
    ]);
    const sorted = (await londonBoard.get<StreamPage>("/api/v1/funding/streams?sort=-name&pageSize=1&page=2"))
      .body;
    expect(sorted.items.map((item) => item.name)).toEqual(["Cyber crime capability grant"]);
    expect(sorted.total).toBe(2);
  });

  it("records the National Cyber Security Programme's allowed categories, and refuses match funding outside them", async () => {
    const ncsp = await londonFinance.post<StreamView>("/api/v1/funding/streams", {
      source: "national-cyber-security-programme",
      name: "NCSP 2018/19",
      recipientOrganisationId: "metropolitan",
      amounts: [{ financialYear: "2018/19", amountPence: pounds(80_000) }],
      allowedCategories: [
        "hardware",
        "software",
        "accommodation",
        "licensing",
        "vehicles",
        "equipment",
        "training",
      ],
    });
    expect(ncsp.status).toBe(201);
    expect(ncsp.body.allowedCategories).toContain("licensing");
    const bad = await londonFinance.patch<Problem>(`/api/v1/funding/streams/${ncsp.body.id}`, {
      matchFunding: { shareBasisPoints: 5_000, category: "staff", condition: "Cyber posts" },
    });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(["matchFunding.category"]);
  });

  it("refuses bad amounts naming the field, and writes nothing", async () => {
    const before = (await londonFinance.get<StreamPage>("/api/v1/funding/streams")).body.total;
    const fractional = await londonFinance.post<Problem>("/api/v1/funding/streams", {
      source: "pcc-fund",
      name: "Rural crime projects",
      recipientOrganisationId: "metropolitan",
      amounts: [{ financialYear: "2018/19", amountPence: 12.5 }],
    });
    expect(fractional.status).toBe(400);
    expect(fields(fractional.body)).toEqual(["amounts.0.amountPence"]);
    const badYear = await londonFinance.post<Problem>("/api/v1/funding/streams", {
      source: "pcc-fund",
      name: "Rural crime projects",
      recipientOrganisationId: "metropolitan",
      amounts: [{ financialYear: "2018/20", amountPence: 100 }],
    });
    expect(fields(badYear.body)).toEqual(["amounts.0.financialYear"]);
    const twice = await londonFinance.post<Problem>("/api/v1/funding/streams", {
      source: "pcc-fund",
      name: "Rural crime projects",
      recipientOrganisationId: "metropolitan",
      amounts: [
        { financialYear: "2018/19", amountPence: 100 },
        { financialYear: "2018/19", amountPence: 200 },
      ],
    });
    expect(fields(twice.body)).toEqual(["amounts.1.financialYear"]);
    const duplicateName = await londonFinance.post<Problem>("/api/v1/funding/streams", {
      source: "other",
      name: "cyber crime capability grant",
      recipientOrganisationId: "metropolitan",
      amounts: [{ financialYear: "2018/19", amountPence: 100 }],
    });
    expect(fields(duplicateName.body)).toEqual(["name"]);
    expect((await londonFinance.get<StreamPage>("/api/v1/funding/streams")).body.total).toBe(before);
  });

  it("replaces every year's amounts on update, and audits before and after", async () => {
    const updated = await londonFinance.patch<StreamView>(`/api/v1/funding/streams/${homeOfficeGrant.id}`, {
      amounts: [
        { financialYear: "2018/19", amountPence: pounds(250_000) },
        { financialYear: "2019/20", amountPence: pounds(200_000) },
      ],
    });
    expect(updated.status).toBe(200);
    expect(updated.body.totalPence).toBe(pounds(450_000));
    const audit = (await admin.get<AuditPage>(`/api/v1/audit?entityId=${homeOfficeGrant.id}`)).body.items;
    const change = audit.find((event) => event.action === "funding-stream.update");
    expect(change?.changes.amounts?.before).toEqual([
      { financialYear: "2018/19", amountPence: pounds(250_000) },
      { financialYear: "2019/20", amountPence: pounds(250_000) },
    ]);
    expect(Object.keys(change?.changes ?? {})).toEqual(["amounts"]);
  });

  it("lets only finance change money; board members read; others are refused", async () => {
    expect((await londonBoard.get(`/api/v1/funding/streams/${homeOfficeGrant.id}`)).status).toBe(200);
    expect(
      (await londonBoard.patch(`/api/v1/funding/streams/${homeOfficeGrant.id}`, { notes: "x" })).status,
    ).toBe(403);
    expect((await investigator.get("/api/v1/funding/streams")).status).toBe(403);
    // West Midlands finance sees nothing of London's money, and cannot give money to London.
    expect((await wmFinance.get(`/api/v1/funding/streams/${homeOfficeGrant.id}`)).status).toBe(404);
    const elsewhere = await wmFinance.post("/api/v1/funding/streams", {
      source: "pcc-fund",
      name: "Someone else's money",
      recipientOrganisationId: "metropolitan",
      amounts: [{ financialYear: "2018/19", amountPence: 100 }],
    });
    expect(elsewhere.status).toBe(403);
  });
});
