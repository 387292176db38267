import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisations } from "#src/db/schema.ts";
import type { BidView, DecisionView, PotView } from "#src/features/funding/bids-schema.ts";
import type { FormulaView, StreamView } from "#src/features/funding/schema.ts";
import type { Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

type Client = Awaited<ReturnType<TestApp["signedIn"]>>;
type Page<T> = { items: T[]; total: number };
type AuditPage = { items: { action: string }[]; total: number };

const pounds = (amount: number) => amount * 100;
const problem = (body: unknown) => body as Problem;
const fields = (body: Pick<Problem, "errors">) => (body.errors ?? []).map((error) => error.field).sort();

const worcestershire = "csp-test-worcestershire";
const warwickshireCsp = "csp-test-warwickshire";

describe.each(databaseKinds())("funding bids, decisions and pots on %s", (kind) => {
  let t: TestApp;
  let applicant: Client;
  let otherApplicant: Client;
  let board: Client;
  let allianceFinance: Client;
  let westMerciaFinance: Client;
  let admin: Client;
  let alliancePot: PotView;
  let decisionNumber = 0;

  const bidBody = (overrides: Record<string, unknown> = {}) => ({
    title: "Rural crime watch",
    purpose: "Farm watch schemes and trail cameras across south Worcestershire",
    strand: "prevent",
    crimeArea: "rural",
    forceAreas: ["west-mercia"],
    costs: [
      { financialYear: "2018/19", category: "staff", amountPence: pounds(30_000) },
      { financialYear: "2018/19", category: "equipment", amountPence: pounds(10_000) },
      { financialYear: "2019/20", category: "staff", amountPence: pounds(20_000) },
    ],
    ...overrides,
  });

  /** A bid drafted, submitted, reviewed and recommended. */
  async function recommendedBid(by: Client, overrides: Record<string, unknown> = {}, reviewer = board) {
    const created = await by.post<BidView>("/api/v1/funding/bids", bidBody(overrides));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const submitted = await by.post<BidView>(`/api/v1/funding/bids/${created.body.id}/submit`, {});
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    await reviewer.post(`/api/v1/funding/bids/${created.body.id}/review`, { status: "under-board-review" });
    const recommended = await reviewer.post<BidView>(`/api/v1/funding/bids/${created.body.id}/review`, {
      status: "recommended",
      reason: "Meets the panel's criteria",
    });
    expect(recommended.status, JSON.stringify(recommended.body)).toBe(200);
    return recommended.body;
  }

  const decide = (by: Client, bid: BidView, body: Record<string, unknown>) =>
    by.post<DecisionView>(`/api/v1/funding/bids/${bid.id}/decisions`, {
      reference: `PCD T${++decisionNumber}`,
      decidedOn: "2018-06-14",
      outcome: "approved",
      publishedSummary: "The commissioner approves the bid",
      ...body,
    });

  /** Amount lines giving exactly one office's share of a bid. */
  const shareOf = (bid: BidView, office: string) =>
    bid.shares
      .filter((share) => share.decisionMaker.id === office && share.amountPence > 0)
      .map((share) => ({ financialYear: share.financialYear, amountPence: share.amountPence }));

  beforeAll(async () => {
    t = await startTestApp(kind);
    // Community Safety Partnerships are not reference data: tests add their own.
    await t.database.db.insert(organisations).values([
      {
        id: worcestershire,
        name: "Test CSP Worcestershire",
        kind: "csp",
        forceId: "west-mercia",
        regionId: "west-midlands",
      },
      {
        id: warwickshireCsp,
        name: "Test CSP Warwickshire",
        kind: "csp",
        forceId: "warwickshire",
        regionId: "west-midlands",
      },
    ]);
    applicant = await t.signedIn({
      roles: ["applicant"],
      organisationId: worcestershire,
      clearance: "OFFICIAL",
    });
    otherApplicant = await t.signedIn({ roles: ["applicant"], organisationId: warwickshireCsp });
    board = await t.signedIn({ roles: ["board"], organisationId: "rocuwm", scope: "region" });
    allianceFinance = await t.signedIn({ roles: ["finance"], organisationId: "rocuwm", scope: "region" });
    westMerciaFinance = await t.signedIn({
      roles: ["finance"],
      organisationId: "west-mercia",
      scope: "force",
    });
    admin = await t.signedIn({ roles: ["admin"], scope: "national", clearance: "SECRET" });

    const alliance = await allianceFinance.post<FormulaView>("/api/v1/funding/formulas", {
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
    expect(alliance.status, JSON.stringify(alliance.body)).toBe(201);
    const pot = await allianceFinance.post<PotView>("/api/v1/funding/pots", {
      name: "Alliance rural, business and cyber crime fund",
      crimeAreas: ["rural", "business", "cyber"],
      contributorOrganisationIds: ["opcc-west-mercia", "opcc-warwickshire"],
      amounts: [
        { financialYear: "2018/19", amountPence: pounds(1_500_000) },
        { financialYear: "2019/20", amountPence: pounds(1_500_000) },
      ],
      decisionReference: "Alliance Governance Group 2018-02",
    });
    expect(pot.status, JSON.stringify(pot.body)).toBe(201);
    alliancePot = pot.body;
  });
  afterAll(() => t.close());

  it("knows commissioners' offices and partnerships as organisations, and a CSP applicant by its partnership", async () => {
    const listed = (
      await applicant.get<{ items: { id: string; kind: string; forceId: string | null }[] }>(
        "/api/v1/organisations",
      )
    ).body.items;
    expect(
      listed
        .filter((organisation) => organisation.kind === "opcc")
        .map((organisation) => organisation.id)
        .sort(),
    ).toEqual(["mopac", "opcc-warwickshire", "opcc-west-mercia"]);
    expect(listed.find((organisation) => organisation.id === worcestershire)).toMatchObject({
      kind: "csp",
      forceId: "west-mercia",
    });
    const me = (
      await applicant.get<{ organisation: { id: string; kind: string }; permissions: string[] }>("/api/v1/me")
    ).body;
    expect(me.organisation).toMatchObject({ id: worcestershire, kind: "csp" });
    expect(me.permissions).toEqual(expect.arrayContaining(["funding.bid", "funding.bids.read"]));
    expect(me.permissions).not.toContain("funding.read");
  });

  it("takes a CSP's bid from draft to closed: board recommends, the PCC approves from the pot, finance funds", async () => {
    const created = await applicant.post<BidView>("/api/v1/funding/bids", bidBody());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      status: "draft",
      applicant: { id: worcestershire, kind: "csp" },
      forceId: "west-mercia",
      total: "£60,000.00",
      shares: [],
    });
    expect(created.body.costsByYear.map((year) => [year.financialYear, year.amount])).toEqual([
      ["2018/19", "£40,000.00"],
      ["2019/20", "£20,000.00"],
    ]);
    const id = created.body.id;

    // The board cannot review a draft; the applicant submits it.
    expect(
      (await board.post(`/api/v1/funding/bids/${id}/review`, { status: "under-board-review" })).status,
    ).toBe(409);
    const submitted = await applicant.post<BidView>(`/api/v1/funding/bids/${id}/submit`, {});
    expect(submitted.body.status).toBe("submitted");
    // One force area: its commissioner pays it all.
    expect(submitted.body.formula).toBeNull();
    expect(
      submitted.body.shares.map((share) => [share.decisionMaker.id, share.financialYear, share.amount]),
    ).toEqual([
      ["opcc-west-mercia", "2018/19", "£40,000.00"],
      ["opcc-west-mercia", "2019/20", "£20,000.00"],
    ]);

    await board.post(`/api/v1/funding/bids/${id}/review`, { status: "under-board-review" });
    const recommended = await board.post<BidView>(`/api/v1/funding/bids/${id}/review`, {
      status: "recommended",
      reason: "Strong partnership support",
    });
    expect(recommended.body.status).toBe("recommended");

    const decision = await decide(westMerciaFinance, recommended.body, {
      decisionMakerOrganisationId: "opcc-west-mercia",
      amounts: shareOf(recommended.body, "opcc-west-mercia"),
      potId: alliancePot.id,
    });
    expect(decision.status, JSON.stringify(decision.body)).toBe(201);
    expect(decision.body).toMatchObject({
      total: "£60,000.00",
      pot: { id: alliancePot.id },
      outcome: "approved",
    });

    const approved = (await applicant.get<BidView>(`/api/v1/funding/bids/${id}`)).body;
    expect(approved.status).toBe("approved");
    const pot = (await board.get<PotView>(`/api/v1/funding/pots/${alliancePot.id}`)).body;
    expect(pot.amounts.map((year) => [year.financialYear, year.committed, year.remaining])).toEqual([
      ["2018/19", "£40,000.00", "£1,460,000.00"],
      ["2019/20", "£20,000.00", "£1,480,000.00"],
    ]);

    // Approved is not the end: it is funded first, and closing says why.
    expect(
      (
        await westMerciaFinance.post(`/api/v1/funding/bids/${id}/status`, {
          status: "closed",
          reason: "Done",
        })
      ).status,
    ).toBe(409);
    await westMerciaFinance.post(`/api/v1/funding/bids/${id}/status`, { status: "funded" });
    expect(
      (await westMerciaFinance.post(`/api/v1/funding/bids/${id}/status`, { status: "closed" })).status,
    ).toBe(400);
    const closed = await westMerciaFinance.post<BidView>(`/api/v1/funding/bids/${id}/status`, {
      status: "closed",
      reason: "Project delivered; final report received",
    });
    expect(closed.body.status).toBe("closed");
    // Every step: who, when and why.
    expect(closed.body.history.map((step) => [step.action, step.toStatus, step.reason])).toEqual([
      ["create", "draft", ""],
      ["submit", "submitted", ""],
      ["start-review", "under-board-review", ""],
      ["recommend", "recommended", "Strong partnership support"],
      ["decide", "approved", decision.body.reference],
      ["fund", "funded", ""],
      ["close", "closed", "Project delivered; final report received"],
    ]);
    expect(closed.body.history.every((step) => step.actor.name !== "" && step.occurredAt !== "")).toBe(true);
    const audit = (await admin.get<AuditPage>(`/api/v1/audit?entityId=${id}`)).body.items.map(
      (event) => event.action,
    );
    expect(audit.sort()).toEqual(
      [
        "funding-bid.create",
        "funding-bid.submit",
        "funding-bid.start-review",
        "funding-bid.recommend",
        "funding-bid.decide",
        "funding-bid.fund",
        "funding-bid.close",
      ].sort(),
    );
  });

  it("splits an alliance-wide £100,000 bid £69,000 / £31,000 and each PCC decides its share", async () => {
    const bid = await recommendedBid(applicant, {
      title: "Alliance cyber protect campaign",
      crimeArea: "cyber",
      strand: "protect",
      forceAreas: ["warwickshire", "west-mercia"],
      costs: [{ financialYear: "2018/19", category: "communications", amountPence: pounds(100_000) }],
    });
    expect(bid.formula?.name).toBe("The Alliance (West Mercia and Warwickshire)");
    expect(bid.shares.map((share) => [share.decisionMaker.id, share.amount])).toEqual([
      ["opcc-warwickshire", "£31,000.00"],
      ["opcc-west-mercia", "£69,000.00"],
    ]);

    // Each office decides exactly its own share; West Mercia's finance cannot decide Warwickshire's.
    const wrongAmount = await decide(allianceFinance, bid, {
      decisionMakerOrganisationId: "opcc-warwickshire",
      amounts: [{ financialYear: "2018/19", amountPence: pounds(69_000) }],
    });
    expect(wrongAmount.status).toBe(400);
    expect(problem(wrongAmount.body).detail).toContain(
      "share in 2018/19 is £31,000.00; the amounts give £69,000.00",
    );
    const outOfScope = await decide(westMerciaFinance, bid, {
      decisionMakerOrganisationId: "opcc-warwickshire",
      amounts: shareOf(bid, "opcc-warwickshire"),
    });
    expect(outOfScope.status).toBe(403);

    const first = await decide(westMerciaFinance, bid, {
      decisionMakerOrganisationId: "opcc-west-mercia",
      amounts: shareOf(bid, "opcc-west-mercia"),
      potId: alliancePot.id,
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect((await board.get<BidView>(`/api/v1/funding/bids/${bid.id}`)).body.status).toBe("recommended");
    const again = await decide(allianceFinance, bid, {
      decisionMakerOrganisationId: "opcc-west-mercia",
      amounts: shareOf(bid, "opcc-west-mercia"),
    });
    expect(fields(problem(again.body))).toEqual(["decisionMakerOrganisationId"]);

    const second = await decide(allianceFinance, bid, {
      decisionMakerOrganisationId: "opcc-warwickshire",
      outcome: "approved-with-conditions",
      conditions: "Quarterly reach figures to the Warwickshire Police and Crime Panel",
      amounts: shareOf(bid, "opcc-warwickshire"),
      potId: alliancePot.id,
    });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const settled = (await board.get<BidView>(`/api/v1/funding/bids/${bid.id}`)).body;
    expect(settled.status).toBe("approved-with-conditions");
    expect(settled.decisions.map((decision) => decision.decisionMaker.id).sort()).toEqual([
      "opcc-warwickshire",
      "opcc-west-mercia",
    ]);
  });

  it("declines a bid when one PCC declines its share, releasing the other's draw on the pot", async () => {
    const bid = await recommendedBid(applicant, {
      title: "Alliance business crime advisers",
      crimeArea: "business",
      forceAreas: ["west-mercia", "warwickshire"],
      costs: [{ financialYear: "2019/20", category: "staff", amountPence: pounds(50_000) }],
    });
    const before = (await board.get<PotView>(`/api/v1/funding/pots/${alliancePot.id}`)).body;
    await decide(allianceFinance, bid, {
      decisionMakerOrganisationId: "opcc-west-mercia",
      amounts: shareOf(bid, "opcc-west-mercia"),
      potId: alliancePot.id,
    });
    const during = (await board.get<PotView>(`/api/v1/funding/pots/${alliancePot.id}`)).body;
    expect((before.amounts[1]?.remainingPence ?? 0) - (during.amounts[1]?.remainingPence ?? 0)).toBe(
      pounds(34_500),
    );

    const declined = await decide(allianceFinance, bid, {
      decisionMakerOrganisationId: "opcc-warwickshire",
      outcome: "declined",
      publishedSummary: "The commissioner declines: the work duplicates an existing scheme",
    });
    expect(declined.status, JSON.stringify(declined.body)).toBe(201);
    expect((await board.get<BidView>(`/api/v1/funding/bids/${bid.id}`)).body.status).toBe("declined");
    const after = (await board.get<PotView>(`/api/v1/funding/pots/${alliancePot.id}`)).body;
    expect(after.amounts).toEqual(before.amounts);
  });

  it("approves less than a share only with conditions, never more, and the pot is drawn by what is given", async () => {
    const bid = await recommendedBid(applicant, {
      title: "Rural crime drone pilots",
      costs: [
        { financialYear: "2018/19", category: "equipment", amountPence: pounds(40_000) },
        { financialYear: "2019/20", category: "training", amountPence: pounds(10_000) },
      ],
    });
    const reduced = [
      { financialYear: "2018/19", amountPence: pounds(25_000) },
      { financialYear: "2019/20", amountPence: pounds(10_000) },
    ];
    const plainApproval = await decide(westMerciaFinance, bid, {
      decisionMakerOrganisationId: "opcc-west-mercia",
      amounts: reduced,
    });
    expect(plainApproval.status).toBe(400);
    expect(problem(plainApproval.body).detail).toContain(
      "share in 2018/19 is £40,000.00; the amounts give £25,000.00. Approving less than asked is an approval with conditions",
    );
    const tooMuch = await decide(westMerciaFinance, bid, {
      decisionMakerOrganisationId: "opcc-west-mercia",
      outcome: "approved-with-conditions",
      conditions: "Two drones, not three",
      amounts: [{ financialYear: "2018/19", amountPence: pounds(45_000) }, reduced[1]],
    });
    expect(problem(tooMuch.body).detail).toContain("the amounts give £45,000.00, more than asked");
    const nothing = await decide(westMerciaFinance, bid, {
      decisionMakerOrganisationId: "opcc-west-mercia",
      outcome: "approved-with-conditions",
      conditions: "Nothing this year",
      amounts: [],
    });
    expect(problem(nothing.body).detail).toContain("An approval gives some money");

    const before = (await board.get<PotView>(`/api/v1/funding/pots/${alliancePot.id}`)).body;
    const partial = await decide(westMerciaFinance, bid, {
      decisionMakerOrganisationId: "opcc-west-mercia",
      outcome: "approved-with-conditions",
      conditions: "Two drones, not three; the training as asked",
      amounts: reduced,
      potId: alliancePot.id,
    });
    expect(partial.status, JSON.stringify(partial.body)).toBe(201);
    expect((await board.get<BidView>(`/api/v1/funding/bids/${bid.id}`)).body.status).toBe(
      "approved-with-conditions",
    );
    const after = (await board.get<PotView>(`/api/v1/funding/pots/${alliancePot.id}`)).body;
    expect((before.amounts[0]?.remainingPence ?? 0) - (after.amounts[0]?.remainingPence ?? 0)).toBe(
      pounds(25_000),
    );
    expect((before.amounts[1]?.remainingPence ?? 0) - (after.amounts[1]?.remainingPence ?? 0)).toBe(
      pounds(10_000),
    );
  });

  it("refuses a bid across areas with no commissioner's office or no formula, naming them", async () => {
    const noOffice = await applicant.post<BidView>(
      "/api/v1/funding/bids",
      bidBody({ forceAreas: ["west-mercia", "staffordshire"] }),
    );
    const refused = await applicant.post(`/api/v1/funding/bids/${noOffice.body.id}/submit`, {});
    expect(refused.status).toBe(400);
    expect(problem(refused.body).errors?.[0]).toEqual({
      field: "forceAreas",
      message:
        "No Office of the Police and Crime Commissioner is recorded for Staffordshire: an administrator must add it before the bid is submitted",
    });

    const noFormula = await applicant.post<BidView>(
      "/api/v1/funding/bids",
      bidBody({ forceAreas: ["west-mercia", "metropolitan"] }),
    );
    const unsplit = await applicant.post(`/api/v1/funding/bids/${noFormula.body.id}/submit`, {});
    expect(unsplit.status).toBe(400);
    expect(problem(unsplit.body).detail).toMatch(
      /^No cost-sharing formula is paid by exactly Metropolitan Police and West Mercia: finance must record one, or bid for each force area separately$/,
    );
    // Nothing moved: the bid is still a draft.
    expect((await applicant.get<BidView>(`/api/v1/funding/bids/${noFormula.body.id}`)).body.status).toBe(
      "draft",
    );

    // The Alliance formula has no shares before 2018/19.
    const early = await applicant.post<BidView>(
      "/api/v1/funding/bids",
      bidBody({
        forceAreas: ["west-mercia", "warwickshire"],
        costs: [{ financialYear: "2017/18", category: "staff", amountPence: pounds(1_000) }],
      }),
    );
    const tooEarly = await applicant.post(`/api/v1/funding/bids/${early.body.id}/submit`, {});
    expect(problem(tooEarly.body).detail).toContain("with shares for 2017/18");
  });

  it("refuses to commit more than a pot holds, naming the pot, year and what is left, and writes nothing", async () => {
    const small = await allianceFinance.post<PotView>("/api/v1/funding/pots", {
      name: "West Mercia rural crime pot",
      crimeAreas: ["rural"],
      contributorOrganisationIds: ["opcc-west-mercia"],
      amounts: [{ financialYear: "2018/19", amountPence: pounds(300_000) }],
    });
    expect(small.status, JSON.stringify(small.body)).toBe(201);
    const oneYear = (amount: number) => ({
      costs: [{ financialYear: "2018/19", category: "equipment", amountPence: pounds(amount) }],
    });
    const first = await recommendedBid(applicant, { title: "Trail cameras", ...oneYear(180_000) });
    const drawn = await decide(allianceFinance, first, {
      decisionMakerOrganisationId: "opcc-west-mercia",
      amounts: shareOf(first, "opcc-west-mercia"),
      potId: small.body.id,
    });
    expect(drawn.status).toBe(201);

    const second = await recommendedBid(applicant, { title: "Drones for rural teams", ...oneYear(150_000) });
    const auditBefore = (await admin.get<AuditPage>("/api/v1/audit?pageSize=1")).body.total;
    const refused = await decide(allianceFinance, second, {
      reference: "PCD OVER",
      decisionMakerOrganisationId: "opcc-west-mercia",
      amounts: shareOf(second, "opcc-west-mercia"),
      potId: small.body.id,
    });
    expect(refused.status).toBe(409);
    expect(problem(refused.body).detail).toBe(
      "West Mercia rural crime pot has £120,000.00 left in 2018/19; this decision needs £150,000.00",
    );
    expect(fields(problem(refused.body))).toEqual(["potId"]);
    // No partial write: no decision, the bid still recommended, the pot as it was, nothing audited.
    const decisions = (
      await allianceFinance.get<Page<DecisionView>>(`/api/v1/funding/decisions?bidId=${second.id}`)
    ).body;
    expect(decisions.total).toBe(0);
    expect((await board.get<BidView>(`/api/v1/funding/bids/${second.id}`)).body.status).toBe("recommended");
    const pot = (await board.get<PotView>(`/api/v1/funding/pots/${small.body.id}`)).body;
    expect(pot.amounts[0]?.remaining).toBe("£120,000.00");
    expect((await admin.get<AuditPage>("/api/v1/audit?pageSize=1")).body.total).toBe(auditBefore);

    // A pot for rural crime pays for no other kind of project; a year it has no money for is named too.
    const cyber = await recommendedBid(applicant, {
      title: "Cyber clinic",
      crimeArea: "cyber",
      ...oneYear(1_000),
    });
    const wrongArea = await decide(allianceFinance, cyber, {
      decisionMakerOrganisationId: "opcc-west-mercia",
      amounts: shareOf(cyber, "opcc-west-mercia"),
      potId: small.body.id,
    });
    expect(problem(wrongArea.body).detail).toBe(
      "West Mercia rural crime pot pays for rural crime projects; this bid is cyber",
    );
    const later = await recommendedBid(applicant, {
      title: "Next year's farm watch",
      costs: [{ financialYear: "2019/20", category: "staff", amountPence: pounds(1_000) }],
    });
    const noMoney = await decide(allianceFinance, later, {
      decisionMakerOrganisationId: "opcc-west-mercia",
      amounts: shareOf(later, "opcc-west-mercia"),
      potId: small.body.id,
    });
    expect(problem(noMoney.body).detail).toBe(
      "West Mercia rural crime pot has no money set aside for 2019/20; this decision needs £1,000.00",
    );
  });

  it("changes a pot's money, never below what approvals have committed, audited before and after", async () => {
    const created = await allianceFinance.post<PotView>("/api/v1/funding/pots", {
      name: "Warwickshire business crime pot",
      crimeAreas: ["business"],
      contributorOrganisationIds: ["opcc-warwickshire"],
      amounts: [
        { financialYear: "2018/19", amountPence: pounds(100_000) },
        { financialYear: "2019/20", amountPence: pounds(100_000) },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const bid = await recommendedBid(applicant, {
      title: "Business crime advisers for Warwickshire",
      crimeArea: "business",
      forceAreas: ["warwickshire"],
      costs: [{ financialYear: "2018/19", category: "staff", amountPence: pounds(60_000) }],
    });
    const approved = await decide(allianceFinance, bid, {
      decisionMakerOrganisationId: "opcc-warwickshire",
      amounts: shareOf(bid, "opcc-warwickshire"),
      potId: created.body.id,
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    const path = `/api/v1/funding/pots/${created.body.id}`;

    const belowCommitted = await allianceFinance.patch<Problem>(path, {
      amounts: [
        { financialYear: "2018/19", amountPence: pounds(50_000) },
        { financialYear: "2019/20", amountPence: pounds(100_000) },
      ],
    });
    expect(belowCommitted.status).toBe(400);
    expect(problem(belowCommitted.body).errors).toEqual([
      {
        field: "amounts.0.amountPence",
        message: "2018/19 cannot be less than £60,000.00: approvals have committed £60,000.00 of it",
      },
    ]);
    const dropped = await allianceFinance.patch<Problem>(path, {
      amounts: [{ financialYear: "2019/20", amountPence: pounds(100_000) }],
    });
    expect(fields(problem(dropped.body))).toEqual(["amounts"]);
    expect((await board.get<PotView>(path)).body.amounts.map((amount) => amount.amount)).toEqual([
      "£100,000.00",
      "£100,000.00",
    ]);

    const changed = await allianceFinance.patch<PotView>(path, {
      name: "Warwickshire business and rural crime pot",
      amounts: [
        { financialYear: "2018/19", amountPence: pounds(60_000) },
        { financialYear: "2020/21", amountPence: pounds(80_000) },
      ],
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.name).toBe("Warwickshire business and rural crime pot");
    expect(
      changed.body.amounts.map((amount) => [
        amount.financialYear,
        amount.amount,
        amount.committed,
        amount.remaining,
      ]),
    ).toEqual([
      ["2018/19", "£60,000.00", "£60,000.00", "£0.00"],
      ["2020/21", "£80,000.00", "£0.00", "£80,000.00"],
    ]);
    const audit = await admin.get<{ items: { action: string; changes: Record<string, unknown> }[] }>(
      `/api/v1/audit?entityId=${created.body.id}`,
    );
    const update = audit.body.items.find((event) => event.action === "funding-pot.update");
    expect(update?.changes.amounts).toEqual({
      before: [
        { financialYear: "2018/19", amountPence: pounds(100_000) },
        { financialYear: "2019/20", amountPence: pounds(100_000) },
      ],
      after: [
        { financialYear: "2018/19", amountPence: pounds(60_000) },
        { financialYear: "2020/21", amountPence: pounds(80_000) },
      ],
    });
    const byBoard = await board.patch<Problem>(path, { notes: "The board may not change money" });
    expect(byBoard.status).toBe(403);
  });

  it("keeps draws on a pot within it when two approvals race", async () => {
    const tight = await allianceFinance.post<PotView>("/api/v1/funding/pots", {
      name: "Race pot",
      contributorOrganisationIds: ["opcc-west-mercia"],
      amounts: [{ financialYear: "2018/19", amountPence: pounds(100_000) }],
    });
    const oneYear = { costs: [{ financialYear: "2018/19", category: "staff", amountPence: pounds(60_000) }] };
    const a = await recommendedBid(applicant, { title: "Race A", ...oneYear });
    const b = await recommendedBid(applicant, { title: "Race B", ...oneYear });
    const results = await Promise.all(
      [a, b].map((bid) =>
        decide(allianceFinance, bid, {
          decisionMakerOrganisationId: "opcc-west-mercia",
          amounts: shareOf(bid, "opcc-west-mercia"),
          potId: tight.body.id,
        }),
      ),
    );
    expect(results.map((result) => result.status).sort()).toEqual([201, 409]);
    const pot = (await board.get<PotView>(`/api/v1/funding/pots/${tight.body.id}`)).body;
    expect(pot.amounts[0]?.remaining).toBe("£40,000.00");
  });

  it("records decision PCD 510 as £250,000 + £250,000 of Home Office grant and £120,000 PTF: £620,000", async () => {
    const londonFinance = await t.signedIn({
      roles: ["finance"],
      organisationId: "metropolitan",
      scope: "force",
    });
    const londonUnit = await t.signedIn({
      roles: ["supervisor"],
      organisationId: "metropolitan",
      scope: "force",
    });
    const londonBoard = await t.signedIn({
      roles: ["board"],
      organisationId: "metropolitan",
      scope: "force",
    });
    const stream = async (body: Record<string, unknown>) => {
      const created = await londonFinance.post<StreamView>("/api/v1/funding/streams", {
        recipientOrganisationId: "metropolitan",
        decisionReference: "PCD 510",
        ...body,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return created.body;
    };
    const grant = await stream({
      source: "home-office-specific-grant",
      name: "Cyber crime capability grant",
      amounts: [
        { financialYear: "2018/19", amountPence: pounds(250_000) },
        { financialYear: "2019/20", amountPence: pounds(250_000) },
      ],
    });
    const ptf = await stream({
      source: "police-transformation-fund",
      name: "Police Transformation Fund: cyber-dependent crime posts",
      amounts: [{ financialYear: "2018/19", amountPence: pounds(120_000) }],
    });
    const bid = await recommendedBid(
      londonUnit,
      {
        title: "Cyber crime capability",
        purpose: "Investigators and equipment for cyber-dependent crime",
        strand: "pursue",
        crimeArea: "cyber",
        forceAreas: ["metropolitan"],
        costs: [
          { financialYear: "2018/19", category: "staff", amountPence: pounds(300_000) },
          { financialYear: "2018/19", category: "hardware", amountPence: pounds(70_000) },
          { financialYear: "2019/20", category: "staff", amountPence: pounds(250_000) },
        ],
      },
      londonBoard,
    );
    const decision = await decide(londonFinance, bid, {
      reference: "PCD 510",
      decisionMakerOrganisationId: "mopac",
      decidedOn: "2018-12-20",
      amounts: [
        { financialYear: "2018/19", amountPence: pounds(250_000), fundingStreamId: grant.id },
        { financialYear: "2019/20", amountPence: pounds(250_000), fundingStreamId: grant.id },
        { financialYear: "2018/19", amountPence: pounds(120_000), fundingStreamId: ptf.id },
      ],
      publishedSummary: "Accepts a Home Office grant over two years and a Police Transformation Fund bid",
    });
    expect(decision.status, JSON.stringify(decision.body)).toBe(201);
    expect(decision.body).toMatchObject({
      reference: "PCD 510",
      decisionMaker: { id: "mopac" },
      decidedOn: "2018-12-20",
      totalPence: pounds(620_000),
      total: "£620,000.00",
    });
    expect(decision.body.amounts.map((line) => line.fundingStream?.name)).toEqual([
      "Cyber crime capability grant",
      "Cyber crime capability grant",
      "Police Transformation Fund: cyber-dependent crime posts",
    ]);
    const all = (
      await londonFinance.get<Page<DecisionView> & { sum: string }>("/api/v1/funding/decisions?q=PCD%20510")
    ).body;
    expect([all.total, all.sum]).toEqual([1, "£620,000.00"]);
    const firstYear = (
      await londonBoard.get<{ sum: string }>("/api/v1/funding/decisions?q=PCD%20510&financialYear=2018/19")
    ).body;
    expect(firstYear.sum).toBe("£370,000.00");
    expect((await londonBoard.get<BidView>(`/api/v1/funding/bids/${bid.id}`)).body.status).toBe("approved");

    // A reference is unique, whatever its case.
    const other = await recommendedBid(londonUnit, { forceAreas: ["metropolitan"] }, londonBoard);
    const clash = await decide(londonFinance, other, {
      reference: "pcd 510",
      decisionMakerOrganisationId: "mopac",
      amounts: shareOf(other, "mopac"),
    });
    expect(fields(problem(clash.body))).toEqual(["reference"]);
  });

  it("sends a bid back for more information, and takes it again once edited, saying what changed", async () => {
    const created = await applicant.post<BidView>(
      "/api/v1/funding/bids",
      bidBody({ title: "Rural crime app" }),
    );
    const id = created.body.id;
    await applicant.post(`/api/v1/funding/bids/${id}/submit`, {});
    // Submitted: the applicant can no longer change it.
    expect((await applicant.patch(`/api/v1/funding/bids/${id}`, { title: "Changed" })).status).toBe(409);
    await board.post(`/api/v1/funding/bids/${id}/review`, { status: "under-board-review" });
    const noReason = await board.post(`/api/v1/funding/bids/${id}/review`, {
      status: "more-information-requested",
    });
    expect(fields(problem(noReason.body))).toEqual(["reason"]);
    await board.post(`/api/v1/funding/bids/${id}/review`, {
      status: "more-information-requested",
      reason: "Give the 2019/20 costs by category",
    });
    const edited = await applicant.patch<BidView>(`/api/v1/funding/bids/${id}`, {
      costs: [{ financialYear: "2018/19", category: "software", amountPence: pounds(12_000) }],
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect((await applicant.post(`/api/v1/funding/bids/${id}/submit`, {})).status).toBe(400);
    const again = await applicant.post<BidView>(`/api/v1/funding/bids/${id}/submit`, {
      reason: "One year of software only",
    });
    expect(again.body.status).toBe("submitted");
    expect(again.body.shares.map((share) => share.amount)).toEqual(["£12,000.00"]);
    expect(again.body.history.map((step) => step.action)).toEqual([
      "create",
      "submit",
      "start-review",
      "request-information",
      "resubmit",
    ]);
  });

  it("shows a CSP only its own organisation's bids, filtering in the list", async () => {
    const mine = await otherApplicant.post<BidView>(
      "/api/v1/funding/bids",
      bidBody({ title: "Warwickshire rural watch", forceAreas: ["warwickshire"] }),
    );
    expect(mine.status).toBe(201);
    const theirs = (await otherApplicant.get<Page<BidView>>("/api/v1/funding/bids?pageSize=200")).body;
    expect(theirs.items.map((bid) => bid.applicant.id)).toEqual([warwickshireCsp]);
    expect(theirs.total).toBe(1);
    const worcs = (await applicant.get<Page<BidView>>("/api/v1/funding/bids?pageSize=200")).body;
    expect(worcs.total).toBeGreaterThan(1);
    expect(worcs.items.every((bid) => bid.applicant.id === worcestershire)).toBe(true);
    // Another CSP's bid does not exist for them, even though it covers their force area.
    const alliance = worcs.items.find((bid) => bid.forceAreas.some((area) => area.id === "warwickshire"));
    expect(alliance).toBeDefined();
    expect((await otherApplicant.get(`/api/v1/funding/bids/${alliance?.id}`)).status).toBe(404);
    // The board reads every bid in its region; filters and sorting apply.
    const rural = (await board.get<Page<BidView>>("/api/v1/funding/bids?crimeArea=cyber&sort=title")).body;
    expect(rural.items.every((bid) => bid.crimeArea === "cyber")).toBe(true);
    expect(rural.items.map((bid) => bid.title)).toEqual([...rural.items.map((bid) => bid.title)].sort());
  });

  it("lets only finance change money, and only the board record its review", async () => {
    const bid = await recommendedBid(applicant, { title: "Permissions test" });
    const body = {
      reference: "PCD PERM",
      decisionMakerOrganisationId: "opcc-west-mercia",
      decidedOn: "2018-06-14",
      outcome: "approved",
      amounts: shareOf(bid, "opcc-west-mercia"),
      publishedSummary: "Approved",
    };
    for (const client of [applicant, board]) {
      expect((await client.post(`/api/v1/funding/bids/${bid.id}/decisions`, body)).status).toBe(403);
      expect(
        (
          await client.post("/api/v1/funding/pots", {
            name: "Not allowed",
            contributorOrganisationIds: ["opcc-west-mercia"],
            amounts: [{ financialYear: "2018/19", amountPence: 1 }],
          })
        ).status,
      ).toBe(403);
      expect((await client.post(`/api/v1/funding/bids/${bid.id}/status`, { status: "funded" })).status).toBe(
        403,
      );
    }
    // Applicants neither review nor see pots and decisions; finance does not review.
    const draft = await applicant.post<BidView>("/api/v1/funding/bids", bidBody());
    await applicant.post(`/api/v1/funding/bids/${draft.body.id}/submit`, {});
    for (const client of [applicant, allianceFinance]) {
      expect(
        (await client.post(`/api/v1/funding/bids/${draft.body.id}/review`, { status: "under-board-review" }))
          .status,
      ).toBe(403);
    }
    expect((await applicant.get("/api/v1/funding/pots")).status).toBe(403);
    expect((await applicant.get("/api/v1/funding/decisions")).status).toBe(403);
    // The board cannot draft bids for others, and nobody changes another organisation's bid.
    expect((await board.post("/api/v1/funding/bids", bidBody())).status).toBe(403);
    expect(
      (await otherApplicant.patch(`/api/v1/funding/bids/${draft.body.id}`, { title: "Mine now" })).status,
    ).toBe(404);
  });
  it("names each bad field of a bid, and refuses a split two formulas could make", async () => {
    const bad = await applicant.post("/api/v1/funding/bids", {
      ...bidBody(),
      forceAreas: ["west-mercia", "atlantis", "west-mercia"],
      costs: [
        { financialYear: "2018/19", category: "staff", amountPence: pounds(1_000) },
        { financialYear: "2018/19", category: "staff", amountPence: pounds(2_000) },
      ],
    });
    expect(bad.status).toBe(400);
    expect(fields(problem(bad.body))).toEqual(["costs.1", "forceAreas.1", "forceAreas.2"]);
    const invalid = await applicant.post("/api/v1/funding/bids", {
      ...bidBody(),
      strand: "pursuit",
      costs: [],
    });
    expect(fields(problem(invalid.body))).toEqual(["costs", "strand"]);

    // Run last: a second formula with the Alliance's parties makes every alliance-wide split ambiguous.
    const duplicate = await allianceFinance.post("/api/v1/funding/formulas", {
      name: "Alliance ICT shared service",
      scopeDescription: "Alliance ICT",
      ownerOrganisationId: "west-mercia",
      financialYear: "2018/19",
      decisionReference: "Alliance Governance Group 2018-04",
      parts: [
        { partyOrganisationId: "west-mercia", shareBasisPoints: 5_000 },
        { partyOrganisationId: "warwickshire", shareBasisPoints: 5_000 },
      ],
    });
    expect(duplicate.status).toBe(201);
    const draft = await applicant.post<BidView>(
      "/api/v1/funding/bids",
      bidBody({ forceAreas: ["west-mercia", "warwickshire"] }),
    );
    const ambiguous = await applicant.post(`/api/v1/funding/bids/${draft.body.id}/submit`, {});
    expect(problem(ambiguous.body).detail).toBe(
      "Several cost-sharing formulas are paid by exactly Warwickshire and West Mercia (Alliance ICT shared service and The Alliance (West Mercia and Warwickshire)): finance must keep one",
    );
  });
});
