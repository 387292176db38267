import { readFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { BOARD_EMAIL, signInAs, skipWithoutChromium } from "./helpers.ts";

skipWithoutChromium();

const PTF = "Police Transformation Fund: cyber-dependent crime posts";
/** Where the screenshots people look at go (not committed). */
const SHOTS = process.env.REPORT_SHOTS ?? "test-results/screenshots";

async function shoot(page: Page, name: string) {
  for (const [label, width, height] of [
    ["desktop", 1366, 768],
    ["mobile", 390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.screenshot({ path: `${SHOTS}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

const cells = async (page: Page, rowName: string) =>
  (
    await page
      .getByTestId("report-row")
      .filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${rowName}`) }) })
      .locator("td")
      .allTextContents()
  ).map((text) =>
    text.replace(/\s*(at risk of lapsing|committed: the decisions|spent: the spend monitoring)$/, "").trim(),
  );

/** "£1,234.50" or "-£40,900.00" in pence. */
const penceOf = (text: string) => Math.round(Number(text.replace(/[£,]/g, "")) * 100);

const totals = async (page: Page) =>
  (await page.getByTestId("report-total").locator("td").allTextContents()).map((text) => text.trim());

/** The sums, in pence, of the first `count` money columns over every row of the report. */
async function columnSums(page: Page, count: number): Promise<number[]> {
  const sums = Array.from({ length: count }, () => 0);
  for (const row of await page.getByTestId("report-row").all()) {
    const texts = (await row.locator("td").allTextContents()).map((text) =>
      text
        .replace(/\s*(at risk of lapsing|committed: the decisions|spent: the spend monitoring)$/, "")
        .trim(),
    );
    texts.slice(0, count).forEach((text, index) => {
      sums[index] = (sums[index] ?? 0) + penceOf(text);
    });
  }
  return sums;
}

test("the board reads 2018/19 by stream and by force, and downloads it as CSV and Excel", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInAs(page, BOARD_EMAIL);

  await page.goto("/funding/formulas");
  await page.getByRole("navigation", { name: "Funding" }).getByRole("link", { name: "Reports" }).click();
  await expect(page).toHaveTitle("Reports – Funding – ROCU Hub");
  // The demo has no money this year, so the report opens on the latest year that has: 2019/20.
  await expect(page.getByRole("heading", { name: "2019/20 by stream" })).toBeVisible();
  await expect(page.getByLabel("Financial year")).toHaveValue("2019/20");
  await page.getByLabel("Financial year").selectOption("2018/19");
  await page.getByLabel("Group by").selectOption("stream");
  await page.getByRole("button", { name: "Show report" }).click();
  await expect(page).toHaveURL(/financialYear=2018%2F19&groupBy=stream/);
  await expect(page.getByRole("heading", { name: "2018/19 by stream" })).toBeVisible();

  // The demo's six months of posts and a laptop: £39,550 spent, run rate to £79,100, £40,900 at risk.
  expect(await cells(page, PTF)).toEqual([
    "£120,000.00",
    "£0.00",
    "£39,550.00",
    "£79,100.00",
    "-£40,900.00",
    "£40,900.00",
  ]);
  await expect(page.getByTestId("report-row").filter({ hasText: PTF })).toHaveClass(/rocu-row--at-risk/);
  // Other journeys add streams and decisions to 2018/19, so the totals are checked against the rows.
  const total = await totals(page);
  expect(total.slice(0, 3).map(penceOf)).toEqual(await columnSums(page, 3));
  await expect(page.getByTestId("report-summary")).toContainText(`${total[5]} is at risk of lapsing`);
  await expect(
    page.getByRole("figure", { name: "Allocation, commitment, actual and forecast by stream" }),
  ).toBeVisible();
  await shoot(page, "funding-report-stream");

  // The stream's name leads to its record.
  await page.getByRole("link", { name: PTF }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(PTF);
  await page.goBack();
  // Its actual leads to its spend monitoring for the year.
  await page.getByRole("link", { name: "£39,550.00 spent: the spend monitoring" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Spend monitoring, 2018/19");
  await page.goBack();

  // A quarter: Q2's spend (July to September) with the year's forecast.
  await page.getByLabel("Period").selectOption("Q2");
  await page.getByRole("button", { name: "Show report" }).click();
  await expect(page.getByRole("heading", { name: "2018/19 Q2 by stream" })).toBeVisible();
  expect((await cells(page, PTF)).slice(2, 4)).toEqual(["£20,350.00", "£79,100.00"]);

  // By force area: the West Mercia commissioner's approvals, linked to their decisions.
  await page.getByLabel("Period").selectOption("");
  await page.getByLabel("Group by").selectOption("force");
  await page.getByRole("button", { name: "Show report" }).click();
  await expect(page.getByRole("heading", { name: "2018/19 by force" })).toBeVisible();
  const westMercia = (await cells(page, "West Mercia"))[1] ?? "";
  // At least the demo's two approvals: £40,000 and West Mercia's £69,000 of the Alliance campaign.
  expect(penceOf(westMercia)).toBeGreaterThanOrEqual(10_900_000);
  await shoot(page, "funding-report-force");
  // The commitment traces to the decisions it counts.
  await page.getByRole("link", { name: `${westMercia} committed: the decisions` }).click();
  await expect(page).toHaveURL(/\/funding\/decisions\?decisionMakerOrganisationId=opcc-west-mercia/);
  await expect(page.getByText(`Giving ${westMercia} in 2018/19.`)).toBeVisible();
  await page.goBack();
  await expect(page.getByRole("heading", { name: "2018/19 by force" })).toBeVisible();

  // The same report as files.
  const [csv] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /Download CSV/ }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe("funding-report-2018-19-by-force.csv");
  const text = await readFile(await csv.path(), "utf8");
  const lines = text.trimEnd().split("\r\n");
  expect(lines[0]?.startsWith("force_area,id,period,allocation_pence,allocation,")).toBe(true);
  const forceTotal = await totals(page);
  expect(lines.find((line) => line.startsWith("West Mercia,"))).toContain(
    `${penceOf(westMercia)},"${westMercia}"`,
  );
  expect(lines.at(-1)).toContain(
    `Total,,2018/19,${penceOf(forceTotal[0] ?? "")},"${forceTotal[0]}",${penceOf(forceTotal[1] ?? "")},"${forceTotal[1]}"`,
  );

  const [xlsx] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /Download Excel/ }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toBe("funding-report-2018-19-by-force.xlsx");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await readFile(await xlsx.path())).buffer);
  const sheet = workbook.worksheets[0];
  expect(sheet?.getCell("A1").value).toBe("Funding report: 2018/19 by force");
  const labels = sheet?.getColumn(1).values ?? [];
  const totalRow = labels.indexOf("Total");
  expect(totalRow).toBeGreaterThan(3);
  // Money in the workbook is in pounds, as numbers.
  for (const [index, text] of forceTotal.slice(0, 3).entries()) {
    expect(sheet?.getRow(totalRow).getCell(index + 2).value).toBe(penceOf(text) / 100);
  }
});

test("projects: the demo's approved bids appear with their commitments, the streams' own spend last", async ({
  page,
}) => {
  await signInAs(page, BOARD_EMAIL);
  await page.goto("/funding/reports?financialYear=2018%2F19&groupBy=project");
  await expect(page.getByRole("heading", { name: "2018/19 by project" })).toBeVisible();
  expect((await cells(page, "Farm watch and rural crime prevention"))[1]).toBe("£40,000.00");
  expect((await cells(page, "Alliance small business cyber protect campaign"))[1]).toBe("£69,000.00");
  const rows = await page.getByTestId("report-row").getByRole("rowheader").allTextContents();
  expect(rows.at(-1)).toContain("(stream's own spend)");
  await shoot(page, "funding-report-project");
});

test("a period chosen while the report is still loading is kept when it arrives", async ({ page }) => {
  await signInAs(page, BOARD_EMAIL);
  // Hold the first report back until the user has chosen, as a slow connection would.
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route("**/api/v1/funding/reports?*", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/funding/reports?financialYear=2018%2F19&groupBy=stream");
  await expect(page.getByText("Adding up the figures")).toBeVisible();
  await page.getByLabel("Period").selectOption("Q2");
  release();
  await expect(page.getByRole("heading", { name: "2018/19 by stream" })).toBeVisible();
  await expect(page.getByLabel("Period")).toHaveValue("Q2");
  await page.unrouteAll();
  await page.getByRole("button", { name: "Show report" }).click();
  await expect(page.getByRole("heading", { name: "2018/19 Q2 by stream" })).toBeVisible();
});
