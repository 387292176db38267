import { expect, type Page, test } from "@playwright/test";
import {
  type AxeFinding,
  screenshot,
  seriousAxeFindings,
  signInAsAdmin,
  skipWithoutChromium,
  VIEWPORTS,
} from "./helpers.ts";

skipWithoutChromium();

async function settle(page: Page, heading: string | RegExp): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expect(page.locator(".rocu-loading")).toHaveCount(0);
}

test("main pages have no serious or critical axe findings, at desktop and mobile widths", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const findings: AxeFinding[] = [];
  /** axe-core and a screenshot at 1366×768 and at 390×844. */
  async function check(name: string): Promise<void> {
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      findings.push(...(await seriousAxeFindings(page, `${name} (${viewport.name})`)));
      await screenshot(page, `${name}-${viewport.name}`);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  }

  await page.goto("/login");
  await settle(page, "Sign in to ROCU Hub");
  await check("login");

  await signInAsAdmin(page);
  await settle(page, /Welcome to ROCU Hub/);
  await check("home");

  for (const [slug, name] of [
    ["organised-crime", "Organised crime"],
    ["cyber-crime", "Cyber crime"],
    ["prevent-protect", "Prevent & Protect"],
    ["funding", "Funding"],
    ["reports", "Reports"],
  ] as const) {
    await page.goto(`/${slug}`);
    await settle(page, name);
    await expect(page).toHaveTitle(`${name} – ROCU Hub`);
    await check(`area-${slug}`);
  }

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

  await page.goto("/not-a-real-page");
  await settle(page, "Page not found");
  await check("not-found");

  expect(findings, findings.map((f) => `${f.page}: ${f.id} (${f.impact}) ${f.help}`).join("\n")).toEqual([]);
});
