import { expect, type Page, type PlaywrightWorkerArgs, test } from "@playwright/test";
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

/** What the demo pot has left in 2018/19, in pence, as its page shows it. */
async function potLeftIn201819(page: Page): Promise<number> {
  await page.goto("/funding/pots");
  await page.getByRole("link", { name: DEMO_POT }).click();
  const row = page.getByTestId("pot-year").filter({ hasText: "2018/19" });
  const text = (await row.getByTestId("pot-left").textContent()) ?? "";
  return Math.round(Number(text.replace(/[£,]/g, "")) * 100);
}

test("an applicant's bid goes through the board and the commissioner's approval, drawing on the demo pot", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const title = `Rural crime trail cameras ${uniqueSuffix()}`;

  await signInAs(page, FINANCE_EMAIL);
  const leftBefore = await potLeftIn201819(page);

  // The applicant sees Funding, opening on their bids, with no other funding pages.
  await signInAs(page, APPLICANT_EMAIL);
  await page.getByRole("navigation", { name: "Areas" }).getByRole("link", { name: "Funding" }).click();
  await expect(page).toHaveURL(/\/funding\/bids$/);
  await expect(page.getByRole("navigation", { name: "Funding" })).toHaveCount(0);
  await page.getByRole("link", { name: "Start a bid" }).click();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Purpose").fill("Trail cameras for farms in Worcestershire");
  await page.getByRole("radio", { name: "Prevent" }).check();
  await page.getByLabel("Crime area").selectOption({ label: "Rural crime" });
  await page.getByRole("checkbox", { name: "West Mercia", exact: true }).check();
  const first = page.getByRole("group", { name: "Cost 1" });
  await first.getByLabel("Category").selectOption({ label: "Equipment" });
  await first.getByLabel("Financial year").selectOption("2018/19");
  await first.getByLabel("Amount in pounds").fill("12,000");
  await page.getByRole("button", { name: "Add another cost" }).click();
  const second = page.getByRole("group", { name: "Cost 2" });
  await second.getByLabel("Category").selectOption({ label: "Staff" });
  await second.getByLabel("Financial year").selectOption("2018/19");
  await second.getByLabel("Amount in pounds").fill("£8,000.50");
  await page.getByRole("button", { name: "Save the draft bid" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText(`${title} has been saved as a draft.`)).toBeVisible();
  await expect(page.getByTestId("bid-status")).toHaveText("Draft");
  await expect(page.getByTestId("bid-total")).toHaveText("£20,000.50");
  await expect(page.getByTestId("bid-costs")).toContainText("Equipment");
  await screenshot(page, "bid-draft-desktop");
  await page.getByRole("button", { name: "Submit the bid to the board" }).click();
  await expect(page.getByTestId("bid-status")).toHaveText("Submitted");
  await expect(page.getByTestId("bid-shares")).toContainText("West Mercia");
  await expect(page.getByTestId("bid-actions")).toHaveCount(0);
  const bidUrl = page.url();

  // The board starts its review, then recommends the bid with a reason.
  await signInAs(page, BOARD_EMAIL);
  await page.goto("/funding/bids?status=submitted");
  await page.getByRole("link", { name: title }).click();
  await page.getByRole("button", { name: "Start the board’s review" }).click();
  await expect(page.getByTestId("bid-status")).toHaveText("Under board review");
  await page.getByRole("button", { name: "Record the review" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Say why");
  await page.getByRole("radio", { name: "Recommend it", exact: true }).check();
  await page.getByLabel("Reason").fill("Meets the panel's criteria for rural crime prevention");
  await page.getByRole("button", { name: "Record the review" }).click();
  await expect(page.getByTestId("bid-status")).toHaveText("Recommended");
  await expect(page.getByTestId("bid-history")).toContainText(
    "Meets the panel's criteria for rural crime prevention",
  );
  await expect(page.getByTestId("bid-history")).toContainText("Bea Board (demo)");

  // Finance records the commissioner's approval from the pot; the amount is filled in with the share.
  await signInAs(page, FINANCE_EMAIL);
  await page.goto(bidUrl);
  const decision = page.getByTestId("decision-form");
  await expect(decision.getByLabel("Commissioner’s office")).toHaveValue("opcc-west-mercia");
  await expect(decision.getByLabel("Amount for 2018/19, in pounds")).toHaveValue("20,000.50");
  await decision.getByLabel("Decision reference").fill(`E2E PCD ${uniqueSuffix()}`);
  await decision.getByLabel("Date of the decision").fill("2018-07-20");
  await decision.getByRole("radio", { name: "Approved", exact: true }).check();
  await decision.getByLabel("Published summary").fill("The commissioner approves trail cameras for farms");
  await decision.getByLabel("Budget pot it draws on (optional)").selectOption({ label: DEMO_POT });
  await screenshot(page, "bid-decision-desktop");
  await decision.getByRole("button", { name: "Record the decision" }).click();
  await expect(page.getByTestId("bid-status")).toHaveText("Approved");
  await expect(page.getByTestId("bid-shares")).toContainText("Approved");
  await expect(page.getByRole("button", { name: "Mark the bid funded" })).toBeVisible();
  await screenshot(page, "bid-approved-desktop");

  expect(await potLeftIn201819(page)).toBe(leftBefore - 2_000_050);
  await page.goto("/funding/decisions");
  await expect(page.getByTestId("decision-row").filter({ hasText: title })).toContainText("£20,000.50");
});

/** Signs a demo user in through the API: a poster of JSON bodies with their CSRF token. */
async function apiAs(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string, email: string) {
  const context = await playwright.request.newContext({ baseURL });
  const token = await apiSignIn(context, email, DEMO_PASSWORD);
  return async <T>(path: string, data: unknown): Promise<T> => {
    const response = await context.post(`/api/v1${path}`, { data, headers: { "x-csrf-token": token } });
    expect(response.ok(), await response.text()).toBe(true);
    return (await response.json()) as T;
  };
}

test("a decision asking more of a pot than it has left is refused, naming the pot in the error summary", async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  // A recommended bid for more than the demo pot holds in a year, set up through the API.
  const applicant = await apiAs(playwright, baseURL ?? "", APPLICANT_EMAIL);
  const title = `Rural crime hub ${uniqueSuffix()}`;
  const bid = await applicant<{ id: string }>("/funding/bids", {
    title,
    purpose: "A rural crime hub for the whole force area",
    strand: "pursue",
    crimeArea: "rural",
    forceAreas: ["west-mercia"],
    costs: [{ financialYear: "2018/19", category: "staff", amountPence: 200_000_000 }],
  });
  await applicant(`/funding/bids/${bid.id}/submit`, {});
  const board = await apiAs(playwright, baseURL ?? "", BOARD_EMAIL);
  await board(`/funding/bids/${bid.id}/review`, { status: "under-board-review" });
  await board(`/funding/bids/${bid.id}/review`, { status: "recommended", reason: "Strong case" });

  await signInAs(page, FINANCE_EMAIL);
  await page.goto(`/funding/bids/${bid.id}`);
  const decision = page.getByTestId("decision-form");
  await expect(decision.getByLabel("Amount for 2018/19, in pounds")).toHaveValue("2,000,000.00");
  await decision.getByLabel("Decision reference").fill(`E2E PCD ${uniqueSuffix()}`);
  await decision.getByLabel("Date of the decision").fill("2018-07-20");
  await decision.getByRole("radio", { name: "Approved", exact: true }).check();
  await decision.getByLabel("Published summary").fill("Approved");
  await decision.getByLabel("Budget pot it draws on (optional)").selectOption({ label: DEMO_POT });
  await decision.getByRole("button", { name: "Record the decision" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText(`${DEMO_POT} has £`);
  await expect(summary).toContainText("left in 2018/19; this decision needs £2,000,000.00");
  await expect(decision.getByLabel("Decision reference")).not.toHaveValue("");
  await expect(page.getByTestId("bid-status")).toHaveText("Recommended");
  await screenshot(page, "bid-decision-errors-desktop");
});

test("finance finds a commissioner's decision by part of its reference, office, outcome and year", async ({
  page,
}) => {
  await signInAs(page, FINANCE_EMAIL);
  await page.goto("/funding/decisions");
  await page.getByLabel("Reference, or part of it").fill("2018/031");
  await page.getByLabel("Commissioner’s office").selectOption({
    label: "Office of the Police and Crime Commissioner for West Mercia",
  });
  await page.getByLabel("Outcome").selectOption({ label: "Approved" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/q=2018%2F031/);
  await expect(page.getByTestId("decisions-count")).toHaveText("1 decision matches these filters.");
  await expect(page.getByTestId("decision-row")).toHaveCount(1);
  await expect(page.getByTestId("decision-row")).toContainText("Farm watch and rural crime prevention");
  await expect(page.getByText("Giving £65,000.00 in all.")).toBeVisible();

  // The year counts only that year's money of the decision.
  await page.getByLabel("Giving money in").selectOption("2019/20");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("Giving £25,000.00 in 2019/20.")).toBeVisible();

  await page.getByLabel("Reference, or part of it").fill("no such decision");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByTestId("decisions-empty")).toContainText("No decisions match these filters");
  await page.getByTestId("decisions-empty").getByRole("link", { name: "clear the filters" }).click();
  await expect(page).not.toHaveURL(/q=/);
  await expect(page.getByTestId("decision-row").first()).toBeVisible();

  await page.getByRole("link", { name: /^Reference/ }).click();
  await expect(page).toHaveURL(/sort=reference/);
  await expect(page.getByRole("columnheader", { name: /Reference/ })).toHaveAttribute(
    "aria-sort",
    "ascending",
  );
});

test("a bid's costs over two years read on a phone without scrolling sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, BOARD_EMAIL);
  await page.goto("/funding/bids?q=Farm%20watch%20and%20rural");
  await page.getByRole("link", { name: "Farm watch and rural crime prevention" }).click();
  const costs = page.getByTestId("bid-costs");
  // Each category stacks its years, each labelled: "2019/20: £25,000.00".
  const staff = costs.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Staff" }) });
  for (const name of ["2018/19: £25,000.00", "2019/20: £25,000.00", "Total: £50,000.00"]) {
    await expect(staff.getByRole("cell", { name })).toBeVisible();
  }
  const overflow = await costs.evaluate(
    (table) => table.scrollWidth - (table.parentElement?.clientWidth ?? 0),
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, "funding-bid-costs-mobile");
});
