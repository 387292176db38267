import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import {
  BOARD_EMAIL,
  FINANCE_EMAIL,
  screenshot,
  seriousAxeFindings,
  signInAs,
  skipWithoutChromium,
} from "./helpers.ts";

skipWithoutChromium();

const REGIONAL_FORMULA = "West Midlands ROCU force contributions";

async function showContributions(page: Page): Promise<void> {
  await page
    .getByRole("navigation", { name: "Funding" })
    .getByRole("link", { name: "Contributions" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Contributions");
  await page.getByLabel("Formula").selectOption({ label: REGIONAL_FORMULA });
  await page.getByLabel("Financial year").selectOption("2018/19");
  await page.getByRole("button", { name: "Show contributions" }).click();
  await expect(page.getByTestId("contributions")).toBeVisible();
}

const rowOf = (page: Page, force: string) =>
  page.getByTestId("contribution-row").filter({ has: page.getByRole("rowheader", { name: force }) });

test("a post Staffordshire adds in 2018/19 turns it from owing West Mercia to being owed by West Midlands", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInAs(page, FINANCE_EMAIL);
  await page.goto("/funding");
  await showContributions(page);
  await expect(page).toHaveURL(/\/funding\/contributions\?formulaId=.+&financialYear=2018%2F19$/);
  // The demo's staff: £338,620.82 against the 57 / 26 (69 / 31) / 17 formula.
  await expect(page.getByText("Staff paid from the forces’ own contributions cost")).toContainText(
    "£338,620.82",
  );
  await expect(rowOf(page, "Staffordshire Police")).toContainText("£3,765.54 under its share");
  await expect(page.getByTestId("transfer-sentence")).toHaveText([
    "West Midlands Police owes Warwickshire Police £8,707.16",
    "Staffordshire Police owes West Mercia Police £3,765.54",
    "West Midlands Police owes West Mercia Police £2,306.71",
  ]);
  await screenshot(page, "funding-contributions-desktop");
  // The same figures as a spreadsheet, for the finance leads who settle them.
  const [csv] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /Download CSV/ }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe("contributions-west-midlands-rocu-force-contributions-2018-19.csv");
  const lines = (await readFile(await csv.path(), "utf8")).trimEnd().split("\r\n");
  expect(lines.find((line) => line.startsWith("Staffordshire Police,"))).toContain(
    "Staffordshire Police owes West Mercia Police £3,765.54",
  );
  expect(lines.at(-1)).toContain('"£338,620.82"');

  // Staffordshire's actual links to the posts behind it.
  await rowOf(page, "Staffordshire Police")
    .getByRole("link", { name: /£53,800.00/ })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Staff posts");
  await expect(page.getByTestId("posts-count")).toHaveText("2 posts match these filters.");
  await expect(page.getByTestId("posts-totals")).toContainText("cost in 2018/19 £53,800.00");
  await screenshot(page, "funding-posts-desktop");

  await page.getByRole("link", { name: "Record a post" }).click();
  await page.getByLabel("Role title").fill("Cyber Protect officer");
  await page.getByLabel("Force", { exact: true }).selectOption({ label: "Staffordshire Police" });
  await page.getByLabel("Contributes to").selectOption({ label: REGIONAL_FORMULA });
  await page.getByLabel("Full-time equivalent").fill("1");
  await page.getByLabel("Annual cost in pounds").fill("20,000");
  await page.getByLabel("Start date").fill("2018-04-01");
  await page.getByLabel("End date (optional)").fill("2019-03-31");
  await page.getByRole("button", { name: "Record the post" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cyber Protect officer");
  await expect(page.getByText("Cyber Protect officer has been recorded.")).toBeVisible();
  await expect(page.getByTestId("post-years").getByRole("row", { name: /2018\/19/ })).toContainText(
    "365 of 365",
  );
  await screenshot(page, "funding-post-detail-desktop");

  await showContributions(page);
  await expect(rowOf(page, "Staffordshire Police")).toContainText("£12,834.46 over its share");
  await expect(page.getByTestId("transfer-sentence")).toHaveText([
    "West Midlands Police owes Staffordshire Police £12,834.46",
    "West Midlands Police owes Warwickshire Police £7,095.16",
    "West Midlands Police owes West Mercia Police £2,484.25",
  ]);
});

test("a post that is too much of a full-time post, for a force outside the formula, is refused field by field", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInAs(page, FINANCE_EMAIL);
  await page.goto("/funding/posts/new");
  await page.getByLabel("Role title").fill("Seconded analyst");
  await page.getByLabel("Force", { exact: true }).selectOption({ label: "Metropolitan Police Service" });
  await page.getByLabel("Contributes to").selectOption({ label: REGIONAL_FORMULA });
  await page.getByLabel("Full-time equivalent").fill("1.5");
  await page.getByLabel("Annual cost in pounds").fill("30,000");
  await page.getByLabel("Start date").fill("2018-06-01");
  await page.getByLabel("End date (optional)").fill("2018-05-31");
  await page.getByRole("button", { name: "Record the post" }).click();

  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeVisible();
  await expect(page).toHaveTitle(/^Error: Record a post/);
  await summary.getByRole("link", { name: "The full-time equivalent cannot be more than 1" }).click();
  await expect(page.getByLabel("Full-time equivalent")).toBeFocused();

  // Fixed in the browser, the server then names the force and the end date.
  await page.getByLabel("Full-time equivalent").fill("0.5");
  await page.getByRole("button", { name: "Record the post" }).click();
  await expect(summary.getByRole("link")).toHaveText([
    "Metropolitan Police Service pays no part of West Midlands ROCU force contributions",
    "The end date must be on or after the start date, 1 June 2018",
  ]);
  await expect(page.locator("#endsOn-error")).toContainText("on or after the start date");
  await expect(page.getByLabel("Role title")).toHaveValue("Seconded analyst");
  await expect(page.getByLabel("Annual cost in pounds")).toHaveValue("30,000");
  await screenshot(page, "funding-post-errors-desktop");

  await page.goto("/funding/posts?q=Seconded");
  await expect(page.getByTestId("posts-empty")).toBeVisible();
});

test("the staff posts screens at phone width", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, FINANCE_EMAIL);
  await page.goto("/funding/posts?financialYear=2018%2F19");
  await expect(page.getByTestId("post-row").first()).toBeVisible();
  await screenshot(page, "funding-posts-mobile");
  await showContributions(page);
  await screenshot(page, "funding-contributions-mobile");
  await page.goto("/funding/posts/new");
  await page.getByRole("button", { name: "Record the post" }).click();
  await expect(page.getByTestId("error-summary")).toBeVisible();
  await screenshot(page, "funding-post-form-mobile");
});

test("finance records a part payment of a balance, and the contributions show what is still owed", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInAs(page, FINANCE_EMAIL);
  await page.goto("/funding");
  await showContributions(page);
  // After the first journey's post: West Midlands owes Staffordshire £12,834.46, among others.
  const owed = "West Midlands Police owes Staffordshire Police £12,834.46";
  const transfer = page.getByTestId("transfer").filter({ hasText: owed });
  await transfer.getByRole("button", { name: `Record a payment of what ${owed}` }).click();
  const form = page.getByRole("form", { name: `Record a payment of what ${owed}` });
  const amount = form.getByLabel("Amount West Midlands Police paid Staffordshire Police, in pounds");
  await expect(amount).toHaveValue("12,834.46");

  // More than is owed is refused beside the amount, and nothing is lost.
  await amount.fill("13,000");
  await form.getByLabel("Date of the payment").fill("2019-05-15");
  await form.getByLabel("Reference").fill("WMP-REMIT-1187");
  await form.getByRole("button", { name: "Record the payment" }).click();
  await expect(form.locator("#payment-amount-error")).toContainText("settles at most £12,834.46");
  await expect(form.getByLabel("Reference")).toHaveValue("WMP-REMIT-1187");

  await amount.fill("10,000");
  await form.getByRole("button", { name: "Record the payment" }).click();
  await expect(
    page.getByRole("alert").filter({
      hasText: "Payment recorded: West Midlands Police paid Staffordshire Police £10,000.00 on 15 May 2019.",
    }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "Still to settle" })).toBeVisible();
  await expect(page.getByTestId("transfer-sentence")).toHaveText([
    "West Midlands Police owes Warwickshire Police £7,095.16",
    "West Midlands Police owes Staffordshire Police £2,834.46",
    "West Midlands Police owes West Mercia Police £2,484.25",
  ]);
  await expect(rowOf(page, "Staffordshire Police")).toContainText("Received £10,000.00");
  await expect(rowOf(page, "Staffordshire Police")).toContainText("£2,834.46 over its share");
  const payment = page.getByTestId("payment");
  await expect(payment).toHaveCount(1);
  await expect(payment).toContainText("WMP-REMIT-1187");
  await screenshot(page, "funding-contributions-paid-desktop");
  expect(await seriousAxeFindings(page, "contributions-paid")).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, "funding-contributions-paid-mobile");
  expect(await seriousAxeFindings(page, "contributions-paid-mobile")).toEqual([]);

  // The board reads the payments, and is offered no way to record one.
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInAs(page, BOARD_EMAIL);
  await page.goto("/funding");
  await showContributions(page);
  await expect(page.getByTestId("payment")).toContainText("WMP-REMIT-1187");
  await expect(page.getByRole("button", { name: /Record a payment/ })).toHaveCount(0);
});
