import { expect, type Page, test } from "@playwright/test";
import {
  type AxeFinding,
  screenshot,
  seriousAxeFindings,
  signInAsAdmin,
  signInAsAnalyst,
  skipWithoutChromium,
  uniqueSuffix,
  VIEWPORTS,
} from "./helpers.ts";

skipWithoutChromium();

/** axe-core and a screenshot at 1366×768 and at 390×844, collecting serious and critical findings. */
function checker(page: Page, findings: AxeFinding[]): (name: string) => Promise<void> {
  return async (name) => {
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      findings.push(...(await seriousAxeFindings(page, `${name} (${viewport.name})`)));
      await screenshot(page, `${name}-${viewport.name}`);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  };
}

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
  const check = checker(page, findings);

  await page.goto("/login");
  await settle(page, "Sign in to ROCU Hub");
  await check("login");

  await signInAsAdmin(page);
  await settle(page, /Welcome to ROCU Hub/);
  await check("home");

  for (const [slug, name] of [
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

test("organised crime pages have no serious or critical axe findings, at desktop and mobile widths", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const findings: AxeFinding[] = [];
  const check = checker(page, findings);
  await signInAsAnalyst(page);

  // A scored group with an overdue action, made through the API as the analyst.
  const csrf = async () =>
    ((await (await page.request.get("/api/v1/auth/csrf")).json()) as { token: string }).token;
  const post = async (path: string, data: unknown) => {
    const response = await page.request.post(`/api/v1${path}`, {
      data,
      headers: { "x-csrf-token": await csrf() },
    });
    expect(response.status(), await response.text()).toBeLessThan(300);
    return (await response.json()) as { id: string; reference: string };
  };
  const ocg = await post("/ocgs", {
    name: `Axe check group ${uniqueSuffix()}`,
    aliases: ["The Checkers"],
    leadForceId: "west-midlands",
    level: "regional",
    primaryCrimeType: "drugs-supply",
    secondaryCrimeTypes: ["firearms", "money-laundering"],
    forcesAffected: ["warwickshire"],
    areasAffected: "Birmingham city centre, Coventry",
    estimatedSize: 9,
    classification: "OFFICIAL-SENSITIVE",
  });
  await post(`/ocgs/${ocg.id}/plan-actions`, {
    strand: "pursue",
    description: "Financial investigation into the group's cash businesses",
    owner: "ROCU financial investigation unit",
    dueOn: "2024-03-31",
  });
  await post(`/ocgs/${ocg.id}/plan-actions`, {
    strand: "protect",
    description: "Visit car washes suspected of labour exploitation",
    owner: "Partnership team",
    dueOn: "2099-06-30",
  });
  const models = (await (await page.request.get("/api/v1/scoring-models")).json()) as {
    items: { status: string; definition: { dimensions: { key: string; scale: { value: number }[] }[] } }[];
  };
  const active = models.items.find((model) => model.status === "active");
  const ratings = Object.fromEntries(
    (active?.definition.dimensions ?? []).map((dimension, index) => [
      dimension.key,
      {
        value: dimension.scale[Math.min(dimension.scale.length - 1, 1 + (index % 3))]?.value ?? 0,
        rationale: "Corroborated by two sources.",
      },
    ]),
  );
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
  const first = await post(`/ocgs/${ocg.id}/assessments`, { assessedOn: today, ratings });
  await post(`/assessments/${first.id}/finalise`, {});

  await page.goto("/organised-crime");
  await settle(page, "Organised crime groups");
  await check("ocg-list");

  await page.goto("/organised-crime/ocgs/new");
  await settle(page, "Record an organised crime group");
  await check("ocg-create");
  await page.getByRole("button", { name: "Record the OCG" }).click();
  await expect(page.getByTestId("error-summary")).toBeVisible();
  await check("ocg-create-errors");

  await page.goto(`/organised-crime/ocgs/${ocg.id}`);
  await settle(page, /Axe check group/);
  await expect(page.getByTestId("assessment-row")).toHaveCount(1);
  await expect(page.getByTestId("timeline")).toBeVisible();
  await check("ocg-detail");
  await page.getByRole("button", { name: "Change status" }).click();
  await page.getByRole("button", { name: "Add an action to the plan" }).click();
  await check("ocg-detail-forms");

  await page.goto(`/organised-crime/ocgs/${ocg.id}/edit`);
  await settle(page, /Change the details of/);
  await check("ocg-edit");

  await page.goto(`/organised-crime/ocgs/${ocg.id}/assess`);
  await settle(page, "Re-assess threat, risk and harm");
  await page.getByRole("radio", { name: "3 – Substantial" }).first().check();
  await check("ocg-assess");
  // A re-assessment starts from the last final one: blank a rationale to see the errors.
  await page.getByLabel("Rationale for physical harm").fill("");
  await page.getByRole("button", { name: "Finalise assessment" }).click();
  await expect(page.getByTestId("error-summary")).toBeVisible();
  await check("ocg-assess-errors");

  await page.goto("/organised-crime/priority");
  await settle(page, "Priority list");
  await check("priority-list");

  await page.goto("/organised-crime/actions");
  await settle(page, "Overdue plan actions");
  await check("overdue-actions");

  expect(findings, findings.map((f) => `${f.page}: ${f.id} (${f.impact}) ${f.help}`).join("\n")).toEqual([]);
});
