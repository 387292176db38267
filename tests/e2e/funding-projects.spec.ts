import { type APIRequestContext, expect, test } from "@playwright/test";
import {
  APPLICANT_EMAIL,
  apiSignIn,
  BOARD_EMAIL,
  DEMO_PASSWORD,
  FINANCE_EMAIL,
  screenshot,
  seriousAxeFindings,
  signInAs,
  skipWithoutChromium,
  uniqueSuffix,
} from "./helpers.ts";

skipWithoutChromium();

/** A write through the API as a demo user, as a colleague would make it on their own screen. */
async function send(request: APIRequestContext, token: string, path: string, data: object) {
  const response = await request.post(path, { data, headers: { "x-csrf-token": token } });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as { id: string };
}

test("a decision names the stream its money comes from, and finance monitors the project's spend on that stream", async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const suffix = uniqueSuffix();
  const title = `Rural crime advisers ${suffix}`;
  const streamName = `Rural crime grant ${suffix}`;

  // The applicant's bid is submitted and recommended, and finance has a stream for 2018/19.
  const as = async (email: string) => {
    const request = await playwright.request.newContext({ baseURL: baseURL ?? "" });
    return { request, token: await apiSignIn(request, email, DEMO_PASSWORD) };
  };
  const applicant = await as(APPLICANT_EMAIL);
  const bid = await send(applicant.request, applicant.token, "/api/v1/funding/bids", {
    title,
    purpose: "Two rural crime advisers for Worcestershire farms",
    strand: "prevent",
    crimeArea: "rural",
    forceAreas: ["west-mercia"],
    costs: [{ financialYear: "2018/19", category: "staff", amountPence: 2_400_000 }],
  });
  await send(applicant.request, applicant.token, `/api/v1/funding/bids/${bid.id}/submit`, {});
  const board = await as(BOARD_EMAIL);
  for (const review of [
    { status: "under-board-review" },
    { status: "recommended", reason: "Meets the panel's criteria" },
  ]) {
    await send(board.request, board.token, `/api/v1/funding/bids/${bid.id}/review`, review);
  }
  const finance = await as(FINANCE_EMAIL);
  await send(finance.request, finance.token, "/api/v1/funding/streams", {
    source: "pcc-fund",
    name: streamName,
    recipientOrganisationId: "west-mercia",
    amounts: [{ financialYear: "2018/19", amountPence: 10_000_000 }],
    allowedCategories: ["staff"],
  });
  await Promise.all([applicant.request.dispose(), board.request.dispose(), finance.request.dispose()]);

  // Finance records the commissioner's approval, naming the stream the £24,000 comes from.
  await signInAs(page, FINANCE_EMAIL);
  await page.goto(`/funding/bids/${bid.id}`);
  const decision = page.getByTestId("decision-form");
  await decision.getByLabel("Decision reference").fill(`E2E PCD ${suffix}`);
  await decision.getByLabel("Date of the decision").fill("2018-04-02");
  await decision.getByRole("radio", { name: "Approved", exact: true }).check();
  await decision
    .getByLabel("Funding stream it comes from in 2018/19 (optional)")
    .selectOption({ label: streamName });
  await decision.getByLabel("Published summary").fill("The commissioner approves two rural crime advisers");
  await decision.getByRole("button", { name: "Record the decision" }).click();
  await expect(page.getByTestId("bid-status")).toHaveText("Approved");

  // The bid leads to its spend on the stream, which has none yet.
  const fromStreams = page.getByTestId("bid-streams");
  await expect(fromStreams).toContainText(`E2E PCD ${suffix}: £24,000.00 in 2018/19 from ${streamName}.`);
  await fromStreams.getByRole("link", { name: `Spend monitoring for 2018/19 from ${streamName}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Spend monitoring of ${title}, 2018/19`);
  await expect(page.getByTestId("spend-empty")).toContainText(
    "No spend recorded on this project for 2018/19 yet",
  );

  // Recording from here starts on the project, and comes back to it.
  await page.getByRole("link", { name: "Record a month’s spend" }).click();
  await expect(page.getByLabel("Project (optional)")).toHaveValue(bid.id);
  await page.getByLabel("Month", { exact: true }).selectOption({ label: "April 2018" });
  await page.getByLabel("Staff, in pounds").fill("1,000");
  await page.getByRole("button", { name: "Record the spend" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Spend monitoring of ${title}, 2018/19`);
  // £1,000 in April runs to £12,000 by 31 March: half of the £24,000 the decision gave would lapse.
  await expect(page.getByTestId("spend-actual")).toHaveText("£1,000.00");
  await expect(page.getByTestId("spend-forecast")).toHaveText("£12,000.00");
  await expect(page.getByTestId("lapse-risk")).toHaveText(/£12,000\.00 at risk of lapsing on 31 March 2019/);
  await expect(page.getByTestId("scrutiny-pack-link")).toHaveCount(0);
  await screenshot(page, "project-monitoring-desktop");
  expect(await seriousAxeFindings(page, "project-monitoring")).toEqual([]);

  // The whole stream lists the project among those it pays for, with what it was given and spent.
  await page.getByRole("link", { name: "whole stream’s spend monitoring" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Spend monitoring, 2018/19");
  const project = page.getByTestId("spend-project").filter({ hasText: title });
  await expect(project.getByRole("cell")).toHaveText(["£24,000.00", "£1,000.00"]);
  await expect(page.getByTestId("scrutiny-pack-link")).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, "stream-monitoring-projects-mobile");
  expect(await seriousAxeFindings(page, "stream-monitoring-projects-mobile")).toEqual([]);
  await project.getByRole("link", { name: `Spend monitoring of ${title}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Spend monitoring of ${title}, 2018/19`);
});
