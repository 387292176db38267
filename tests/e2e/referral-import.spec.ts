import { expect, type Page, test } from "@playwright/test";
import {
  DEMO_PASSWORD,
  screenshot,
  seriousAxeFindings,
  signIn,
  skipWithoutChromium,
  uniqueSuffix,
  VIEWPORTS,
} from "./helpers.ts";

skipWithoutChromium();

/** West Midlands Police: the force whose referrals the investigator may record. */
const INVESTIGATOR_EMAIL = "investigator@demo.rocu.test";
const HEADER =
  "crime_reference,source,force,reported_on,offence_from,offence_to,nfib_code,summary,victim_type,victim_age_band,victim_name,victim_email,victim_phone,contact_preference,vulnerability,vulnerability_indicators,harm_ongoing,loss_pounds,suspect_emails,suspect_phones,suspect_urls,suspect_ips,suspect_wallets,suspect_bank_accounts,suspect_social_handles,classification";

function row(reference: string, nfibCode = "NFIB52C", loss = "1250.50"): string {
  return [
    reference,
    "action-fraud",
    "west-midlands",
    "2026-04-06",
    "2026-04-01",
    "2026-04-03",
    nfibCode,
    "E-mail account taken over and used to ask contacts for money",
    "individual",
    "65-74",
    "Pat Example",
    "pat.example@example.com",
    "07700 900123",
    "phone",
    "some",
    "lives alone",
    "no",
    loss,
    "claims@secure-refunds.example",
    "",
    "",
    "",
    "",
    "",
    "",
    "OFFICIAL",
  ].join(",");
}

async function chooseFile(page: Page, name: string, rows: string[]): Promise<void> {
  await page.getByLabel("Upload a file of referrals").setInputFiles({
    name,
    mimeType: "text/csv",
    buffer: Buffer.from(`${[HEADER, ...rows].join("\r\n")}\r\n`, "utf8"),
  });
}

test("an investigator imports a CSV of referrals and sees it reach 100% with the counts; a bad file shows its errors by line", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, INVESTIGATOR_EMAIL, DEMO_PASSWORD);
  await expect(page.getByTestId("signed-in-user")).toBeVisible();

  await page.goto("/cyber-crime");
  await page.getByRole("navigation", { name: "Cyber crime" }).getByRole("link", { name: "Import" }).click();
  await expect(page).toHaveURL(/\/cyber-crime\/import$/);
  await expect(page.getByRole("heading", { level: 1, name: "Import referrals" })).toBeVisible();
  await expect(page).toHaveTitle("Import referrals – Cyber crime – ROCU Hub");
  await expect(page.getByRole("link", { name: "Download the CSV template" })).toHaveAttribute(
    "href",
    "/api/v1/referral-imports/template.csv",
  );
  await page.getByText("What goes in each column").click();
  await expect(page.getByRole("row", { name: /nfib_code/ })).toContainText("NFIB52C");

  // Uploading with no file says what is missing.
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page.getByTestId("error-summary")).toContainText(
    "Choose a CSV or JSON Lines file of referrals",
  );
  expect(await seriousAxeFindings(page, "referral import (form with an error)")).toEqual([]);

  const suffix = uniqueSuffix().toUpperCase();
  const references = [1, 2, 3].map((number) => `NFRCE2E${suffix}${number}`);
  await chooseFile(
    page,
    "west-midlands-referrals.csv",
    references.map((reference) => row(reference)),
  );
  await page.getByRole("button", { name: "Upload and import" }).click();
  await expect(page).toHaveURL(/\?run=/);
  const run = page.getByRole("region", { name: /west-midlands-referrals\.csv/ });
  await expect(run.getByText("Imported", { exact: true }).first()).toBeVisible();
  await expect(run.getByRole("progressbar")).toHaveAttribute("value", "100");
  await expect(run.getByText("Imported: 100%")).toBeVisible();
  await expect(run.getByRole("definition").nth(0)).toHaveText("3");
  await expect(run.getByText("New referrals")).toBeVisible();
  await expect(run.getByRole("definition").nth(1)).toHaveText("3");
  await screenshot(page, "referral-import-done-desktop");
  expect(await seriousAxeFindings(page, "referral import (done)")).toEqual([]);

  // The run is listed with the user's recent imports.
  const recent = page.getByRole("region", { name: "Your recent imports" });
  await expect(recent.getByRole("row", { name: /west-midlands-referrals\.csv/ })).toContainText("Imported");

  // A bad file: nothing is imported, and each problem is shown by line and column.
  await page.getByRole("button", { name: "Import another file" }).click();
  await chooseFile(page, "bad-referrals.csv", [
    row(`NFRCE2E${suffix}4`),
    row(`NFRCE2E${suffix}5`, "NFIB99Z"),
    row(`NFRCE2E${suffix}6`, "NFIB52C", "-5"),
  ]);
  await page.getByRole("button", { name: "Upload and import" }).click();
  const bad = page.getByRole("region", { name: /bad-referrals\.csv/ });
  await expect(bad.getByText("Not imported")).toBeVisible();
  const problems = bad.getByRole("table", { name: /problems in bad-referrals\.csv/ });
  await expect(problems.getByRole("row", { name: /NFIB99Z/ })).toContainText("3");
  await expect(problems.getByRole("row", { name: /NFIB99Z/ })).toContainText("nfib_code");
  await expect(problems.getByRole("row", { name: /negative/ })).toContainText("4");
  await expect(problems.getByRole("row", { name: /negative/ })).toContainText("loss_pounds");

  for (const viewport of VIEWPORTS) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await screenshot(page, `referral-import-errors-${viewport.name}`);
    expect(await seriousAxeFindings(page, `referral import errors (${viewport.name})`)).toEqual([]);
  }

  // The referrals of the good file are in the force's triage queue; none of the bad one is.
  await page.goto(`/cyber-crime/referrals?q=NFRCE2E${suffix}`);
  await expect(page.getByText(references[0] ?? "")).toBeVisible();
});
