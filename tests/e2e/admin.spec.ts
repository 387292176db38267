import { expect, test } from "@playwright/test";
import { signInAsAdmin, skipWithoutChromium, uniqueSuffix } from "./helpers.ts";

skipWithoutChromium();

test("admin creates a user, finds it in the list, and sees user.create in the audit log", async ({
  page,
}) => {
  await signInAsAdmin(page);
  await page.getByRole("navigation", { name: "Areas" }).getByRole("link", { name: "Admin" }).click();
  await page.getByRole("link", { name: "Users", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await page.getByRole("link", { name: "Create user" }).click();
  await expect(page).toHaveURL(/\/admin\/users\/new$/);
  await expect(page).toHaveTitle("Create a user – Admin – ROCU Hub");

  // Submitting an empty form lists every problem, and keeps what was typed.
  await page.getByLabel("Full name").fill("Robin E2E");
  await page.getByRole("button", { name: "Create user" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "Enter the user’s email address" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Select at least one role" })).toBeVisible();
  await expect(page).toHaveTitle("Error: Create a user – Admin – ROCU Hub");
  await expect(page.getByLabel("Full name")).toHaveValue("Robin E2E");

  const suffix = uniqueSuffix();
  const email = `e2e-${suffix}@example.police.uk`;
  const name = `Robin E2E ${suffix}`;
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email address").fill(email);
  const organisation = page.getByLabel("Organisation");
  const firstForce = await organisation
    .locator("optgroup[label='Police forces'] option")
    .first()
    .getAttribute("value");
  await organisation.selectOption(firstForce ?? { index: 1 });
  await page.getByRole("checkbox", { name: "Analyst" }).check();
  await page.getByRole("checkbox", { name: "Investigator" }).check();
  await page.getByRole("radio", { name: /^Force/ }).check();
  await page.getByRole("radio", { name: "OFFICIAL", exact: true }).check();
  await page.getByLabel("First password").fill(`Welcome-${suffix}-to-rocu`);
  await page.getByRole("button", { name: "Create user" }).click();

  // The new user's record page.
  await expect(page).toHaveURL(/\/admin\/users\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.getByText("The user has been created.")).toBeVisible();
  await expect(page.getByText("Must change at next sign in")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("Users");
  await expect(page).toHaveTitle(`${name} – Users – Admin – ROCU Hub`);
  const userId = decodeURIComponent(page.url().split("/").pop() ?? "");

  // It is in the list: search for it through the filters, which live in the URL.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Users" }).click();
  await page.getByLabel("Name or email").fill(email);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(email).replace(/\./g, "\\.")}`));
  await expect(page.getByTestId("users-count")).toContainText("1 user");
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Analyst, Investigator");

  // The audit log, reached from the user's page, shows the creation.
  await row.getByRole("link", { name }).click();
  await page.getByRole("link", { name: "View the audit log for this user" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/audit\\?entityId=${encodeURIComponent(userId)}`));
  await expect(page.getByLabel("Record id")).toHaveValue(userId);
  const createRow = page.getByTestId("audit-row").filter({ hasText: "user.create" });
  await expect(createRow).toHaveCount(1);
  await expect(createRow).toContainText(userId);
  await createRow.getByText(/\d+ changes?/).click();
  await expect(createRow).toContainText(email);

  // And the chain verifies.
  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByTestId("verify-result")).toContainText(/Intact — [\d,]+ events? checked/);
});

test("admin disables and re-enables a user, with confirmation naming them", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/admin/users?q=board%40demo.rocu.test");
  await page.getByRole("row").nth(1).getByRole("link").first().click();
  const name = ((await page.getByRole("heading", { level: 1 }).textContent()) ?? "")
    .replace(/\s*Active$/, "")
    .trim();

  await page.getByRole("button", { name: "Disable user" }).click();
  await expect(page.getByRole("heading", { name: `Disable ${name}?` })).toBeFocused();
  await page.getByRole("button", { name: `Yes, disable ${name}` }).click();
  await expect(page.getByText("The user has been disabled.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Disabled");

  await page.getByRole("button", { name: "Enable user" }).click();
  await page.getByRole("button", { name: `Yes, enable ${name}` }).click();
  await expect(page.getByText("The user has been enabled.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Active");
});

test("the users list sorts and pages on the server, with both in the URL", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/admin/users?pageSize=3");
  const count = page.getByTestId("users-count");
  await expect(count).toContainText(/showing 1 to 3/);
  const total = Number(((await count.textContent()) ?? "").match(/^([\d,]+) users/)?.[1]?.replace(/,/g, ""));
  expect(total).toBeGreaterThanOrEqual(8);
  const pages = page.getByRole("navigation", { name: "Pages of users" });
  await pages.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(count).toContainText(/showing 4 to 6/);
  await expect(pages.getByRole("link", { name: "Page 2" })).toHaveAttribute("aria-current", "page");

  // Sorting by email, descending: the URL records it and the first row changes.
  await page.getByRole("link", { name: /^Email/ }).click();
  await expect(page).toHaveURL(/sort=email/);
  await expect(page).not.toHaveURL(/page=2/);
  await expect(page.getByRole("columnheader", { name: /Email/ })).toHaveAttribute("aria-sort", "ascending");
  const firstAscending = await page.getByRole("row").nth(1).textContent();
  await page.getByRole("link", { name: /^Email/ }).click();
  await expect(page).toHaveURL(/sort=-email/);
  await expect(page.getByRole("columnheader", { name: /Email/ })).toHaveAttribute("aria-sort", "descending");
  await expect(page.getByRole("row").nth(1)).not.toHaveText(firstAscending ?? "");

  // Filtering by role keeps only that role; the back button returns to the previous list.
  await page.getByLabel("Role").selectOption("finance");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/role=finance/);
  await expect(page.getByRole("row").nth(1)).toContainText("Finance");
  await page.goBack();
  await expect(page).toHaveURL(/sort=-email/);
  await expect(page).not.toHaveURL(/role=finance/);
});

test("unknown pages show the not found page", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page).toHaveTitle("Page not found – ROCU Hub");
});

test("admin adds a commissioner's office, and a second one for the same force area is refused", async ({
  page,
}) => {
  await signInAsAdmin(page);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Organisations", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Organisations" })).toBeVisible();

  // Nothing chosen: each field is named in the summary and beside itself.
  await page.getByRole("button", { name: "Add organisation" }).click();
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toContainText("Enter the organisation's name");
  await expect(summary).toContainText("Choose whether it is a commissioner's office");
  await expect(summary).toContainText("Choose the force area it belongs to");

  await page.getByLabel("Name").fill("Office of the Police and Crime Commissioner for Cumbria");
  await page.getByLabel("Office of the Police and Crime Commissioner").check();
  await page.getByLabel("Force area").selectOption({ label: "Cumbria" });
  await page.getByRole("button", { name: "Add organisation" }).click();
  await expect(page.getByRole("alert").or(page.locator(".govuk-notification-banner--success"))).toContainText(
    "Office of the Police and Crime Commissioner for Cumbria has been added",
  );

  await page.getByRole("link", { name: "Office of the Police and Crime Commissioner", exact: true }).click();
  await expect(page).toHaveURL(/kind=opcc/);
  const added = page.getByRole("row", { name: /Commissioner for Cumbria/ });
  await expect(added).toContainText("Cumbria");
  await expect(page.getByTestId("organisations")).not.toContainText("West Midlands Police");

  await page.getByLabel("Name").fill("Cumbria's other office");
  await page.getByLabel("Office of the Police and Crime Commissioner").check();
  await page.getByLabel("Force area").selectOption({ label: "Cumbria" });
  await page.getByRole("button", { name: "Add organisation" }).click();
  await expect(page.locator("#organisation-force-error")).toContainText(
    "Cumbria already has a commissioner's office: Office of the Police and Crime Commissioner for Cumbria",
  );
  await expect(page.getByRole("row", { name: /other office/ })).toHaveCount(0);
});
