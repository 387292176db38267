import { expect, test } from "@playwright/test";
import {
  BOARD_EMAIL,
  FINANCE_EMAIL,
  screenshot,
  signInAs,
  skipWithoutChromium,
  uniqueSuffix,
} from "./helpers.ts";

skipWithoutChromium();

const REGIONAL_FORMULA = "West Midlands ROCU force contributions";

test("finance previews the West Midlands split of £1,000,000 for 2018/19 through the Alliance", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInAs(page, FINANCE_EMAIL);

  await page.getByRole("navigation", { name: "Areas" }).getByRole("link", { name: "Funding" }).click();
  await expect(page).toHaveURL(/\/funding\/formulas$/);
  await expect(page).toHaveTitle("Cost-sharing formulas – Funding – ROCU Hub");
  await page.getByRole("link", { name: REGIONAL_FORMULA }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(REGIONAL_FORMULA);
  const version = page.getByTestId("formula-version").first();
  await expect(version).toContainText("2018/19 onwards");
  await expect(version).toContainText("Set by Demo: ROCU Executive Board 2018-03");
  await expect(version.getByRole("row", { name: /West Midlands Police/ })).toContainText("57%");
  await expect(
    version.getByRole("link", { name: "The Alliance (West Mercia and Warwickshire)" }),
  ).toBeVisible();

  await page.getByLabel("Amount to split, in pounds").fill("1,000,000");
  await page.getByLabel("Financial year").selectOption("2018/19");
  await page.getByRole("button", { name: "Preview the split" }).click();
  const table = page.getByTestId("split-table");
  await expect(table).toContainText("£1,000,000.00 in 2018/19");
  const pays = async (party: string) =>
    (
      await table.getByTestId("split-row").filter({ hasText: party }).locator("td").last().textContent()
    )?.trim();
  await expect(table.getByTestId("split-row")).toHaveCount(4);
  expect(await pays("West Midlands Police")).toBe("£570,000.00");
  expect(await pays("West Mercia Police")).toBe("£179,400.00");
  expect(await pays("Warwickshire Police")).toBe("£80,600.00");
  expect(await pays("Staffordshire Police")).toBe("£170,000.00");
  await expect(table.getByTestId("split-row").filter({ hasText: "West Mercia Police" })).toContainText(
    "Through The Alliance (West Mercia and Warwickshire)",
  );
  await expect(table.getByTestId("split-total")).toHaveText(/Total\s*£1,000,000.00/);
  await screenshot(page, "funding-split-desktop");
});

test("finance records a stream over two years, fixing an amount to the penny, and finds it in the filtered list", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInAs(page, FINANCE_EMAIL);
  const suffix = uniqueSuffix();
  const name = `Regional cyber uplift ${suffix}`;
  const decision = `E2E decision ${suffix}`;

  await page.goto("/funding/streams");
  await page.getByRole("link", { name: "Record a funding stream" }).click();
  await expect(page).toHaveURL(/\/funding\/streams\/new$/);
  await page.getByLabel("Source").selectOption({ label: "Home Office specific grant" });
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Recipient").selectOption("rocuwm");
  await page.getByLabel("Decision reference (optional)").fill(decision);
  const first = page.getByRole("group", { name: "Amount 1" });
  await first.getByLabel("Financial year").selectOption("2018/19");
  await first.getByLabel("Amount in pounds").fill("12.345");
  await page.getByRole("button", { name: "Add another year" }).click();
  const second = page.getByRole("group", { name: "Amount 2" });
  await second.getByLabel("Financial year").selectOption("2019/20");
  await second.getByLabel("Amount in pounds").fill("£50,000.50");
  await page.getByRole("checkbox", { name: "Staff" }).check();
  await page.getByRole("checkbox", { name: "Training" }).check();
  await page.getByRole("button", { name: "Record the funding stream" }).click();

  // The invalid amount: the summary names it, links to it, and everything typed is kept.
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  const message = "The amount for 2018/19 must be to the penny, with no more than 2 decimal places";
  await expect(summary.getByRole("link", { name: message })).toBeVisible();
  await expect(page).toHaveTitle("Error: Record a funding stream – Funding – ROCU Hub");
  await expect(first.locator(".govuk-error-message")).toContainText(message);
  await expect(first.getByLabel("Amount in pounds")).toHaveValue("12.345");
  await expect(second.getByLabel("Amount in pounds")).toHaveValue("£50,000.50");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
  await expect(page.getByRole("checkbox", { name: "Training" })).toBeChecked();
  await screenshot(page, "funding-stream-errors-desktop");
  await summary.getByRole("link", { name: message }).click();
  await expect(first.getByLabel("Amount in pounds")).toBeFocused();

  await first.getByLabel("Amount in pounds").fill("100,000");
  await page.getByRole("radio", { name: "Yes" }).first().check();
  await page.getByLabel("Share the funder pays, in per cent").fill("50");
  await page.getByLabel("Cost category it pays towards").selectOption({ label: "Staff" });
  await page.getByLabel("Which costs qualify").fill("Posts dedicated to cyber-dependent crime");
  await page.getByRole("button", { name: "Record the funding stream" }).click();

  await expect(page).toHaveURL(/\/funding\/streams\/[0-9a-f-]{36}$/);
  await expect(page.getByText(`${name} has been recorded.`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByTestId("stream-amounts")).toContainText("2018/19: £100,000.00");
  await expect(page.getByTestId("stream-amounts")).toContainText("2019/20: £50,000.50");
  await expect(page.getByTestId("stream-total")).toHaveText("£150,000.50");
  const facts = page.locator(".govuk-summary-list");
  await expect(facts).toContainText("Staff, Training");
  await expect(facts).toContainText("50% of staff costs: Posts dedicated to cyber-dependent crime");
  await expect(facts).toContainText("No: unspent money is not carried over");
  await screenshot(page, "funding-stream-detail-desktop");

  // The list, filtered by its decision, shows it with its total; by a year, that year's money.
  await page
    .getByRole("navigation", { name: "Breadcrumb" })
    .getByRole("link", { name: "Funding streams" })
    .click();
  await page.getByLabel("Decision reference").fill(decision);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/decisionReference=E2E/);
  await expect(page.getByTestId("streams-count")).toHaveText("1 funding stream matches these filters.");
  const row = page.getByTestId("stream-row").filter({ hasText: name });
  await expect(row).toContainText("£150,000.50");
  await expect(row).toContainText("2018/19, 2019/20");
  await expect(page.getByTestId("streams-sum")).toHaveText("Total in all years: £150,000.50");
  await page.getByLabel("Financial year").selectOption("2019/20");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/financialYear=2019%2F20/);
  await expect(page.getByTestId("streams-sum")).toHaveText("Total in 2019/20: £50,000.50");
  await expect(page.getByTestId("stream-row").filter({ hasText: name })).toContainText("£50,000.50");
  await screenshot(page, "funding-stream-list-filtered-desktop");

  // Changing it: the amounts come back in pounds, and an edit replaces them.
  await page.getByRole("link", { name }).click();
  await page.getByRole("link", { name: /Change details/ }).click();
  await expect(page.getByRole("group", { name: "Amount 1" }).getByLabel("Amount in pounds")).toHaveValue(
    "100,000.00",
  );
  await page.getByRole("button", { name: "Remove amount 2" }).click();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("The changes have been saved.")).toBeVisible();
  await expect(page.getByTestId("stream-total")).toHaveText("£100,000.00");
});

test("finance records a formula only once its shares total 100%", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInAs(page, FINANCE_EMAIL);
  const name = `Two-force project ${uniqueSuffix()}`;

  await page.goto("/funding/formulas/new");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("What it covers").fill("A joint cyber project");
  await page.getByLabel("Kept by").selectOption("rocuwm");
  await page.getByLabel("First financial year").selectOption("2019/20");
  await page.getByLabel("Decision reference").fill("E2E board 2019-04");
  const part = (n: number) => page.getByRole("group", { name: `Part ${n}` });
  await part(1).getByLabel("Paid by").selectOption("party:west-midlands");
  await part(1).getByLabel("Share in per cent").fill("57");
  await part(2).getByLabel("Paid by").selectOption({ label: "The Alliance (West Mercia and Warwickshire)" });
  await part(2).getByLabel("Share in per cent").fill("26");
  await page.getByRole("button", { name: "Add another part" }).click();
  await part(3).getByLabel("Paid by").selectOption("party:staffordshire");
  await part(3).getByLabel("Share in per cent").fill("16.5");
  await expect(page.getByTestId("shares-total")).toHaveText("Shares total 99.5%: they must total 100%");
  await page.getByRole("button", { name: "Record the formula" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Shares total 99.5%: they must total 100%");
  await screenshot(page, "funding-formula-errors-desktop");

  await part(3).getByLabel("Share in per cent").fill("17");
  await expect(page.getByTestId("shares-total")).toHaveText("Shares total 100%");
  await page.getByRole("button", { name: "Record the formula" }).click();
  await expect(page.getByText(`${name} has been recorded.`)).toBeVisible();
  await expect(page.getByTestId("formula-version")).toContainText("2019/20 onwards");

  // A new version for a later year, carrying the shares forward.
  await page.getByRole("link", { name: /New version for a year/ }).click();
  await page.getByLabel("Financial year").selectOption("2020/21");
  await page.getByLabel("Decision reference").fill("E2E board 2020-03");
  await page.getByRole("radio", { name: "Keep the shares in effect" }).check();
  await page.getByRole("button", { name: "Record the new version" }).click();
  await expect(page.getByText("The shares for 2020/21 have been recorded.")).toBeVisible();
  await expect(page.getByTestId("formula-version").first()).toContainText("2020/21 onwards");
  await expect(page.getByTestId("formula-version").nth(1)).toContainText("2019/20");
});

test("a board member reads a stream and a formula but is offered no way to change them", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInAs(page, BOARD_EMAIL);

  await page.goto("/funding/streams?decisionReference=Demo%3A%20PCD%20510");
  await expect(page.getByTestId("streams-sum")).toHaveText("Total in all years: £620,000.00");
  await expect(page.getByRole("link", { name: "Record a funding stream" })).toHaveCount(0);
  await page.getByRole("link", { name: "Cyber crime capability grant" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cyber crime capability grant");
  await expect(page.getByTestId("stream-total")).toHaveText("£500,000.00");
  await expect(page.getByRole("link", { name: /Change details/ })).toHaveCount(0);
  await screenshot(page, "funding-stream-board-desktop");

  await page.goto("/funding/formulas");
  await expect(page.getByRole("link", { name: "Record a formula" })).toHaveCount(0);
  await page.getByRole("link", { name: REGIONAL_FORMULA }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(REGIONAL_FORMULA);
  await expect(page.getByRole("link", { name: /New version for a year/ })).toHaveCount(0);

  // The forms themselves are closed to them too.
  await page.goto("/funding/streams/new");
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Record a funding stream");
  await expect(page.getByLabel("Source")).toHaveCount(0);
});
