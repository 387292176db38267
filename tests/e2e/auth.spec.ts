import { expect, test } from "@playwright/test";
import {
  ADMIN_EMAIL,
  apiSignIn,
  DEMO_PASSWORD,
  screenshot,
  seriousAxeFindings,
  signIn,
  skipWithoutChromium,
  uniqueSuffix,
  VIEWPORTS,
} from "./helpers.ts";

skipWithoutChromium();

test("admin signs in, sees their name in the header, and signs out", async ({ page, baseURL }) => {
  const elsewhere: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(baseURL ?? "http://127.0.0.1")) elsewhere.push(request.url());
  });
  await page.goto("/admin/users");
  // Not signed in: sent to the sign-in page, remembering where they were going.
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fusers/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to ROCU Hub" })).toBeVisible();
  await expect(page.getByTestId("demo-banner")).toContainText("Demo data — not for operational use");

  await page.getByLabel("Email address").fill(ADMIN_EMAIL);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page).toHaveTitle("Users – Admin – ROCU Hub");
  const header = page.getByTestId("signed-in-user");
  await expect(header).toBeVisible();
  const me = (await (await page.request.get("/api/v1/me")).json()) as { name: string; clearance: string };
  await expect(header).toContainText(me.name);
  await expect(header).toContainText(me.clearance);
  await expect(
    page.getByRole("navigation", { name: "Areas" }).getByRole("link", { name: "Admin" }),
  ).toBeVisible();

  // The GOV.UK typeface is served by ROCU Hub itself: nothing is fetched from anywhere else.
  const fontLoaded = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].some(
      (font) => font.family.includes("GDS Transport") && font.status === "loaded",
    );
  });
  expect(fontLoaded).toBe(true);
  expect(elsewhere).toEqual([]);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText("You have signed out of ROCU Hub.")).toBeVisible();
  await expect(page.getByTestId("signed-in-user")).toHaveCount(0);

  // The session really has gone.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?next=%2Faccount/);
});

test("a failed sign in shows the error summary linked to the field", async ({ page }) => {
  await signIn(page, `nobody-${uniqueSuffix()}@demo.rocu.test`, "not-the-right-password");
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("There is a problem");
  await expect(summary.getByRole("link", { name: "Email or password is incorrect" })).toBeVisible();
  await expect(page).toHaveTitle("Error: Sign in – ROCU Hub");
  await summary.getByRole("link").click();
  await expect(page.getByLabel("Email address")).toBeFocused();

  // Leaving the fields empty is caught before anything is sent.
  await page.getByLabel("Email address").fill("");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(summary.getByRole("link", { name: "Enter your email address" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Enter your password" })).toBeVisible();
});

test("a new user must change their password before reaching home", async ({ page, playwright, baseURL }) => {
  // The admin creates the account through the API.
  const admin = await playwright.request.newContext({ baseURL });
  const token = await apiSignIn(admin, ADMIN_EMAIL, DEMO_PASSWORD);
  const organisations = (await (await admin.get("/api/v1/organisations")).json()) as {
    items: { id: string; kind: string }[];
  };
  const organisation = organisations.items.find((item) => item.kind === "force") ?? organisations.items[0];
  expect(organisation).toBeDefined();
  const email = `e2e-new-${uniqueSuffix()}@example.police.uk`;
  const firstPassword = `First-${uniqueSuffix()}-Pass!`;
  const created = await admin.post("/api/v1/users", {
    headers: { "x-csrf-token": token },
    data: {
      email,
      name: "Pat Newstarter",
      organisationId: organisation?.id,
      roles: ["analyst"],
      scope: "force",
      clearance: "OFFICIAL",
      password: firstPassword,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  await admin.dispose();

  await signIn(page, email, firstPassword);
  await expect(page).toHaveURL(/\/change-password$/);
  await expect(page.getByRole("heading", { level: 1, name: "Change your password" })).toBeVisible();
  // No way round it: the areas are not offered, and other pages send them back.
  await expect(page.getByRole("navigation", { name: "Areas" })).toHaveCount(0);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/change-password\?next=%2Faccount$/);
  await page.goto("/change-password");
  await expect(page.getByRole("heading", { level: 1, name: "Change your password" })).toBeVisible();
  expect(await seriousAxeFindings(page, "change-password")).toEqual([]);
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await screenshot(page, `change-password-${viewport.name}`);
  }
  await page.setViewportSize({ width: 1366, height: 768 });

  // Mismatched confirmation is caught.
  const newPassword = `Brand-new-${uniqueSuffix()}-secret`;
  await page.getByLabel("Current password").fill(firstPassword);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm new password").fill(`${newPassword}x`);
  await page.getByRole("button", { name: "Change password and continue" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("The passwords do not match");

  await page.getByLabel("Current password").fill(firstPassword);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm new password").fill(newPassword);
  await page.getByRole("button", { name: "Change password and continue" }).click();

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Welcome to ROCU Hub, Pat Newstarter");
  await expect(page.getByTestId("signed-in-user")).toContainText("Pat Newstarter");
  await expect(
    page.getByRole("navigation", { name: "Areas" }).getByRole("link", { name: "Cyber crime" }),
  ).toBeVisible();
  // An analyst has no admin permissions.
  await expect(
    page.getByRole("navigation", { name: "Areas" }).getByRole("link", { name: "Admin" }),
  ).toHaveCount(0);

  // The new password works next time, with no further change asked for.
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, email, newPassword);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("signed-in-user")).toContainText("Pat Newstarter");
});

test("repeated failed sign ins lock the account, and the page says for how long", async ({ page }) => {
  test.setTimeout(120_000);
  const email = `locked-${uniqueSuffix()}@demo.rocu.test`;
  const summary = page.getByTestId("error-summary");
  for (let attempt = 1; attempt <= 6; attempt += 1) {
    await signIn(page, email, `wrong-password-${attempt}`);
    await expect(summary).toBeVisible({ timeout: 30_000 });
    if ((await summary.textContent())?.includes("locked")) break;
  }
  await expect(summary).toContainText(/Sign-in is locked for \d+ minutes?/);
  await expect(summary).toBeFocused();
});
