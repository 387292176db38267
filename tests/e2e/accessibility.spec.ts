import { expect, type Page, type PlaywrightWorkerArgs, test } from "@playwright/test";
import {
  type AxeFinding,
  apiSignIn,
  DEMO_PASSWORD,
  screenshot,
  seriousAxeFindings,
  signInAs,
  signInAsAdmin,
  signInAsAnalyst,
  skipWithoutChromium,
  uniqueSuffix,
  VIEWPORTS,
} from "./helpers.ts";

skipWithoutChromium();

/** axe-core and a screenshot at 1366×768 and at 390×844, collecting serious and critical findings. */
function checker(page: Page, findings: AxeFinding[]): (name: string) => Promise<void> {
  return async (name) => {
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      findings.push(...(await seriousAxeFindings(page, `${name} (${viewport.name})`)));
      await screenshot(page, `${name}-${viewport.name}`);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  };
}

/**
 * A test that visits pages, checking each with `check`, and fails listing every serious or
 * critical finding at the end, so that one run reports them all.
 */
function axeTest(
  title: string,
  timeout: number,
  body: (
    fixtures: { page: Page; playwright: PlaywrightWorkerArgs["playwright"]; baseURL: string | undefined },
    check: (name: string) => Promise<void>,
  ) => Promise<void>,
): void {
  test(title, async ({ page, playwright, baseURL }) => {
    test.setTimeout(timeout);
    await page.setViewportSize({ width: 1366, height: 768 });
    const findings: AxeFinding[] = [];
    await body({ page, playwright, baseURL }, checker(page, findings));
    expect(findings, findings.map((f) => `${f.page}: ${f.id} (${f.impact}) ${f.help}`).join("\n")).toEqual(
      [],
    );
  });
}

async function settle(page: Page, heading: string | RegExp): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expect(page.locator(".rocu-loading")).toHaveCount(0);
}

axeTest(
  "main pages have no serious or critical axe findings, at desktop and mobile widths",
  180_000,
  async ({ page }, check) => {
    await page.goto("/login");
    await settle(page, "Sign in to ROCU Hub");
    await check("login");

    await signInAsAdmin(page);
    await settle(page, /Welcome to ROCU Hub/);
    await check("home");

    // Administrators read no referrals: the Cyber crime area opens on its dashboard of counts.
    await page.goto("/cyber-crime");
    await settle(page, "Cyber crime dashboard");
    await check("cyber-dashboard");

    // Reports is still to come; Funding is open to funding.read holders only (its pages are checked below).
    await page.goto("/reports");
    await settle(page, "Reports");
    await expect(page).toHaveTitle("Reports – ROCU Hub");
    await check("area-reports");

    await page.goto("/account");
    await settle(page, "My account");
    await check("account");

    await page.goto("/admin");
    await settle(page, "Admin");
    await check("admin");

    await page.goto("/admin/users");
    await settle(page, "Users");
    await check("users");

    await page.goto("/admin/users/new");
    await settle(page, "Create a user");
    await check("user-create");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await check("user-create-errors");

    await page.goto("/admin/users?q=analyst%40demo.rocu.test");
    await page.getByRole("row").nth(1).getByRole("link").first().click();
    await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toBeVisible();
    await expect(page.locator(".rocu-loading")).toHaveCount(0);
    await check("user-detail");

    await page.goto("/admin/audit");
    await settle(page, "Audit log");
    await page.getByRole("button", { name: "Verify chain" }).click();
    await expect(page.getByTestId("verify-result")).toContainText(/Intact|broken/);
    const changes = page.getByTestId("audit-row").locator("summary");
    if ((await changes.count()) > 0) await changes.first().click();
    await check("audit");

    await page.goto("/admin/unit-types");
    await settle(page, "Organisation unit types");
    await check("unit-types");

    await page.goto("/admin/organisations");
    await settle(page, "Organisations");
    await page.getByRole("button", { name: "Add organisation" }).click();
    await check("organisations-with-errors");

    await page.goto("/not-a-real-page");
    await settle(page, "Page not found");
    await check("not-found");
  },
);

axeTest(
  "organised crime pages have no serious or critical axe findings, at desktop and mobile widths",
  180_000,
  async ({ page }, check) => {
    await signInAsAnalyst(page);

    // A scored group with an overdue action, made through the API as the analyst.
    const csrf = async () =>
      ((await (await page.request.get("/api/v1/auth/csrf")).json()) as { token: string }).token;
    const post = async (path: string, data: unknown) => {
      const response = await page.request.post(`/api/v1${path}`, {
        data,
        headers: { "x-csrf-token": await csrf() },
      });
      expect(response.status(), await response.text()).toBeLessThan(300);
      return (await response.json()) as { id: string; reference: string };
    };
    const ocg = await post("/ocgs", {
      name: `Axe check group ${uniqueSuffix()}`,
      aliases: ["The Checkers"],
      leadForceId: "west-midlands",
      level: "regional",
      primaryCrimeType: "drugs-supply",
      secondaryCrimeTypes: ["firearms", "money-laundering"],
      forcesAffected: ["warwickshire"],
      areasAffected: "Birmingham city centre, Coventry",
      estimatedSize: 9,
      classification: "OFFICIAL-SENSITIVE",
    });
    await post(`/ocgs/${ocg.id}/plan-actions`, {
      strand: "pursue",
      description: "Financial investigation into the group's cash businesses",
      owner: "ROCU financial investigation unit",
      dueOn: "2024-03-31",
    });
    await post(`/ocgs/${ocg.id}/plan-actions`, {
      strand: "protect",
      description: "Visit car washes suspected of labour exploitation",
      owner: "Partnership team",
      dueOn: "2099-06-30",
    });
    const models = (await (await page.request.get("/api/v1/scoring-models")).json()) as {
      items: { status: string; definition: { dimensions: { key: string; scale: { value: number }[] }[] } }[];
    };
    const active = models.items.find((model) => model.status === "active");
    const ratings = Object.fromEntries(
      (active?.definition.dimensions ?? []).map((dimension, index) => [
        dimension.key,
        {
          value: dimension.scale[Math.min(dimension.scale.length - 1, 1 + (index % 3))]?.value ?? 0,
          rationale: "Corroborated by two sources.",
        },
      ]),
    );
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
    const first = await post(`/ocgs/${ocg.id}/assessments`, { assessedOn: today, ratings });
    await post(`/assessments/${first.id}/finalise`, {});

    await page.goto("/organised-crime");
    await settle(page, "Organised crime groups");
    await check("ocg-list");

    await page.goto("/organised-crime/ocgs/new");
    await settle(page, "Record an organised crime group");
    await check("ocg-create");
    await page.getByRole("button", { name: "Record the OCG" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await check("ocg-create-errors");

    await page.goto(`/organised-crime/ocgs/${ocg.id}`);
    await settle(page, /Axe check group/);
    await expect(page.getByTestId("assessment-row")).toHaveCount(1);
    await expect(page.getByTestId("timeline")).toBeVisible();
    await check("ocg-detail");
    await page.getByRole("button", { name: "Change status" }).click();
    await page.getByRole("button", { name: "Add an action to the plan" }).click();
    await check("ocg-detail-forms");

    await page.goto(`/organised-crime/ocgs/${ocg.id}/edit`);
    await settle(page, /Change the details of/);
    await check("ocg-edit");

    await page.goto(`/organised-crime/ocgs/${ocg.id}/assess`);
    await settle(page, "Re-assess threat, risk and harm");
    await page.getByRole("radio", { name: "3 – Substantial" }).first().check();
    await check("ocg-assess");
    // A re-assessment starts from the last final one: blank a rationale to see the errors.
    await page.getByLabel("Rationale for physical harm").fill("");
    await page.getByRole("button", { name: "Finalise assessment" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await check("ocg-assess-errors");

    await page.goto("/organised-crime/priority");
    await settle(page, "Priority list");
    await check("priority-list");

    await page.goto("/organised-crime/actions");
    await settle(page, "Overdue plan actions");
    await check("overdue-actions");

    await page.goto("/organised-crime/import");
    await settle(page, "Import from a spreadsheet");
    await page.getByRole("radio", { name: "Organised crime groups (OCGs)" }).check();
    await page.getByText("What goes in each column").click();
    await check("import");
    await page.getByLabel("Upload a CSV file").setInputFiles({
      name: "ocgs.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        "name,leadForce,level,primaryCrimeType,classification\nAxe Crew,Atlantis,local,drugs-supply,OFFICIAL\n",
      ),
    });
    await page.getByRole("button", { name: "Check file" }).click();
    await expect(page.getByTestId("line-errors")).toBeVisible();
    await check("import-errors");

    await page.goto("/organised-crime/operations");
    await settle(page, "Operations");
    await check("operation-list");
    await page.getByRole("link", { name: "CORMORANT", exact: true }).click();
    await settle(page, /CORMORANT/);
    await check("operation-detail");
  },
);

axeTest(
  "operation forms have no serious or critical axe findings, at desktop and mobile widths",
  120_000,
  async ({ page }, check) => {
    // The demo investigator runs West Midlands operations.
    await signInAs(page, "investigator@demo.rocu.test");

    await page.goto("/organised-crime/operations/new");
    await settle(page, "Record an operation");
    await check("operation-create");
    await page.getByRole("button", { name: "Record the operation" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await check("operation-create-errors");

    await page.goto("/organised-crime/operations?q=CORMORANT");
    await page.getByRole("link", { name: "CORMORANT", exact: true }).click();
    await settle(page, /CORMORANT/);
    const detail = new URL(page.url()).pathname;
    // Asked to close without a result summary: the error, and nothing closed.
    await page.getByRole("button", { name: "Close Operation CORMORANT" }).click();
    await page.getByRole("button", { name: "Yes, close Operation CORMORANT" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await check("operation-close-errors");

    await page.goto(`${detail}/edit`);
    await settle(page, "Change the details of Operation CORMORANT");
    await check("operation-edit");
  },
);

axeTest(
  "outcome pages have no serious or critical axe findings, at desktop and mobile widths",
  180_000,
  async ({ page }, check) => {
    // The demo investigator records West Midlands outcomes; the demo data holds a few.
    await signInAs(page, "investigator@demo.rocu.test");

    await page.goto("/organised-crime/outcomes");
    await settle(page, "Outcomes");
    await expect(page.getByTestId("outcome-row").first()).toBeVisible();
    await check("outcome-list");

    await page.goto("/organised-crime/outcomes/new");
    await settle(page, "Record an outcome");
    await check("outcome-create");
    await page.getByRole("radio", { name: "Seizure" }).check();
    await page.getByLabel("What was seized").selectOption({ label: "Cash" });
    await page.getByRole("button", { name: "Record the outcome" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await check("outcome-create-errors");

    await page.goto("/organised-crime/outcomes?kind=conviction");
    await page.getByTestId("outcome-row").first().getByRole("link").first().click();
    await settle(page, /Conviction:/);
    await check("outcome-detail");
    await page.getByRole("button", { name: "Delete this outcome" }).click();
    await check("outcome-delete-confirm");

    await page.goto(`${new URL(page.url()).pathname}/edit`);
    await settle(page, "Correct this outcome");
    await check("outcome-edit");

    await page.goto("/organised-crime/totals?period=quarter&groupBy=force");
    await settle(page, "Totals");
    await expect(page.getByTestId("totals-people")).toBeVisible();
    await check("totals");
  },
);

axeTest(
  "disruption and moderation panel pages have no serious or critical axe findings, at desktop and mobile widths",
  240_000,
  async ({ page, playwright, baseURL }, check) => {
    const post = async (path: string, data?: unknown) => {
      const csrf = (await (await page.request.get("/api/v1/auth/csrf")).json()) as { token: string };
      const response = await page.request.post(`/api/v1${path}`, {
        ...(data === undefined ? {} : { data }),
        headers: { "x-csrf-token": csrf.token },
      });
      expect(response.status(), await response.text()).toBeLessThan(300);
      return (await response.json()) as { id: string; reference: string };
    };
    const firstId = async (path: string) =>
      ((await (await page.request.get(`/api/v1${path}`)).json()) as { items: { id: string }[] }).items[0]?.id;

    // Claims on the demo group that Operation CORMORANT targets, dated in a month of their own (June 2019).
    await signInAs(page, "investigator@demo.rocu.test");
    const ocgId = await firstId("/ocgs?q=Harbour%20Street");
    const operationId = await firstId("/operations?q=CORMORANT");
    const claim = (day: string, claimedGrade: string, extra: Record<string, unknown> = {}) =>
      post("/disruptions", {
        ocgId,
        operationId,
        disruptedOn: `2019-06-${day}`,
        claimedGrade,
        strand: "pursue",
        narrative:
          "Warrant executed at the group's storage unit.\nTwo vehicles and 1.5 kg of cocaine seized; the supply line was quiet for six weeks.",
        evidenceReferences: ["EXH/AB/1 vehicle log", "Intelligence log 2019/0612"],
        classification: "OFFICIAL",
        ...extra,
      });
    const toReturn = await claim("04", "major");
    await post(`/disruptions/${toReturn.id}/submit`);
    const toAccept = await claim("11", "moderate");
    await post(`/disruptions/${toAccept.id}/submit`);
    const draft = await claim("20", "minor", { operationId: null });
    // The ROCU's own claim: its moderator may not decide it.
    const analyst = await playwright.request.newContext({ baseURL });
    const token = await apiSignIn(analyst, "analyst@demo.rocu.test", DEMO_PASSWORD);
    const ownUnit = await analyst.post("/api/v1/disruptions", {
      data: {
        ocgId,
        disruptedOn: "2019-06-25",
        claimedGrade: "minor",
        strand: "prevent",
        narrative: "Diversion scheme places three of the group's runners.",
        classification: "OFFICIAL",
      },
      headers: { "x-csrf-token": token },
    });
    expect(ownUnit.status(), await ownUnit.text()).toBe(201);
    const ownClaim = (await ownUnit.json()) as { id: string; reference: string };
    const submitted = await analyst.post(`/api/v1/disruptions/${ownClaim.id}/submit`, {
      headers: { "x-csrf-token": token },
    });
    expect(submitted.status(), await submitted.text()).toBe(200);
    await analyst.dispose();

    await page.goto("/organised-crime/disruptions");
    await settle(page, "Disruptions");
    await expect(page.getByTestId("disruption-row").first()).toBeVisible();
    await check("disruption-list");

    await page.goto("/organised-crime/disruptions/new");
    await settle(page, "Claim a disruption");
    await check("disruption-create");
    await page.getByRole("button", { name: "Save as draft" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await check("disruption-create-errors");

    await page.goto(`/organised-crime/disruptions/${draft.id}`);
    await settle(page, new RegExp(draft.reference));
    await check("disruption-detail");
    await page.getByRole("button", { name: /^Submit for moderation/ }).click();
    await check("disruption-submit-confirm");

    await page.goto(`/organised-crime/disruptions/${draft.id}/edit`);
    await settle(page, `Change the claim ${draft.reference}`);
    await check("disruption-edit");

    // The moderator sets up June's panel and works through it.
    await signInAs(page, "moderator@demo.rocu.test");
    await page.goto("/organised-crime/panels/new");
    await settle(page, "Set up a moderation panel");
    await check("panel-create");
    await page.getByRole("button", { name: "Set up the panel" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await check("panel-create-errors");
    await page.getByLabel("Month moderated").fill("2019-06");
    await page.getByLabel("Date of the meeting").fill("2019-07-03");
    await page.getByLabel("Attendees (optional)").fill("West Midlands Police\nWest Mercia Police\nNCA");
    await page.getByRole("button", { name: "Set up the panel" }).click();
    await settle(page, /Jun 2019/);
    await expect(page.getByTestId("agenda-item")).toHaveCount(3);
    await expect(page.getByTestId("ocg-history").getByTestId("history-operations")).toContainText(
      "CORMORANT",
    );
    await check("panel-screen");
    await page.keyboard.press("r");
    await expect(page.getByRole("radio").first()).toBeFocused();
    await check("panel-screen-regrade");
    await page.keyboard.press("Escape");
    await page.keyboard.press("t");
    await page.keyboard.type("Attach the custody record and the drugs expert's statement.");
    await page.keyboard.press("Control+Enter");
    await expect(page.getByTestId("panel-announcement")).toContainText(
      `${toReturn.reference} returned for more information.`,
    );
    await page.keyboard.press("a");
    await expect(page.getByTestId("panel-announcement")).toContainText(`${toAccept.reference} accepted`);
    await page.keyboard.press("j");
    await expect(page.getByTestId("cannot-decide")).toContainText("Your own unit");
    await page.keyboard.press("?");
    await check("panel-screen-own-unit");
    const panelPath = new URL(page.url()).pathname;

    await page.goto("/organised-crime/panels");
    await settle(page, "Moderation panels");
    await check("panel-list");

    await page.goto(`${panelPath}/edit`);
    await settle(page, "Change the panel’s details");
    await check("panel-edit");

    await page.goto(
      "/organised-crime/totals?period=month&from=2019-06-01&to=2019-06-30&disruptionsBy=crimeType",
    );
    await settle(page, "Totals");
    await expect(page.getByTestId("totals-disruptions")).toBeVisible();
    await check("totals-disruptions");

    // The claimant sees why the panel returned the claim.
    await signInAs(page, "investigator@demo.rocu.test");
    await page.goto(`/organised-crime/disruptions/${toReturn.id}`);
    await settle(page, new RegExp(toReturn.reference));
    await expect(page.getByTestId("returned-reason")).toContainText("custody record");
    await check("disruption-returned");

    await page.goto(`/organised-crime/ocgs/${ocgId}`);
    await settle(page, /Harbour Street/);
    await expect(page.getByTestId("ocg-disruptions")).toContainText(toAccept.reference);
    await check("ocg-detail-disruptions");
  },
);

axeTest(
  "funding pages have no serious or critical axe findings, at desktop and mobile widths",
  180_000,
  async ({ page }, check) => {
    // The demo finance officer keeps the West Midlands formulas and streams.
    await signInAs(page, "finance@demo.rocu.test");

    await page.goto("/funding/formulas");
    await settle(page, "Cost-sharing formulas");
    await expect(page.getByTestId("formula-row").first()).toBeVisible();
    await check("formula-list");

    await page.getByRole("link", { name: "West Midlands ROCU force contributions" }).click();
    await settle(page, "West Midlands ROCU force contributions");
    await page.getByLabel("Amount to split, in pounds").fill("1,000,000");
    await page.getByLabel("Financial year").selectOption("2018/19");
    await page.getByRole("button", { name: "Preview the split" }).click();
    await expect(page.getByTestId("split-table")).toBeVisible();
    await check("formula-detail-split");
    await page.getByLabel("Amount to split, in pounds").fill("12.345");
    await page.getByRole("button", { name: "Preview the split" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await check("formula-split-errors");

    await page.getByRole("link", { name: /New version for a year/ }).click();
    await settle(page, "New version for a year");
    await check("formula-version");

    await page.goto("/funding/formulas/new");
    await settle(page, "Record a formula");
    await page.getByRole("group", { name: "Part 1" }).getByLabel("Share in per cent").fill("57");
    await page.getByRole("group", { name: "Part 2" }).getByLabel("Share in per cent").fill("42.5");
    await expect(page.getByTestId("shares-total")).toContainText("99.5%");
    await check("formula-create");
    await page.getByRole("button", { name: "Record the formula" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await check("formula-create-errors");

    await page.goto("/funding/streams");
    await settle(page, "Funding streams");
    await expect(page.getByTestId("stream-row").first()).toBeVisible();
    await check("stream-list");
    await page.goto("/funding/streams?q=no%20such%20stream");
    await expect(page.getByTestId("streams-empty")).toBeVisible();
    await check("stream-list-empty");

    await page.goto("/funding/streams?q=Police%20Transformation%20Fund");
    await page.getByTestId("stream-row").first().getByRole("link").first().click();
    await settle(page, /Police Transformation Fund/);
    await check("stream-detail");

    await page.getByRole("link", { name: /Change details/ }).click();
    await settle(page, "Change the funding stream");
    await check("stream-edit");

    await page.goto("/funding/streams/new");
    await settle(page, "Record a funding stream");
    await page.getByRole("radio", { name: "Yes" }).first().check();
    await page.getByRole("group", { name: "Amount 1" }).getByLabel("Amount in pounds").fill("12.345");
    await check("stream-create");
    await page.getByRole("button", { name: "Record the funding stream" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await check("stream-create-errors");
  },
);

axeTest(
  "funding bid, decision and pot pages have no serious or critical axe findings, at desktop and mobile widths",
  180_000,
  async ({ page }, check) => {
    // The demo applicant: their bids, the new bid form with its errors, and a draft with its submit step.
    await signInAs(page, "applicant@demo.rocu.test");
    await page.goto("/funding/bids");
    await settle(page, "Bids");
    await expect(page.getByTestId("bid-row").first()).toBeVisible();
    await check("bid-list-applicant");
    await page.goto("/funding/bids/new");
    await settle(page, "Start a bid");
    await page.getByRole("button", { name: "Save the draft bid" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await check("bid-create-errors");
    await page.getByLabel("Title").fill(`Axe bid ${uniqueSuffix()}`);
    await page.getByLabel("Purpose").fill("Checked by axe");
    await page.getByRole("radio", { name: "Protect" }).check();
    await page.getByLabel("Crime area").selectOption("business");
    await page.getByRole("checkbox", { name: "West Mercia", exact: true }).check();
    const cost = page.getByRole("group", { name: "Cost 1" });
    await cost.getByLabel("Category").selectOption("training");
    await cost.getByLabel("Financial year").selectOption("2018/19");
    await cost.getByLabel("Amount in pounds").fill("5,000");
    await page.getByRole("button", { name: "Save the draft bid" }).click();
    await expect(page.getByTestId("bid-status")).toHaveText("Draft");
    await check("bid-detail-draft");
    await page.getByRole("link", { name: /Change the bid/ }).click();
    await settle(page, "Change the bid");
    await check("bid-edit");
    await page.goBack();
    await page.getByRole("button", { name: "Submit the bid to the board" }).click();
    await expect(page.getByTestId("bid-status")).toHaveText("Submitted");
    const bidUrl = page.url();

    // The board: the review step and its outcomes.
    await page.context().clearCookies();
    await signInAs(page, "board@demo.rocu.test");
    await page.goto(bidUrl);
    await page.getByRole("button", { name: "Start the board’s review" }).click();
    await expect(page.getByTestId("bid-status")).toHaveText("Under board review");
    await page.getByRole("button", { name: "Record the review" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await check("bid-review-errors");

    // Finance: the list, a share still to decide, decisions and pots.
    await page.context().clearCookies();
    await signInAs(page, "finance@demo.rocu.test");
    await page.goto("/funding/bids");
    await settle(page, "Bids");
    await expect(page.getByTestId("bid-row").first()).toBeVisible();
    await check("bid-list");
    await page.getByRole("link", { name: "Alliance small business cyber protect campaign" }).click();
    await settle(page, "Alliance small business cyber protect campaign");
    await expect(page.getByTestId("decision-form")).toBeVisible();
    await check("bid-detail-decision");
    await page.getByRole("button", { name: "Record the decision" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await check("bid-decision-errors");
    await page.goto("/funding/decisions");
    await settle(page, "Commissioners’ decisions");
    await expect(page.getByTestId("decision-row").first()).toBeVisible();
    await check("decision-list");
    await page.goto("/funding/pots");
    await settle(page, "Budget pots");
    await check("pot-list");
    await page.getByRole("link", { name: "Alliance rural, business and cyber crime fund" }).click();
    await settle(page, "Alliance rural, business and cyber crime fund");
    await check("pot-detail");
  },
);

axeTest(
  "staff posts and contributions pages have no serious or critical axe findings, at desktop and mobile widths",
  120_000,
  async ({ page }, check) => {
    await signInAs(page, "finance@demo.rocu.test");

    await page.goto("/funding/posts?financialYear=2018%2F19");
    await settle(page, "Staff posts");
    await expect(page.getByTestId("post-row").first()).toBeVisible();
    await check("post-list");
    await page.goto("/funding/posts?q=no%20such%20post");
    await expect(page.getByTestId("posts-empty")).toBeVisible();
    await check("post-list-empty");

    await page.goto("/funding/posts?q=Researcher");
    await page.getByTestId("post-row").first().getByRole("link").first().click();
    await settle(page, "Researcher");
    await check("post-detail");
    await page.getByRole("link", { name: /Change details/ }).click();
    await settle(page, "Change the post");
    await check("post-edit");

    await page.goto("/funding/posts/new");
    await settle(page, "Record a post");
    await page.getByRole("radio", { name: "A funding stream" }).check();
    await page.getByRole("button", { name: "Record the post" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await check("post-create-errors");

    await page.goto("/funding/contributions");
    await settle(page, "Contributions");
    await check("contributions-choose");
    await page.getByLabel("Formula").selectOption({ label: "West Midlands ROCU force contributions" });
    await page.getByLabel("Financial year").selectOption("2018/19");
    await page.getByRole("button", { name: "Show contributions" }).click();
    await expect(page.getByTestId("contributions")).toBeVisible();
    await check("contributions");
  },
);

axeTest(
  "funding spend monitoring and pot setup pages have no serious or critical axe findings, at desktop and mobile widths",
  180_000,
  async ({ page }, check) => {
    await signInAs(page, "finance@demo.rocu.test");

    // The demo's Police Transformation Fund stream has a lapse warning and an ineligible laptop.
    await page.goto("/funding/streams?q=Police%20Transformation%20Fund");
    await page.getByTestId("stream-row").first().getByRole("link").first().click();
    await page.getByRole("link", { name: "Spend monitoring" }).click();
    await settle(page, /Spend monitoring/);
    await expect(page.getByTestId("lapse-risk")).toBeVisible();
    await expect(page.getByTestId("spend-ineligible")).toBeVisible();
    await check("spend-monitoring");

    await page.getByRole("link", { name: "Record a month’s spend" }).click();
    await settle(page, "Record a month’s spend");
    await page.getByText("Spend in categories the stream does not allow").click();
    await check("spend-record");
    await page.getByLabel("Hardware, in pounds").fill("12.345");
    await page.getByRole("button", { name: "Record the spend" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await check("spend-record-errors");

    await page.goto("/funding/pots/new");
    await settle(page, "Set up a budget pot");
    await check("pot-create");
    await page.getByRole("button", { name: "Set up the pot" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await check("pot-create-errors");

    await page.goto("/funding/pots?q=Alliance");
    await page.getByRole("link", { name: "Alliance rural, business and cyber crime fund" }).click();
    await page.getByRole("link", { name: /Change the pot/ }).click();
    await settle(page, /Change Alliance/);
    await page.getByRole("group", { name: "Amount 1" }).getByLabel("Amount in pounds").fill("");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await check("pot-edit-errors");
  },
);

axeTest(
  "the funding reports page has no serious or critical axe findings, at desktop and mobile widths",
  120_000,
  async ({ page }, check) => {
    // The demo board member reads the region's funding.
    await signInAs(page, "board@demo.rocu.test");

    await page.goto("/funding/reports?financialYear=2018%2F19&groupBy=stream");
    await settle(page, "Funding reports");
    await expect(page.getByTestId("report-row").first()).toBeVisible();
    await check("funding-report-stream");
    await page.goto("/funding/reports?financialYear=2018%2F19&quarter=Q2&groupBy=force");
    await settle(page, "Funding reports");
    await expect(page.getByTestId("report-total")).toBeVisible();
    await check("funding-report-force-quarter");
    await page.goto("/funding/reports?financialYear=2015%2F16&groupBy=project");
    await settle(page, "Funding reports");
    await expect(page.getByTestId("report-empty")).toBeVisible();
    await check("funding-report-empty");
  },
);
