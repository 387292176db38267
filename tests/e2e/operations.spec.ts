import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, screenshot, signIn, skipWithoutChromium, uniqueSuffix } from "./helpers.ts";

skipWithoutChromium();

/** A West Midlands investigator, cleared to OFFICIAL-SENSITIVE: runs the force's operations. */
const INVESTIGATOR_EMAIL = "investigator@demo.rocu.test";
const TARGET = "Demo: Harbour Street network";

test("an investigator records an operation against a demo OCG, activates it and closes it with a result summary", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, INVESTIGATOR_EMAIL, DEMO_PASSWORD);
  await expect(page.getByTestId("signed-in-user")).toBeVisible();

  // The list, from the section navigation, shows the demo operations.
  await page.goto("/organised-crime");
  await page
    .getByRole("navigation", { name: "Organised crime" })
    .getByRole("link", { name: "Operations" })
    .click();
  await expect(page).toHaveURL(/\/organised-crime\/operations$/);
  await expect(page).toHaveTitle("Operations – Organised crime – ROCU Hub");
  await expect(page.getByTestId("operation-row").filter({ hasText: "CORMORANT" })).toContainText("Active");
  await expect(page.getByTestId("operation-row").filter({ hasText: "HALYARD" })).toContainText("Closed");

  // An empty form names what is missing and keeps what was typed.
  await page.getByRole("link", { name: "Record an operation" }).click();
  await expect(page).toHaveURL(/\/organised-crime\/operations\/new$/);
  await page.getByLabel("Start date (optional)").fill("2026-01-12");
  await page.getByRole("button", { name: "Record the operation" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "Enter the operation's code name" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Choose who leads the operation" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Choose at least one target OCG" })).toBeVisible();
  await expect(page).toHaveTitle("Error: Record an operation – Organised crime – ROCU Hub");
  await expect(page.getByLabel("Start date (optional)")).toHaveValue("2026-01-12");
  await summary.getByRole("link", { name: "Enter the operation's code name" }).click();
  await expect(page.getByLabel("Code name")).toBeFocused();

  const codeName = `LARK${uniqueSuffix().toUpperCase()}`;
  await page.getByLabel("Code name").fill(codeName);
  await page.getByLabel("Lead", { exact: true }).selectOption({ label: "West Midlands Police" });
  await expect(page.getByLabel("Host force")).toHaveValue("west-midlands");
  await page.getByRole("radio", { name: "Force priority — dedicated OCG" }).check();
  await page.getByRole("radio", { name: /^Me \(/ }).check();
  await page.getByLabel("Find a group by reference, name or alias").fill("Harbour Street");
  const target = page.getByRole("checkbox", { name: new RegExp(TARGET) });
  await target.check();
  await expect(page.getByRole("radio", { name: "OFFICIAL-SENSITIVE" })).toBeChecked();
  await screenshot(page, "operation-create-filled-desktop");
  await page.getByRole("button", { name: "Record the operation" }).click();

  // Its page: proposed, with the target linked and the marking shown.
  await expect(page).toHaveURL(/\/organised-crime\/operations\/[0-9a-f-]{36}$/);
  await expect(page.getByText(`Operation ${codeName} has been recorded.`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(codeName);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Proposed");
  await expect(page).toHaveTitle(`Operation ${codeName} – Organised crime – ROCU Hub`);
  await expect(page.locator(".rocu-classification").first()).toContainText("OFFICIAL-SENSITIVE");
  await expect(page.getByTestId("operation-targets")).toContainText(TARGET);
  await expect(page.locator(".govuk-summary-list")).toContainText("Ivan Investigator (demo)");
  await expect(page.locator(".govuk-summary-list")).toContainText("12 January 2026");

  // Activate, confirming by name.
  await page.getByRole("button", { name: `Activate Operation ${codeName}` }).click();
  await expect(page.getByRole("heading", { name: `Activate Operation ${codeName}?` })).toBeFocused();
  await page.getByRole("button", { name: `Yes, activate Operation ${codeName}` }).click();
  await expect(page.getByText(`Operation ${codeName} is now active.`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Active");

  // Closing needs a result summary, asked in the same step.
  await page.getByRole("button", { name: `Close Operation ${codeName}` }).click();
  await page.getByRole("button", { name: `Yes, close Operation ${codeName}` }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Give a summary of the operation's results");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Active");
  await screenshot(page, "operation-close-error-desktop");
  await page
    .getByLabel("Result summary")
    .fill("Two arrested and charged; 2 kg of cocaine and £18,000 seized.");
  await page.getByRole("button", { name: `Yes, close Operation ${codeName}` }).click();
  await expect(page.getByText(`Operation ${codeName} is now closed.`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Closed");
  await expect(page.locator(".govuk-summary-list")).toContainText("Two arrested and charged");
  // Closed is final: no status actions are left.
  await expect(page.getByRole("button", { name: /Operation/ })).toHaveCount(0);
  await screenshot(page, "operation-closed-desktop");

  // The target's page lists the operation.
  await page.getByTestId("operation-targets").getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(TARGET);
  const listed = page.getByTestId("ocg-operation").filter({ hasText: codeName });
  await expect(listed).toContainText("Closed");
  await listed.scrollIntoViewIfNeeded();
  await screenshot(page, "ocg-detail-operations-desktop");
  // Recording another from the group's page starts with the group as a target.
  await page.getByRole("link", { name: "Record an operation against this group" }).click();
  await expect(page.getByRole("checkbox", { name: new RegExp(TARGET) })).toBeChecked();
  await page.goBack();
  await listed.getByRole("link", { name: codeName }).click();
  await expect(page).toHaveTitle(`Operation ${codeName} – Organised crime – ROCU Hub`);
});
