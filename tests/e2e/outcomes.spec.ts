import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, screenshot, signIn, skipWithoutChromium, uniqueSuffix } from "./helpers.ts";

skipWithoutChromium();

const INVESTIGATOR_EMAIL = "investigator@demo.rocu.test";
const BOARD_EMAIL = "board@demo.rocu.test";

test("an investigator records a conviction and finds it in the totals, in years", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, INVESTIGATOR_EMAIL, DEMO_PASSWORD);
  await expect(page.getByTestId("signed-in-user")).toBeVisible();

  await page.goto("/organised-crime/outcomes");
  await expect(page).toHaveTitle("Outcomes – Organised crime – ROCU Hub");
  await page.getByRole("link", { name: "Record an outcome" }).click();
  await expect(page).toHaveURL(/\/organised-crime\/outcomes\/new$/);

  // An empty form names every missing answer.
  await page.getByRole("button", { name: "Record the outcome" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "Choose the kind of outcome" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Choose the operation" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Enter the date" })).toBeVisible();
  await expect(page).toHaveTitle("Error: Record an outcome – Organised crime – ROCU Hub");

  // A conviction asks for the offence and the sentence, and names them when they are missing.
  await page.getByRole("radio", { name: "Conviction" }).check();
  await page.getByLabel("Operation", { exact: true }).selectOption({ label: "Operation HALYARD" });
  // Halyard targets one group: it is chosen already.
  await expect(page.getByLabel("OCG", { exact: true })).not.toHaveValue("");
  await page.getByLabel("Date", { exact: true }).fill("2024-05-10");
  await page.getByRole("button", { name: "Record the outcome" }).click();
  await expect(
    summary.getByRole("link", { name: "Enter the offence the person was convicted of" }),
  ).toBeVisible();
  await expect(summary.getByRole("link", { name: /Enter the sentence in months/ })).toBeVisible();
  await expect(page.getByLabel("Date", { exact: true })).toHaveValue("2024-05-10");

  const offence = `Conspiracy to supply cocaine ${uniqueSuffix()}`;
  await page.getByLabel("Offence").fill(offence);
  await page.getByLabel("Sentence in months").fill("30");
  await page.getByRole("radio", { name: "OFFICIAL", exact: true }).check();
  await screenshot(page, "outcome-conviction-filled-desktop");
  await page.getByRole("button", { name: "Record the outcome" }).click();

  await expect(page).toHaveURL(/\/organised-crime\/outcomes\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Conviction: ${offence}`);
  await expect(page.getByText("has been recorded.")).toBeVisible();
  await expect(page.getByText("30 months (2.5 years)")).toBeVisible();

  // The totals show the sentence in years, and the figure leads to the records behind it.
  await page
    .getByRole("navigation", { name: "Organised crime" })
    .getByRole("link", { name: "Totals" })
    .click();
  await expect(page).toHaveURL(/\/organised-crime\/totals$/);
  const people = page.getByTestId("totals-people");
  const year = people.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "2024/25" }) });
  await expect(year).toHaveCount(1);
  const sentences = year.getByRole("link", { name: /^2\.5 years of sentences, 2024\/25$/ });
  await expect(sentences).toBeVisible();
  await expect(year.getByRole("link", { name: "1 person convicted, 2024/25" })).toBeVisible();
  await screenshot(page, "outcome-totals-desktop");
  await sentences.click();

  await expect(page).toHaveURL(/\/organised-crime\/outcomes\?from=2024-04-01&to=2025-03-31&kind=conviction$/);
  await expect(page.getByTestId("outcomes-count")).toHaveText("1 outcome matches these filters.");
  await expect(page.getByTestId("outcome-row")).toHaveCount(1);
  await expect(page.getByTestId("outcome-row")).toContainText(offence);
  await expect(page.getByTestId("outcome-row")).toContainText("30 months sentence");
});

test("a board member reads the totals but not the outcomes", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, BOARD_EMAIL, DEMO_PASSWORD);
  await expect(page.getByTestId("signed-in-user")).toBeVisible();

  // The area opens on the totals, the one part of it a board member holds.
  await page
    .getByRole("navigation", { name: "Areas" })
    .getByRole("link", { name: "Organised crime" })
    .click();
  await expect(page).toHaveURL(/\/organised-crime\/totals$/);
  await expect(page.getByRole("heading", { level: 1, name: "Totals" })).toBeVisible();
  const totals = page.getByTestId("outcome-totals");
  await expect(totals.getByTestId("totals-people")).toBeVisible();
  // Numbers only: nothing leads to records they may not read.
  await expect(totals.getByRole("link")).toHaveCount(0);

  await page.goto("/organised-crime/outcomes");
  await expect(
    page.getByRole("heading", { level: 1, name: "You do not have access to this page" }),
  ).toBeVisible();
});
