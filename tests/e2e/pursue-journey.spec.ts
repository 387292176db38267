import { expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD, screenshot, signIn, skipWithoutChromium, uniqueSuffix } from "./helpers.ts";

skipWithoutChromium();

/**
 * The Pursue journey. Its claims are dated in a month no other journey or the demo data
 * uses, so the panel set up for that month hears only them and the month's totals are theirs.
 */
const MONTH = "2018-11";
const MONTH_LABEL = "Nov 2018";

async function signInAs(page: Page, role: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, `${role}@demo.rocu.test`, DEMO_PASSWORD);
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
}

/** A JSON write through the API as the signed-in user, as the browser's own session would send it. */
async function post(page: Page, path: string, data?: unknown): Promise<{ id: string; reference: string }> {
  const csrf = (await (await page.request.get("/api/v1/auth/csrf")).json()) as { token: string };
  const response = await page.request.post(`/api/v1${path}`, {
    ...(data === undefined ? {} : { data }),
    headers: { "x-csrf-token": csrf.token },
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
  return (await response.json()) as { id: string; reference: string };
}

test("an analyst scores an OCG, an investigator claims a major disruption, a moderator regrades it minor at the panel, and the totals count it as minor", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 768 });

  // The analyst records a group led by West Midlands and scores it.
  await signInAs(page, "analyst");
  await page.goto("/organised-crime/ocgs/new");
  const name = `Foundry Lane network ${uniqueSuffix()}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Lead force").selectOption({ label: "West Midlands" });
  await page.getByRole("radio", { name: "Regional priority (ROCU led)" }).check();
  await page.getByLabel("Primary crime type").selectOption({ label: "Drugs supply" });
  await page.getByRole("button", { name: "Record the OCG" }).click();
  await expect(page).toHaveURL(/\/organised-crime\/ocgs\/[0-9a-f-]{36}$/);
  const ocgUrl = new URL(page.url()).pathname;
  const reference = ((await page.getByTestId("ocg-reference").textContent()) ?? "").trim();
  expect(reference).toMatch(/^WM-OCG-\d{4}$/);

  await page.getByRole("link", { name: "Score this OCG" }).click();
  const dimensions = page.locator("[data-testid^='dimension-']");
  await expect(dimensions.first()).toBeVisible();
  for (let index = 0; index < (await dimensions.count()); index += 1) {
    const dimension = dimensions.nth(index);
    await dimension.getByRole("radio").last().check();
    await dimension.getByRole("textbox").fill(`Rationale ${index + 1}: corroborated intelligence.`);
  }
  await page.getByRole("button", { name: "Finalise assessment" }).click();
  await page.getByRole("button", { name: `Yes, finalise the assessment of ${reference}` }).click();
  await expect(page).toHaveURL(new RegExp(`${ocgUrl}$`));
  await expect(page.getByTestId("latest-score")).toContainText("High");

  // The investigator claims a moderate disruption through the API first, so the panel has two claims
  // to go through, then claims the major one through the form.
  await signInAs(page, "investigator");
  const ocgId = ocgUrl.split("/").pop() ?? "";
  const earlier = await post(page, "/disruptions", {
    ocgId,
    disruptedOn: `${MONTH}-03`,
    claimedGrade: "moderate",
    strand: "protect",
    narrative: "Two premises used for storage closed under partnership powers.",
    classification: "OFFICIAL",
  });
  await post(page, `/disruptions/${earlier.id}/submit`);

  await page.goto(ocgUrl);
  const section = page.getByTestId("ocg-disruptions");
  await expect(section).toContainText(earlier.reference);
  await expect(section).toContainText("Moderated grades only: 0 major, 0 moderate, 0 minor");
  await page.goto("/organised-crime/outcomes");
  await page
    .getByRole("navigation", { name: "Organised crime" })
    .getByRole("link", { name: "Disruptions" })
    .click();
  await expect(page).toHaveTitle("Disruptions – Organised crime – ROCU Hub");
  await page.getByRole("link", { name: "Claim a disruption" }).click();
  await expect(page).toHaveURL(/\/organised-crime\/disruptions\/new$/);

  // An empty form names every missing answer and keeps what was typed.
  await page.getByLabel("Evidence references (optional)").fill("EXH/JP/1 cash count\nCAD 4471 of 14/11");
  await page.getByRole("button", { name: "Save as draft" }).click();
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  for (const text of [
    "Choose the OCG the disruption was against",
    "Enter the date of the disruption",
    "Choose major, moderate or minor",
    "Choose Pursue, Prevent, Protect or Prepare",
    "Describe the disruption and its effect on the group",
  ]) {
    await expect(summary.getByRole("link", { name: text })).toBeVisible();
  }
  await expect(page).toHaveTitle("Error: Claim a disruption – Organised crime – ROCU Hub");
  await expect(page.getByLabel("Evidence references (optional)")).toHaveValue(
    "EXH/JP/1 cash count\nCAD 4471 of 14/11",
  );
  await summary.getByRole("link", { name: "Choose major, moderate or minor" }).click();
  await expect(page.getByRole("radio", { name: "Major" })).toBeFocused();

  await page.getByLabel("OCG", { exact: true }).selectOption({ label: `${reference} ${name}` });
  // The crime type follows the group's primary one.
  await expect(page.getByLabel("Crime type")).toHaveValue("drugs-supply");
  await page.getByLabel("Date of the disruption").fill(`${MONTH}-14`);
  await page.getByRole("radio", { name: "Major" }).check();
  await page.getByRole("radio", { name: "Pursue" }).check();
  await page
    .getByLabel("What happened")
    .fill("Warrants at the group's two stash houses: 4 kg of cocaine and £60,000 seized, the line shut.");
  await page.getByRole("radio", { name: "OFFICIAL", exact: true }).check();
  await page.getByRole("button", { name: "Save as draft" }).click();

  await expect(page).toHaveURL(/\/organised-crime\/disruptions\/[0-9a-f-]{36}$/);
  const claimUrl = new URL(page.url()).pathname;
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toContainText("Draft");
  const claimReference = ((await heading.textContent()) ?? "").match(/WM-DIS-\d{4}/)?.[0] ?? "";
  expect(claimReference).not.toBe("");
  await expect(page.getByText(`${claimReference} has been saved as a draft.`)).toBeVisible();
  await expect(page.locator(".govuk-summary-list")).toContainText("Not moderated yet");
  await page.getByRole("button", { name: /^Submit for moderation/ }).click();
  await expect(page.getByRole("heading", { name: `Submit ${claimReference} for moderation?` })).toBeFocused();
  await page.getByRole("button", { name: `Yes, submit ${claimReference}` }).click();
  await expect(page.getByText(`${claimReference} has been submitted.`)).toBeVisible();
  await expect(heading).toContainText("Submitted");
  await expect(page.getByRole("link", { name: /Change the claim/ })).toHaveCount(0);

  // The moderator sets up the month's panel.
  await signInAs(page, "moderator");
  await page.goto("/organised-crime/panels");
  await expect(page).toHaveTitle("Moderation panels – Organised crime – ROCU Hub");
  await page.getByRole("link", { name: "Set up a panel" }).click();
  await expect(page.getByLabel("Region")).toHaveValue("west-midlands");
  await expect(page.getByRole("radio", { name: "Me (Mo Moderator (demo))" })).toBeChecked();
  await page.getByLabel("Month moderated").fill(MONTH);
  await page.getByLabel("Date of the meeting").fill("2018-12-06");
  await page
    .getByLabel("Attendees (optional)")
    .fill("West Midlands Police\nStaffordshire Police\nNational Crime Agency");
  await page.getByRole("button", { name: "Set up the panel" }).click();

  // The panel screen: header, progress, agenda in reference order, the first claim in the middle.
  await expect(page).toHaveURL(/\/organised-crime\/panels\/[0-9a-f-]{36}/);
  const panelUrl = new URL(page.url()).pathname;
  await expect(
    page.getByText(`The ${MONTH_LABEL} panel is set up with 2 claims on its agenda.`),
  ).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(MONTH_LABEL);
  await expect(page.getByTestId("panel-facts")).toContainText("6 December 2018");
  await expect(page.getByTestId("panel-facts")).toContainText("Mo Moderator (demo)");
  await expect(page.getByTestId("panel-facts")).toContainText("Staffordshire Police");
  await expect(page.getByTestId("panel-progress")).toHaveText(/0 of 2\s*decided/);
  await expect(page.getByTestId("agenda-item")).toHaveText([
    new RegExp(`${earlier.reference}.*Claimed moderate, undecided`),
    new RegExp(`${claimReference}.*Claimed major, undecided`),
  ]);
  await expect(page.getByTestId("shortcuts")).toContainText("r regrade");
  const current = page.getByTestId("current-claim");
  const claimHeading = page.getByRole("heading", { level: 2, name: new RegExp(earlier.reference) });
  await expect(claimHeading).toBeVisible();
  await expect(current).toContainText("Claim 1 of 2");

  // Beside the claim, the group's history: its threat score and its other claims.
  const history = page.getByTestId("ocg-history");
  await expect(history).toContainText(reference);
  await expect(history.getByTestId("history-assessment")).toContainText("High");
  await expect(history.getByTestId("history-disruptions")).toContainText(claimReference);

  // To the major claim with the keyboard.
  await page.keyboard.press("?");
  await expect(page.locator("#shortcut-list")).toBeVisible();
  await expect(page.locator("#shortcut-list")).toContainText(
    "Return it to the claimant for more information",
  );
  await page.keyboard.press("Escape");
  await expect(page.locator("#shortcut-list")).toBeHidden();
  // Single-key shortcuts can be turned off, and are then ignored.
  await page.getByRole("button", { name: "Turn shortcuts off" }).click();
  await expect(page.getByTestId("shortcuts")).toContainText("Keyboard shortcuts are off.");
  await page.keyboard.press("j");
  await expect(current).toContainText("Claim 1 of 2");
  await page.getByRole("button", { name: "Turn shortcuts on" }).click();
  await page.keyboard.press("j");
  const majorHeading = page.getByRole("heading", { level: 2, name: new RegExp(claimReference) });
  await expect(majorHeading).toBeFocused();
  await expect(current).toContainText("Claim 2 of 2");
  await expect(current).toContainText("Warrants at the group's two stash houses");
  await expect(current).toContainText("EXH/JP/1 cash count");
  await expect(page.getByTestId("agenda-item").nth(1)).toHaveAttribute("aria-current", "true");
  await expect(history.getByTestId("history-disruptions")).toContainText(earlier.reference);

  // Regrade it to minor with the keyboard only: r opens the form on the grades, Enter submits it.
  await page.keyboard.press("r");
  const moderate = page.getByRole("radio", { name: "Moderate" });
  await expect(moderate).toBeFocused();
  await expect(page.getByRole("radio", { name: "Major" })).toHaveCount(0);
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("radio", { name: "Minor" })).toBeChecked();
  await page.keyboard.press("Enter");
  const reasonError = page.getByTestId("error-summary");
  await expect(reasonError).toContainText("Give the panel’s reason");
  await expect(reasonError).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Reason")).toBeFocused();
  // Typing in a field is not a shortcut: the "j"s and "a"s of the reason neither move nor decide.
  await page.keyboard.type("Seizure was at the lower end; the line restarted within a week (just judged).");
  await expect(page.getByLabel("Reason")).toHaveValue(/just judged/);
  await expect(current).toContainText("Claim 2 of 2");
  await page.keyboard.press("Control+Enter");

  // Decided: the screen moves on to the claim still undecided and says so.
  const announcement = page.getByTestId("panel-announcement");
  await expect(announcement).toHaveAttribute("role", "status");
  await expect(announcement).toContainText(`${claimReference} regraded to minor.`);
  await expect(announcement).toContainText(`Now showing ${earlier.reference}, claim 1 of 2.`);
  await expect(claimHeading).toBeFocused();
  await expect(page.getByTestId("panel-progress")).toHaveText(/1 of 2\s*decided/);
  await expect(page.getByTestId("agenda-item").nth(1)).toContainText("Claimed major, regraded to minor");

  // Escape cancels a decision being made, and focus returns to the claim.
  await page.keyboard.press("x");
  await expect(page.getByLabel("Reason")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByLabel("Reason")).toHaveCount(0);
  await expect(claimHeading).toBeFocused();

  // The panel cannot close while a claim is undecided.
  await page.getByRole("button", { name: "Close panel" }).click();
  await page.getByRole("button", { name: "Yes, close and lock the panel" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("undecided");
  await expect(page.getByTestId("panel-locked")).toHaveCount(0);

  // Accept the other with one key; then every claim is decided.
  await page.keyboard.press("a");
  await expect(announcement).toContainText(`${earlier.reference} accepted as moderate.`);
  await expect(announcement).toContainText("Every claim you can decide is decided");
  await expect(page.getByTestId("panel-progress")).toHaveText(/2 of 2\s*decided/);
  await screenshot(page, "panel-screen-decided-desktop");

  // Closed, it is locked: no decision controls, and the keys are refused with the reason.
  await page.getByRole("button", { name: "Close panel" }).click();
  await expect(
    page.getByRole("heading", { name: `Close the ${MONTH_LABEL} panel for West Midlands?` }),
  ).toBeFocused();
  await page.getByRole("button", { name: "Yes, close and lock the panel" }).click();
  await expect(page.getByTestId("panel-locked")).toContainText("Closed — locked");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Closed — locked");
  await expect(page.getByTestId("decision-buttons")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Close panel" })).toHaveCount(0);
  await expect(page.getByTestId("cannot-decide")).toHaveText(
    "The panel is closed: its decisions are locked.",
  );
  await page.keyboard.press("r");
  await expect(page.getByLabel("Reason")).toHaveCount(0);
  await expect(announcement).toContainText("The panel is closed: its decisions are locked.");
  await page.keyboard.press("j");
  await expect(current).toContainText("Panel decision: Regraded to minor");
  await expect(current).toContainText("just judged");
  await page.reload();
  await expect(page.getByTestId("panel-locked")).toBeVisible();
  await expect(page.getByTestId("decision-buttons")).toHaveCount(0);

  // The totals count it as minor, not major, and say they count moderated grades only; each figure
  // leads to the claims it counts.
  const totalsUrl = `/organised-crime/totals?period=month&from=${MONTH}-01&to=${MONTH}-30`;
  await page.goto(totalsUrl);
  const totals = page.getByTestId("disruption-totals");
  await expect(page.getByTestId("disruption-basis")).toContainText("Moderated grades only");
  const row = totals.getByTestId("disruption-totals-row").filter({ hasText: MONTH_LABEL });
  await expect(row.locator("[data-grade='major']")).toHaveText("0");
  await expect(row.locator("[data-grade='moderate']")).toContainText("1");
  await expect(row.locator("[data-grade='minor']")).toContainText("1");
  await expect(row.locator("[data-grade='total']")).toContainText("2");
  await row.locator("[data-grade='minor']").getByRole("link").click();
  await expect(page).toHaveURL(/\/organised-crime\/disruptions\?.*grade=minor/);
  const listed = page.getByTestId("disruption-row");
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText(claimReference);
  await expect(listed).toContainText("Regraded");
  await expect(listed.locator("td").nth(2)).toHaveText("Minor");
  await expect(listed.locator("td").nth(3)).toHaveText("Major");

  // The board member sees the same counts, as plain numbers.
  await signInAs(page, "board");
  await page.goto(totalsUrl);
  await expect(page.getByTestId("disruption-basis")).toContainText("Moderated grades only");
  const boardRow = page
    .getByTestId("disruption-totals")
    .getByTestId("disruption-totals-row")
    .filter({ hasText: MONTH_LABEL });
  await expect(boardRow.locator("[data-grade='major']")).toHaveText("0");
  await expect(boardRow.locator("[data-grade='minor']")).toHaveText("1");
  await expect(boardRow.getByRole("link")).toHaveCount(0);

  // The claimant sees the panel's grade and its reason on the claim.
  await signInAs(page, "investigator");
  await page.goto(claimUrl);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Regraded");
  await expect(page.getByTestId("decision-reason")).toContainText("just judged");
  await expect(page.getByTestId("claim-decisions")).toContainText("Regraded to minor");
  await page.goto(panelUrl);
  await expect(page.getByTestId("panel-locked")).toBeVisible();
  await expect(page.getByTestId("cannot-decide").first()).toBeVisible();
});
