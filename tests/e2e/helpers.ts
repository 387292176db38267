import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";

/** Must match ROCU_DEMO_PASSWORD in playwright.config.ts. */
export const DEMO_PASSWORD = "e2e-demo-password-2026";
export const ADMIN_EMAIL = "admin@demo.rocu.test";
/** A regional analyst of ROCUWM (West Midlands), cleared to OFFICIAL-SENSITIVE. */
export const ANALYST_EMAIL = "analyst@demo.rocu.test";
/** The demo applicant: Worcestershire Community Safety Partnership, in the West Mercia force area. */
export const APPLICANT_EMAIL = "applicant@demo.rocu.test";
/** The demo board member: ROCUWM, reviews bids and reads funding. */
export const BOARD_EMAIL = "board@demo.rocu.test";
/** The demo finance officer: West Mercia Police, region scope, manages money. */
export const FINANCE_EMAIL = "finance@demo.rocu.test";
/** The demo budget pot the Alliance commissioners set aside. */
export const DEMO_POT = "Alliance rural, business and cyber crime fund";

/** Skips every test when the config found no Chromium (never in CI: the config fails there). */
export function skipWithoutChromium(): void {
  const reason = process.env.ROCU_E2E_SKIP;
  test.skip(Boolean(reason), `SKIPPED: ${reason ?? ""}`);
}

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in as another demo user, leaving the session before it. */
export async function signInAs(page: Page, email: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, email, DEMO_PASSWORD);
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
}

export async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page, ADMIN_EMAIL, DEMO_PASSWORD);
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
}

export async function signInAsAnalyst(page: Page): Promise<void> {
  await signIn(page, ANALYST_EMAIL, DEMO_PASSWORD);
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
}

/** Signs in through the API and returns a CSRF token for later writes in the same context. */
export async function apiSignIn(
  request: APIRequestContext,
  email: string,
  password: string,
): Promise<string> {
  const login = await request.post("/api/v1/auth/login", {
    data: { email, password },
    headers: { "x-csrf-token": await csrf(request) },
  });
  expect(login.status(), await login.text()).toBe(200);
  return csrf(request);
}

async function csrf(request: APIRequestContext): Promise<string> {
  const response = await request.get("/api/v1/auth/csrf");
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { token: string };
  return body.token;
}

export interface AxeFinding {
  page: string;
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe-core and returns its serious and critical findings (printing them). */
export async function seriousAxeFindings(page: Page, name: string): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page }).analyze();
  const findings = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      page: name,
      id: violation.id,
      impact: violation.impact ?? "unknown",
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
  for (const finding of findings) {
    console.log(
      `axe ${finding.impact} on ${finding.page}: ${finding.id} — ${finding.help}\n    ${finding.targets.join("\n    ")}`,
    );
  }
  return findings;
}

export const VIEWPORTS = [
  { name: "desktop", width: 1366, height: 768 },
  { name: "mobile", width: 390, height: 844 },
] as const;

/** A full-page screenshot into test-results/screenshots/ (not committed). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}
