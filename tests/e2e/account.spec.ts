import { expect, test } from "@playwright/test";
import { signInAsAdmin, skipWithoutChromium, uniqueSuffix } from "./helpers.ts";

skipWithoutChromium();

test("a user creates an API token, sees the secret once, and revokes it after confirming", async ({
  page,
}) => {
  await signInAsAdmin(page);
  await page.getByRole("link", { name: "My account" }).first().click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page).toHaveTitle("My account – ROCU Hub");

  const name = `E2E script ${uniqueSuffix()}`;
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("checkbox", { name: "Write" }).check();
  await page.getByLabel("Expires after (days)").fill("30");
  await page.getByRole("button", { name: "Create token" }).click();

  const secretPanel = page.getByTestId("token-secret");
  await expect(secretPanel).toContainText("Copy your new token now");
  await expect(secretPanel).toContainText("only time");
  const secret = await page.getByLabel("Token", { exact: true }).inputValue();
  expect(secret.length).toBeGreaterThan(20);

  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Active");
  await expect(row).toContainText("read, write");

  await page.getByRole("button", { name: "I have copied the token" }).click();
  await expect(secretPanel).toHaveCount(0);

  // The secret is never shown again, even after a reload.
  await page.reload();
  await expect(page.getByText(secret)).toHaveCount(0);

  await page
    .getByRole("row", { name: new RegExp(name) })
    .getByRole("button", { name: /Revoke/ })
    .click();
  const confirm = page.getByRole("heading", { name: `Revoke the token “${name}”?` });
  await expect(confirm).toBeFocused();
  await page.getByRole("button", { name: "Revoke token", exact: true }).click();
  await expect(page.getByText(`The token “${name}” has been revoked.`)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Revoked");
});

test("password change mistakes are reported in the summary and beside the field", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/account");
  const summary = page.getByTestId("error-summary");

  // Caught in the browser: the confirmation does not match.
  const newPassword = `Another-${uniqueSuffix()}-password`;
  await page.getByLabel("Current password").fill("definitely-not-my-password");
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm new password").fill("something else entirely");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(summary).toContainText("The passwords do not match");

  // Caught by the server: the current password is wrong. The user stays signed in.
  await page.getByLabel("Confirm new password").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(summary.getByRole("link", { name: "Your current password is incorrect" })).toBeVisible();
  await expect(page.locator("#current-password-error")).toContainText("Your current password is incorrect");
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
});

test("the area menu opens and closes on a narrow screen", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAsAdmin(page);
  const areas = page.getByRole("navigation", { name: "Areas" });
  const menu = areas.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  // Reports, still to come, is in every user's menu (administrators hold no funding.read).
  await expect(areas.getByRole("link", { name: "Reports" })).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await areas.getByRole("link", { name: "Reports" }).click();
  await expect(page).toHaveURL(/\/reports$/);
  await expect(page.getByRole("heading", { level: 1, name: "Reports" })).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "false");
});

test("an admin adds an organisation unit type", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/admin/unit-types");
  await expect(page).toHaveTitle("Organisation unit types – Admin – ROCU Hub");
  const code = `E2E_${uniqueSuffix().toUpperCase()}`.slice(0, 20);
  await page.getByLabel("Code").fill(code);
  await page.getByLabel("Name", { exact: true }).fill("E2E test unit");
  await page.getByLabel("Description (optional)").fill("Made by the browser tests");
  await page.getByRole("button", { name: "Add unit type" }).click();
  await expect(page.getByText("has been added")).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(code) })).toContainText("E2E test unit");
});
