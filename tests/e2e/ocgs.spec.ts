import { expect, type Page, test } from "@playwright/test";
import {
  apiSignIn,
  DEMO_PASSWORD,
  screenshot,
  signInAsAnalyst,
  skipWithoutChromium,
  uniqueSuffix,
} from "./helpers.ts";

skipWithoutChromium();

/** The live score as a number, as the panel shows it. */
async function liveScore(page: Page): Promise<number> {
  const text = (await page.getByTestId("live-score-value").textContent()) ?? "";
  return Number(text.replace(/,/g, ""));
}

test("an analyst records an OCG and scores it", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInAsAnalyst(page);

  // The list, from the navigation.
  await page
    .getByRole("navigation", { name: "Areas" })
    .getByRole("link", { name: "Organised crime" })
    .click();
  await expect(page).toHaveURL(/\/organised-crime$/);
  await expect(page).toHaveTitle("Organised crime groups – Organised crime – ROCU Hub");
  const sections = page.getByRole("navigation", { name: "Organised crime" });
  await expect(sections.getByRole("link", { name: "Priority list" })).toBeVisible();
  await expect(sections.getByRole("link", { name: "Overdue actions" })).toBeVisible();

  // Record one: an empty form names every missing answer and keeps what was typed.
  await page.getByRole("link", { name: "Record an OCG" }).click();
  await expect(page).toHaveURL(/\/organised-crime\/ocgs\/new$/);
  await expect(page).toHaveTitle("Record an OCG – Organised crime – ROCU Hub");
  const suffix = uniqueSuffix();
  const name = `Operation Larch group ${suffix}`;
  await page.getByLabel("Aliases (optional)").fill("The Larches, Larch Crew");
  await page.getByRole("button", { name: "Record the OCG" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "Enter the name the group is known by" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Select the level of activity" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Choose the primary crime type" })).toBeVisible();
  await expect(page).toHaveTitle("Error: Record an OCG – Organised crime – ROCU Hub");
  await expect(page.getByLabel("Aliases (optional)")).toHaveValue("The Larches, Larch Crew");
  await summary.getByRole("link", { name: "Enter the name the group is known by" }).click();
  await expect(page.getByLabel("Name", { exact: true })).toBeFocused();

  await page.getByLabel("Name", { exact: true }).fill(name);
  const leadForce = page.getByLabel("Lead force");
  // A regional analyst may only choose forces of their own region.
  await expect(leadForce.locator("optgroup")).toHaveCount(1);
  await expect(leadForce.locator("optgroup")).toHaveAttribute("label", "West Midlands");
  await leadForce.selectOption({ label: "West Midlands" });
  await page.getByRole("radio", { name: "Regional priority (ROCU led)" }).check();
  await page.getByLabel("Primary crime type").selectOption({ label: "Drugs supply" });
  await page.getByRole("checkbox", { name: "Firearms" }).check();
  await page.getByRole("checkbox", { name: "Warwickshire" }).check();
  await page.getByLabel("Estimated size (optional)").fill("12");
  await expect(page.getByRole("radio", { name: "OFFICIAL-SENSITIVE" })).toBeChecked();
  await screenshot(page, "ocg-create-filled-desktop");
  await page.getByRole("button", { name: "Record the OCG" }).click();

  // Its record page: a new reference in the region's series, marked OFFICIAL-SENSITIVE top and bottom.
  await expect(page).toHaveURL(/\/organised-crime\/ocgs\/[0-9a-f-]{36}$/);
  const ocgUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Active");
  const reference = ((await page.getByTestId("ocg-reference").textContent()) ?? "").trim();
  expect(reference).toMatch(/^WM-OCG-\d{4}$/);
  await expect(page.getByText(`${reference} has been recorded.`)).toBeVisible();
  await expect(page).toHaveTitle(`${reference} ${name} – Organised crime – ROCU Hub`);
  await expect(page.locator(".rocu-classification")).toHaveCount(2);
  await expect(page.locator(".rocu-classification").first()).toContainText("OFFICIAL-SENSITIVE");
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("Organised crime");
  await expect(page.getByTestId("latest-score")).toContainText("Not scored yet");
  await expect(page.locator(".govuk-summary-list")).toContainText("The Larches, Larch Crew");
  await expect(page.locator(".govuk-summary-list")).toContainText("Warwickshire");
  await expect(page.locator(".govuk-summary-list")).toContainText("12 members");
  await expect(page.getByTestId("timeline")).toContainText(/Recorded|Created/i);

  // Score it: every dimension, watching the score and band move as the answers go in.
  await page.getByRole("link", { name: "Score this OCG" }).click();
  await expect(page).toHaveURL(new RegExp(`${ocgUrl}/assess$`));
  await expect(page).toHaveTitle(`Assess ${reference} – Organised crime – ROCU Hub`);
  const live = page.getByTestId("live-score");
  await expect(live).toHaveAttribute("aria-live", "polite");
  expect(await liveScore(page)).toBe(0);
  await expect(page.getByTestId("live-band")).toHaveText("Low");
  const dimensions = page.locator("[data-testid^='dimension-']");
  const count = await dimensions.count();
  expect(count).toBeGreaterThanOrEqual(5);
  const seen = new Set<number>();
  for (let index = 0; index < count; index += 1) {
    const dimension = dimensions.nth(index);
    const radios = dimension.getByRole("radio");
    // The top of every scale: the highest threat, risk and harm.
    await radios.nth((await radios.count()) - 1).check();
    await dimension.getByRole("textbox").fill(`Rationale ${index + 1}: corroborated intelligence.`);
    seen.add(await liveScore(page));
    if (index === 2) await screenshot(page, "ocg-assess-partial-desktop");
  }
  // The score changed as the ratings went in, and every dimension is rated now.
  expect(seen.size).toBeGreaterThan(1);
  await expect(live).toContainText(`${count} of ${count} dimensions rated`);
  expect(await liveScore(page)).toBe(100);
  await expect(page.getByTestId("live-band")).toHaveText("High");

  // Finalising asks for confirmation naming the OCG, and says final assessments are never edited.
  await page.getByRole("button", { name: "Finalise assessment" }).click();
  const confirm = page.getByRole("heading", { name: `Finalise the assessment of ${reference} ${name}?` });
  await expect(confirm).toBeFocused();
  await expect(page.getByText("A final assessment is never edited.")).toBeVisible();
  await screenshot(page, "ocg-assess-confirm-desktop");
  await page.getByRole("button", { name: `Yes, finalise the assessment of ${reference}` }).click();

  // The OCG page shows the score and band, and the history.
  await expect(page).toHaveURL(new RegExp(`${ocgUrl}$`));
  await expect(
    page.getByText(`The assessment of ${reference} is final: score 100, band High.`),
  ).toBeVisible();
  const latest = page.getByTestId("latest-score");
  await expect(latest).toContainText("100");
  await expect(latest).toContainText("High");
  await expect(page.getByRole("link", { name: "Re-assess" })).toBeVisible();
  const history = page.getByTestId("assessment-row");
  await expect(history).toHaveCount(1);
  await expect(history.first()).toContainText("Final");
  await expect(history.first()).toContainText("First final assessment");
  await expect(page.getByTestId("timeline")).toContainText(/assess/i);
  await screenshot(page, "ocg-detail-scored-desktop");

  // The list shows it with its score and band.
  await page
    .getByRole("navigation", { name: "Breadcrumb" })
    .getByRole("link", { name: "Organised crime" })
    .click();
  await page.getByLabel("Reference, name or alias").fill(reference);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${reference}`));
  await expect(page.getByTestId("ocgs-count")).toHaveText("1 group matches these filters.");
  const row = page.getByTestId("ocg-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(reference);
  await expect(row).toContainText("100");
  await expect(row).toContainText("High");
  await expect(row).toContainText("Active");

  // And so does the priority list.
  await page.goto("/organised-crime/priority");
  await expect(page).toHaveTitle("Priority list – Organised crime – ROCU Hub");
  const ranked = page.getByTestId("priority-row").filter({ hasText: reference });
  await expect(ranked).toHaveCount(1);
  await expect(ranked).toContainText("100");
  await expect(ranked).toContainText("High");
  await expect(ranked.locator("td").first()).toHaveText(/^\d+$/);
  await screenshot(page, "priority-list-desktop");
});

test("an analyst plans 4P actions, sees the overdue one flagged, and archives the OCG with a reason", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInAsAnalyst(page);
  await page.goto("/organised-crime/ocgs/new");
  const name = `Canal Street crew ${uniqueSuffix()}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Lead force").selectOption({ label: "Staffordshire" });
  await page.getByRole("radio", { name: "Local (neighbourhood)" }).check();
  await page.getByLabel("Primary crime type").selectOption({ label: "County lines" });
  await page.getByRole("button", { name: "Record the OCG" }).click();
  await expect(page).toHaveURL(/\/organised-crime\/ocgs\/[0-9a-f-]{36}$/);
  const reference = ((await page.getByTestId("ocg-reference").textContent()) ?? "").trim();

  // An action due in the past is overdue, and says so in words.
  await page.getByRole("button", { name: "Add an action to the plan" }).click();
  await expect(
    page.getByRole("heading", { name: `Add an action to the plan of ${reference}` }),
  ).toBeFocused();
  await page.getByRole("button", { name: "Add action" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Describe the action");
  await page.getByRole("radio", { name: "Pursue" }).check();
  await page.getByLabel("Action", { exact: true }).fill("Execute warrants at the two trap houses");
  await page.getByLabel("Owner").fill("Staffordshire SOC team");
  await page.getByLabel("Due date").fill("2024-01-31");
  await page.getByRole("button", { name: "Add action" }).click();
  await expect(page.getByText("The Pursue action has been added to the plan.")).toBeVisible();
  const action = page.getByTestId("strand-pursue").getByTestId("plan-action");
  await expect(action).toContainText("Execute warrants at the two trap houses");
  await expect(action).toContainText("Overdue");
  await expect(action).toContainText("31 January 2024");

  // It is on the overdue list, linked to its group.
  await page
    .getByRole("navigation", { name: "Breadcrumb" })
    .getByRole("link", { name: "Organised crime" })
    .click();
  await page
    .getByRole("navigation", { name: "Organised crime" })
    .getByRole("link", { name: "Overdue actions" })
    .click();
  await expect(page).toHaveTitle("Overdue plan actions – Organised crime – ROCU Hub");
  const overdue = page.getByTestId("overdue-action").filter({ hasText: reference });
  await expect(overdue).toContainText("Execute warrants at the two trap houses");
  await overdue.getByRole("link", { name: reference }).click();

  // Done: no longer overdue.
  await page.getByLabel(/New status of/).selectOption("done");
  await page.getByRole("button", { name: /^Update/ }).click();
  await expect(page.getByText("The action is now done.")).toBeVisible();
  await expect(page.getByTestId("strand-pursue").getByTestId("plan-action")).not.toContainText("Overdue");

  // Archiving needs a reason, asked in the same step.
  await page.getByRole("button", { name: "Change status" }).click();
  await expect(
    page.getByRole("heading", { name: `Change the status of ${reference} ${name}` }),
  ).toBeFocused();
  await page.getByRole("radio", { name: "Archive" }).check();
  await page.getByRole("button", { name: `Archive ${reference}` }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Give a reason for archiving the OCG");
  await page.getByLabel("Reason").fill("Network dismantled after Operation Kestrel convictions");
  await page.getByRole("button", { name: `Archive ${reference}` }).click();
  await expect(page.getByText(`${reference} is now archived.`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Archived");
  await expect(page.locator(".govuk-summary-list")).toContainText("Network dismantled");
  await expect(page.getByTestId("timeline")).toContainText("Archived");
  await expect(page.getByRole("link", { name: "Score this OCG" })).toHaveCount(0);
});

test("a re-assessment saved as a draft, then finalised, shows what changed; a draft model ranks the list side by side", async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInAsAnalyst(page);

  // A group with a final assessment in the middle of every scale, made through the API.
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
  const name = `Harbour Road network ${uniqueSuffix()}`;
  const ocg = await post("/ocgs", {
    name,
    leadForceId: "west-mercia",
    level: "force-dedicated",
    primaryCrimeType: "modern-slavery",
    classification: "OFFICIAL",
  });
  type Model = {
    id: string;
    status: string;
    definition: { dimensions: { key: string; weight: number; scale: { value: number }[] }[] };
  };
  const models = (await (await page.request.get("/api/v1/scoring-models")).json()) as { items: Model[] };
  const active = models.items.find((model) => model.status === "active");
  if (!active) throw new Error("no active scoring model");
  const middle = Object.fromEntries(
    active.definition.dimensions.map((dimension) => [
      dimension.key,
      { value: dimension.scale[Math.floor(dimension.scale.length / 2)]?.value ?? 0, rationale: "Baseline." },
    ]),
  );
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
  const first = await post(`/ocgs/${ocg.id}/assessments`, { assessedOn: today, ratings: middle });
  await post(`/assessments/${first.id}/finalise`, {});

  // An OFFICIAL record shows no marking banner.
  await page.goto(`/organised-crime/ocgs/${ocg.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.locator(".rocu-classification")).toHaveCount(0);
  const cardText =
    (await page.getByTestId("latest-score").locator(".rocu-score-card__score").textContent()) ?? "";
  const before = Number(cardText.match(/^[\d.]+/)?.[0]);

  // Re-assess: the answers start from the last final assessment; physical harm goes to the top.
  await page.getByRole("link", { name: "Re-assess" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Re-assess threat, risk and harm");
  expect(await liveScore(page)).toBe(before);
  const physical = page.getByTestId("dimension-physical");
  await physical.getByRole("radio").last().check();
  await physical.getByRole("textbox").fill("Firearms discharged at a rival in March.");
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page.getByText(/^Draft saved with a score of/)).toBeVisible();
  await expect(page).toHaveURL(/\?draft=[0-9a-f-]{36}$/);

  // The draft is listed on the record and can be continued, with its answers kept.
  await page
    .getByRole("navigation", { name: "Breadcrumb" })
    .getByRole("link", { name: ocg.reference })
    .click();
  const draftRow = page.getByTestId("assessment-row").filter({ hasText: "Draft" });
  await expect(draftRow).toContainText("not counted until finalised");
  await draftRow.getByRole("link", { name: /Continue/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Continue the draft assessment");
  await expect(page.getByTestId("dimension-psychological").getByRole("radio").nth(2)).toBeChecked();
  await expect(page.getByTestId("dimension-physical").getByRole("radio").last()).toBeChecked();
  await page.getByRole("button", { name: "Finalise assessment" }).click();
  await page.getByRole("button", { name: `Yes, finalise the assessment of ${ocg.reference}` }).click();

  // The record shows what changed from the previous final assessment.
  await expect(page).toHaveURL(new RegExp(`/organised-crime/ocgs/${ocg.id}$`));
  const rows = page.getByTestId("assessment-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText(new RegExp(`Score up [\\d.]+ from ${before}`));
  await rows.first().getByText("1 rating changed").click();
  await expect(rows.first()).toContainText("Physical harm: Moderate → Critical");
  await expect(rows.nth(1)).toContainText("First final assessment");

  // A supervisor drafts version 2, weighting financial harm far more.
  const supervisor = await playwright.request.newContext({ baseURL });
  const token = await apiSignIn(supervisor, "supervisor@demo.rocu.test", DEMO_PASSWORD);
  const definition = {
    ...active.definition,
    dimensions: active.definition.dimensions.map((dimension) =>
      dimension.key === "financial" ? { ...dimension, weight: 10 } : dimension,
    ),
  };
  const created = await supervisor.post("/api/v1/scoring-models", {
    data: { name: `Financial harm trial ${uniqueSuffix()}`, definition, notes: "Trial for the e2e journey" },
    headers: { "x-csrf-token": token },
  });
  expect(created.status(), await created.text()).toBe(201);
  const v2 = (await created.json()) as { id: string; version: number };
  await supervisor.dispose();

  // The priority list, side by side with version 2: rank under both and the movement in words.
  await page.goto("/organised-crime/priority");
  await page.getByLabel("Compare with model version").selectOption(v2.id);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`compareModelId=${v2.id}`));
  await expect(page.getByRole("columnheader", { name: `Rank under v${v2.version}` })).toBeVisible();
  const row = page.getByTestId("priority-row").filter({ hasText: ocg.reference });
  await expect(row).toContainText(/up \d+|down \d+|no change/);
  await screenshot(page, "priority-list-compare-desktop");
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, "priority-list-compare-mobile");
});
