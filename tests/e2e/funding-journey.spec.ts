import { expect, type Page, test } from "@playwright/test";
import {
  APPLICANT_EMAIL,
  apiSignIn,
  BOARD_EMAIL,
  DEMO_PASSWORD,
  DEMO_POT,
  FINANCE_EMAIL,
  screenshot,
  signInAs,
  skipWithoutChromium,
  uniqueSuffix,
} from "./helpers.ts";

skipWithoutChromium();

/** Fills in and sends the spend form for one month: amounts in pounds by the category's label. */
async function recordMonth(
  page: Page,
  month: string,
  amounts: Record<string, string>,
  project: string | null,
  alreadyRecorded = "Nothing is recorded",
): Promise<void> {
  await page.getByRole("link", { name: "Record a month’s spend" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Record a month’s spend");
  await page.getByLabel("Month", { exact: true }).selectOption({ label: month });
  if (project) await page.getByLabel("Project (optional)").selectOption({ label: project });
  await expect(page.getByTestId("already-recorded")).toContainText(alreadyRecorded);
  for (const [category, amount] of Object.entries(amounts)) {
    const field = page.getByLabel(`${category}, in pounds`);
    // Categories the stream does not allow are behind a details summary until one is used.
    if (!(await field.isVisible()))
      await page.getByText("Spend in categories the stream does not allow").click();
    await field.fill(amount);
  }
  await page.getByRole("button", { name: "Record the spend" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Spend monitoring, 2018/19");
  await expect(
    page.getByRole("alert").filter({ hasText: `Spend for ${month} has been recorded` }),
  ).toBeVisible();
}

test("a CSP's bid is recommended and approved, then finance records its spend month by month and sees the lapse warning", async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const suffix = uniqueSuffix();
  const title = `Farm watch cameras ${suffix}`;
  const streamName = `Rural crime prevention grant ${suffix}`;

  // The applicant drafts and submits a bid for their force area.
  await signInAs(page, APPLICANT_EMAIL);
  await page.goto("/funding/bids");
  await page.getByRole("link", { name: "Start a bid" }).click();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Purpose").fill("Cameras on farm gates across Worcestershire");
  await page.getByRole("radio", { name: "Prevent" }).check();
  await page.getByLabel("Crime area").selectOption({ label: "Rural crime" });
  await page.getByRole("checkbox", { name: "West Mercia", exact: true }).check();
  const cost = page.getByRole("group", { name: "Cost 1" });
  await cost.getByLabel("Category").selectOption({ label: "Equipment" });
  await cost.getByLabel("Financial year").selectOption("2018/19");
  await cost.getByLabel("Amount in pounds").fill("6,000");
  await page.getByRole("button", { name: "Save the draft bid" }).click();
  await expect(page.getByTestId("bid-status")).toHaveText("Draft");
  await page.getByRole("button", { name: "Submit the bid to the board" }).click();
  await expect(page.getByTestId("bid-status")).toHaveText("Submitted");
  const bidUrl = page.url();

  // A board member reviews and recommends it.
  await signInAs(page, BOARD_EMAIL);
  await page.goto(bidUrl);
  await page.getByRole("button", { name: "Start the board’s review" }).click();
  await expect(page.getByTestId("bid-status")).toHaveText("Under board review");
  await page.getByRole("radio", { name: "Recommend it", exact: true }).check();
  await page.getByLabel("Reason").fill("Good value for rural crime prevention");
  await page.getByRole("button", { name: "Record the review" }).click();
  await expect(page.getByTestId("bid-status")).toHaveText("Recommended");

  // Finance records the commissioner's approval.
  await signInAs(page, FINANCE_EMAIL);
  await page.goto(bidUrl);
  const decision = page.getByTestId("decision-form");
  await expect(decision.getByLabel("Amount for 2018/19, in pounds")).toHaveValue("6,000.00");
  await decision.getByLabel("Decision reference").fill(`E2E PCD ${suffix}`);
  await decision.getByLabel("Date of the decision").fill("2018-07-20");
  await decision.getByRole("radio", { name: "Approved", exact: true }).check();
  await decision.getByLabel("Published summary").fill("The commissioner approves farm watch cameras");
  await decision.getByLabel("Budget pot it draws on (optional)").selectOption({ label: DEMO_POT });
  await decision.getByRole("button", { name: "Record the decision" }).click();
  await expect(page.getByTestId("bid-status")).toHaveText("Approved");

  // Finance records a stream of £90,000 for 2018/19 that pays for staff and equipment and does not carry over.
  await page.goto("/funding/streams/new");
  await page.getByLabel("Source").selectOption({ label: "PCC fund" });
  await page.getByLabel("Name", { exact: true }).fill(streamName);
  const amount = page.getByRole("group", { name: "Amount 1" });
  await amount.getByLabel("Financial year").selectOption("2018/19");
  await amount.getByLabel("Amount in pounds").fill("90,000");
  await page.getByRole("checkbox", { name: "Staff" }).check();
  await page.getByRole("checkbox", { name: "Equipment" }).check();
  await page.getByRole("button", { name: "Record the funding stream" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(streamName);
  await page.getByRole("link", { name: "Spend monitoring" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Spend monitoring, 2018/19");
  await expect(page.getByTestId("spend-empty")).toContainText("No spend recorded for 2018/19 yet");
  await expect(page.getByTestId("lapse-risk")).toHaveCount(0);

  // An amount not to the penny is explained in the error summary and beside the field, and kept.
  await page.getByRole("link", { name: "Record a month’s spend" }).click();
  await expect(page.getByTestId("replace-note")).toContainText("Recording a month again replaces");
  await page.getByLabel("Staff, in pounds").fill("4,000.125");
  await page.getByRole("button", { name: "Record the spend" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "Choose the month the money was spent" })).toBeVisible();
  const pennies = "The amount for staff must be to the penny, with no more than 2 decimal places";
  await summary.getByRole("link", { name: pennies }).click();
  await expect(page.getByLabel("Staff, in pounds")).toBeFocused();
  await expect(page.getByLabel("Staff, in pounds")).toHaveValue("4,000.125");
  await expect(page).toHaveTitle(/^Error: /);
  await screenshot(page, "journey-spend-record-errors-desktop");
  await page.getByRole("link", { name: "Cancel" }).click();

  // Four months of spend on the project; July also buys hardware, which the stream does not allow.
  await recordMonth(page, "April 2018", { Staff: "4,000", Equipment: "1,000" }, title);
  await recordMonth(page, "May 2018", { Staff: "4,000", Equipment: "1,000" }, title);
  await recordMonth(page, "June 2018", { Staff: "4,000", Equipment: "1,000" }, title);
  await recordMonth(page, "July 2018", { Staff: "4,000", Equipment: "1,000", Hardware: "500" }, title);
  // £20,500 over four months forecasts £61,500: £28,500 of the £90,000 would lapse.
  await expect(page.getByTestId("lapse-risk")).toHaveText(/£28,500\.00 at risk of lapsing on 31 March 2019/);

  // Recording July again with a corrected staff figure replaces it: £19,500 forecasts £58,500.
  await recordMonth(page, "July 2018", { Staff: "3,000" }, title, "Staff £4,000.00");
  await expect(page.getByTestId("spend-actual")).toHaveText("£19,500.00");
  await expect(page.getByTestId("spend-forecast")).toHaveText("£58,500.00");
  await expect(page.getByTestId("spend-variance")).toHaveText("-£31,500.00: an underspend");
  await expect(page.getByTestId("lapse-risk")).toHaveText(/£31,500\.00 at risk of lapsing on 31 March 2019/);

  const months = page.getByTestId("spend-months");
  await expect(months.getByRole("columnheader", { name: "Hardware (ineligible)" })).toBeVisible();
  await expect(months.getByTestId("spend-month").filter({ hasText: "July 2018" })).toContainText("£4,500.00");
  await expect(page.getByTestId("spend-total")).toContainText("£19,500.00");
  const ineligible = page.getByTestId("spend-ineligible");
  await expect(ineligible.getByRole("heading")).toHaveText("Ineligible spend: £500.00");
  await expect(ineligible).toContainText("July 2018: Hardware Ineligible £500.00");
  const hardware = page.getByTestId("spend-line").filter({ hasText: "Hardware" });
  await expect(hardware).toContainText("Ineligible");
  await expect(hardware.getByRole("link", { name: title })).toBeVisible();
  await expect(page.getByTestId("spend-line")).toHaveCount(9);
  await screenshot(page, "journey-spend-monitoring-desktop");

  // The scrutiny pack for July is a spreadsheet with July's figures.
  await page.getByLabel("Month", { exact: true }).selectOption({ label: "July 2018" });
  const link = page.getByTestId("scrutiny-pack-link");
  await expect(link).toHaveText("Download the pack for July 2018 (CSV)");
  const pack = await page.request.get((await link.getAttribute("href")) ?? "");
  expect(pack.headers()["content-type"]).toContain("text/csv");
  expect(await pack.text()).toContain("£31,500.00 at risk of lapsing on 31 March 2019");

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId("lapse-risk")).toBeVisible();
  await screenshot(page, "journey-spend-monitoring-mobile");

  // The project is closed by a colleague while the form is open: the server's refusal shows on the project.
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole("link", { name: "Record a month’s spend" }).click();
  await page.getByLabel("Month", { exact: true }).selectOption({ label: "August 2018" });
  await page.getByLabel("Project (optional)").selectOption({ label: title });
  await page.getByLabel("Staff, in pounds").fill("4,000");
  const colleague = await playwright.request.newContext({ baseURL: baseURL ?? "" });
  const token = await apiSignIn(colleague, FINANCE_EMAIL, DEMO_PASSWORD);
  const bidId = new URL(bidUrl).pathname.split("/").pop() ?? "";
  for (const data of [{ status: "funded" }, { status: "closed", reason: "Project finished early" }]) {
    const response = await colleague.post(`/api/v1/funding/bids/${bidId}/status`, {
      data,
      headers: { "x-csrf-token": token },
    });
    expect(response.ok(), await response.text()).toBe(true);
  }
  await colleague.dispose();
  await page.getByRole("button", { name: "Record the spend" }).click();
  const refused = `Spend can be recorded only on an approved or funded project: "${title}" is closed`;
  await expect(summary.getByRole("link", { name: refused })).toBeVisible();
  await expect(page.locator("#bidId-error")).toContainText(refused);
  await expect(page.getByLabel("Staff, in pounds")).toHaveValue("4,000");
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page.getByTestId("spend-actual")).toHaveText("£19,500.00");

  // The board reads the same figures, without the action to record spend.
  const monitoringUrl = page.url();
  await signInAs(page, BOARD_EMAIL);
  await page.goto(monitoringUrl);
  await expect(page.getByTestId("lapse-risk")).toHaveText(/£31,500\.00 at risk of lapsing/);
  await expect(page.getByRole("link", { name: "Record a month’s spend" })).toHaveCount(0);
});

test("finance sets up a budget pot, with an amount and a taken name shown on their fields", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const name = `Alliance fraud prevention fund ${uniqueSuffix()}`;
  await signInAs(page, FINANCE_EMAIL);
  await page.goto("/funding/pots");
  await page.getByRole("link", { name: "Set up a pot" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Set up a budget pot");

  await page.getByLabel("Name", { exact: true }).fill(DEMO_POT);
  await page
    .getByRole("checkbox", { name: "Office of the Police and Crime Commissioner for West Mercia" })
    .check();
  await page
    .getByRole("checkbox", { name: "Office of the Police and Crime Commissioner for Warwickshire" })
    .check();
  await page.getByRole("checkbox", { name: "Fraud" }).check();
  const amount = page.getByRole("group", { name: "Amount 1" });
  await amount.getByLabel("Financial year").selectOption("2018/19");
  await amount.getByLabel("Amount in pounds").fill("250,000.505");
  await page.getByRole("button", { name: "Set up the pot" }).click();
  const summary = page.getByTestId("error-summary");
  const pennies = "The amount for 2018/19 must be to the penny, with no more than 2 decimal places";
  await expect(summary.getByRole("link", { name: pennies })).toBeVisible();
  await expect(amount.getByText(pennies)).toBeVisible();
  await expect(amount.getByLabel("Amount in pounds")).toHaveValue("250,000.505");

  // The server refuses a name already taken, on the name field.
  await amount.getByLabel("Amount in pounds").fill("250,000");
  await page.getByRole("button", { name: "Set up the pot" }).click();
  const taken = `A pot named ${DEMO_POT} already exists`;
  await expect(summary.getByRole("link", { name: taken })).toBeVisible();
  await summary.getByRole("link", { name: taken }).click();
  await expect(page.getByLabel("Name", { exact: true })).toBeFocused();
  await screenshot(page, "journey-pot-create-errors-desktop");

  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Set up the pot" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByText(`${name} has been set up.`)).toBeVisible();
  await expect(
    page.getByTestId("pot-year").filter({ hasText: "2018/19" }).getByTestId("pot-left"),
  ).toHaveText("£250,000.00");
  await page.goto("/funding/pots");
  await expect(page.getByTestId("pot-row").filter({ hasText: name })).toContainText("Fraud");

  // Board members read pots but do not set them up.
  await signInAs(page, BOARD_EMAIL);
  await page.goto("/funding/pots");
  await expect(page.getByTestId("pot-row").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Set up a pot" })).toHaveCount(0);
});

test("finance adds a year to the demo pot, and cannot take a year below what approvals have committed", async ({
  page,
}) => {
  await signInAs(page, FINANCE_EMAIL);
  await page.goto("/funding/pots");
  await page.getByRole("link", { name: DEMO_POT }).click();
  const committedText =
    (await page
      .getByTestId("pot-year")
      .filter({ hasText: "2018/19" })
      .getByTestId("pot-committed")
      .textContent()) ?? "";
  await page.getByRole("link", { name: /Change the pot/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Change ${DEMO_POT}`);
  await expect(page.getByTestId("pot-committed")).toContainText(`${committedText} in 2018/19`);

  const first = page.getByRole("group", { name: "Amount 1" });
  await expect(first.getByLabel("Financial year")).toHaveValue("2018/19");
  const original = await first.getByLabel("Amount in pounds").inputValue();
  await first.getByLabel("Amount in pounds").fill("1");
  await page.getByRole("button", { name: "Save changes" }).click();
  const floor = `2018/19 cannot be less than ${committedText}, which approvals have already committed`;
  await expect(page.getByTestId("error-summary").getByRole("link", { name: floor })).toBeVisible();
  await expect(first.getByText(floor)).toBeVisible();

  await first.getByLabel("Amount in pounds").fill(original);
  await page.getByRole("button", { name: "Add another year" }).click();
  const added = page.getByRole("group", { name: "Amount 3" });
  await added.getByLabel("Financial year").selectOption("2020/21");
  await added.getByLabel("Amount in pounds").fill("500,000");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(`${DEMO_POT} has been changed.`)).toBeVisible();
  await expect(
    page.getByTestId("pot-year").filter({ hasText: "2020/21" }).getByTestId("pot-left"),
  ).toHaveText("£500,000.00");
  await expect(
    page.getByTestId("pot-year").filter({ hasText: "2018/19" }).getByTestId("pot-committed"),
  ).toHaveText(committedText);
});
