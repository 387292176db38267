import { expect, type Page, test } from "@playwright/test";
import { screenshot, signInAsAnalyst, skipWithoutChromium, uniqueSuffix } from "./helpers.ts";

skipWithoutChromium();

const HEADER = "name,aliases,leadForce,level,primaryCrimeType,classification";

async function chooseFile(page: Page, rows: string[]): Promise<void> {
  await page.getByLabel("Upload a CSV file").setInputFiles({
    name: "ocgs.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${[HEADER, ...rows].join("\r\n")}\r\n`, "utf8"),
  });
}

/** The demo analyst may import more than one kind of record, so chooses OCGs first. */
async function chooseOcgs(page: Page): Promise<void> {
  await page.getByRole("radio", { name: "Organised crime groups (OCGs)" }).check();
}

test("an analyst imports OCGs from a CSV file, skipping a bad row, and a second import adds nothing", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInAsAnalyst(page);

  await page.goto("/organised-crime");
  await page
    .getByRole("navigation", { name: "Organised crime" })
    .getByRole("link", { name: "Import" })
    .click();
  await expect(page).toHaveURL(/\/organised-crime\/import$/);
  await expect(page.getByRole("heading", { level: 1, name: "Import from a spreadsheet" })).toBeVisible();
  await expect(page).toHaveTitle("Import from a spreadsheet – Organised crime – ROCU Hub");
  await chooseOcgs(page);
  await expect(page.getByRole("link", { name: "Download the CSV template for OCGs" })).toHaveAttribute(
    "href",
    "/api/v1/imports/ocgs/template",
  );
  await page.getByText("What goes in each column").click();
  await expect(page.getByRole("row", { name: /leadForce/ })).toContainText("West Midlands");

  // Checking with no file says what is missing.
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByTestId("error-summary")).toContainText("Choose a CSV file to check");

  const suffix = uniqueSuffix();
  const rows = [
    `Import Crew A ${suffix},The As,West Midlands,local,Drugs supply,OFFICIAL-SENSITIVE`,
    `Import Crew B ${suffix},,Atlantis,local,Drugs supply,OFFICIAL-SENSITIVE`,
    `Import Crew C ${suffix},,Warwickshire,regional,firearms,OFFICIAL`,
  ];
  await chooseFile(page, rows);
  await page.getByRole("button", { name: "Check file" }).click();
  const result = page.getByTestId("check-result");
  await expect(result.getByRole("heading", { name: "The file has errors" })).toBeFocused();
  await expect(page.getByTestId("check-summary")).toHaveText(
    "3 rows: 2 ready, 1 with errors, 0 already imported",
  );
  const errorRow = page.getByTestId("line-errors").getByRole("row").nth(1);
  await expect(errorRow).toContainText("3");
  await expect(errorRow).toContainText("leadForce");
  await expect(errorRow).toContainText("Unknown force “Atlantis”");
  await expect(page.getByRole("button", { name: "Import all" })).toBeDisabled();
  await screenshot(page, "import-checked-desktop");

  await page.getByRole("button", { name: "Import only the 2 valid rows" }).click();
  const done = page.getByTestId("import-done");
  await expect(done.getByRole("heading", { name: "Import complete" })).toBeVisible();
  await expect(done).toContainText("2 OCGs imported");
  await expect(done).toContainText("1 row with errors was left out");
  const created = page.getByTestId("created-records").getByRole("link");
  await expect(created).toHaveCount(2);
  await expect(created.first()).toHaveText(/^WM-OCG-\d{4}$/);

  // The imported group is a real record, with its history.
  await created.first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Import Crew A ${suffix}`);
  await expect(page.getByTestId("timeline")).toContainText("OCG created");

  // The same file again: nothing new, nothing to import.
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "Import from a spreadsheet" })).toBeVisible();
  await chooseOcgs(page);
  await chooseFile(page, rows);
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByTestId("check-summary")).toHaveText(
    "3 rows: 0 ready, 1 with errors, 2 already imported",
  );
  await expect(page.getByTestId("nothing-new")).toContainText(
    "Nothing new to import: 2 rows of this file were imported before",
  );
  await expect(page.getByRole("button", { name: /^Import/ })).toHaveCount(0);
});
