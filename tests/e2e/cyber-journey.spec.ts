import { expect, type Page, test } from "@playwright/test";
import {
  DEMO_PASSWORD,
  screenshot,
  seriousAxeFindings,
  signIn,
  skipWithoutChromium,
  uniqueSuffix,
} from "./helpers.ts";

skipWithoutChromium();

/** West Midlands Police: the investigator triages its referrals and cares for its victims. */
const INVESTIGATOR_EMAIL = "investigator@demo.rocu.test";

const HEADER =
  "crime_reference,source,force,reported_on,offence_from,offence_to,nfib_code,summary,victim_type,victim_age_band,victim_name,victim_email,victim_phone,contact_preference,vulnerability,vulnerability_indicators,harm_ongoing,loss_pounds,suspect_emails,suspect_phones,suspect_urls,suspect_ips,suspect_wallets,suspect_bank_accounts,suspect_social_handles,classification";

/** The 15th of last month: inside the dashboard's default range of the last 12 whole months. */
function lastMonthDay(): string {
  const now = new Date();
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
  return date.toISOString().slice(0, 10);
}

function csv(references: { vulnerable: string; other: string }): string {
  const reported = lastMonthDay();
  const rows = [
    [
      references.vulnerable,
      "action-fraud",
      "west-midlands",
      reported,
      reported,
      "",
      "NFIB52B",
      "Remote access scam: an elderly victim's bank account emptied; the caller still rings daily",
      "individual",
      "75-plus",
      "Journey Victim",
      `journey.victim.${references.vulnerable.toLowerCase()}@example.org`,
      "",
      "phone",
      "high",
      "lives alone;memory loss",
      "yes",
      "23000",
      "",
      "020 7946 0999",
      "",
      "",
      "",
      "",
      "",
      "OFFICIAL-SENSITIVE",
    ],
    [
      references.other,
      "action-fraud",
      "west-midlands",
      reported,
      "",
      "",
      "NFIB50A",
      "Malware on a home computer; no money lost",
      "individual",
      "35-44",
      "",
      "",
      "",
      "email",
      "none",
      "",
      "no",
      "0",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "OFFICIAL-SENSITIVE",
    ],
  ];
  return `${[HEADER, ...rows.map((row) => row.join(","))].join("\r\n")}\r\n`;
}

/** The number in a dashboard table's row, found by the row's label (the link also names it). */
async function figure(page: Page, table: string, row: RegExp): Promise<number> {
  const cell = page
    .getByRole("table", { name: table })
    .getByRole("row", { name: row })
    .getByRole("cell")
    .last();
  return Number(((await cell.innerText()).match(/^\s*([\d,]+)/)?.[1] ?? "NaN").replaceAll(",", ""));
}

async function openDashboard(page: Page): Promise<{ victimCareOnly: number; contactedInTime: number }> {
  await page.goto("/cyber-crime/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Cyber crime dashboard" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Referrals by triage outcome" })).toBeVisible();
  return {
    victimCareOnly: await figure(page, "Referrals by triage outcome", /Victim care only/),
    contactedInTime: await figure(page, "Vulnerable victims' contact target", /Contacted within the target/),
  };
}

test("an investigator imports referrals, triages a vulnerable victim's referral, records contact with Protect advice, and the dashboard counts it", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, INVESTIGATOR_EMAIL, DEMO_PASSWORD);
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
  const before = await openDashboard(page);

  // Import a file: the progress bar reaches 100%.
  const suffix = uniqueSuffix().toUpperCase();
  const references = { vulnerable: `JOURNEY-${suffix}-1`, other: `JOURNEY-${suffix}-2` };
  await page.goto("/cyber-crime/import");
  await page.getByLabel("Upload a file of referrals").setInputFiles({
    name: `journey-${suffix}.csv`,
    mimeType: "text/csv",
    buffer: Buffer.from(csv(references), "utf8"),
  });
  await page.getByRole("button", { name: "Upload and import" }).click();
  const run = page.getByRole("region", { name: new RegExp(`journey-${suffix}\\.csv`, "i") });
  await expect(run.getByRole("progressbar")).toHaveAttribute("value", "100");

  // The vulnerable victim's referral heads the queue's P1s with its reasons and clock.
  await page.goto(`/cyber-crime?q=${references.vulnerable}`);
  const row = page.getByTestId("referral-row").filter({ hasText: references.vulnerable });
  await expect(row).toContainText("P1");
  await expect(row).toContainText("High vulnerability (30)");
  await expect(row.getByTestId("clock-due")).toContainText("Due in");
  await row.getByRole("link", { name: references.vulnerable }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: new RegExp(references.vulnerable) }),
  ).toBeVisible();
  await expect(page.getByTestId("priority-reasons")).toContainText("Harm is ongoing");
  await screenshot(page, "cyber-referral-before-triage");

  // Triage: victim care only, with a reason.
  await page.getByLabel("Victim care only").check();
  await page
    .getByRole("textbox", { name: "Reason" })
    .fill("No lines of enquiry beyond the phone number; safeguard the victim first");
  await page.getByRole("button", { name: "Record the decision" }).click();
  await expect(page.getByText("Triaged: Victim care only", { exact: true })).toBeVisible();
  await expect(page.getByTestId("decisions")).toContainText("No lines of enquiry");

  // Victim care: a successful phone call with Protect advice.
  const care = page.getByTestId("victim-care");
  await care.locator("#contact-channel-phone").check();
  await care.locator("#contact-outcome-contacted").check();
  await care.locator("#contact-advice-phishing").check();
  await care.locator("#contact-advice-passwords-two-step").check();
  await care.getByRole("button", { name: "Record contact attempt" }).click();
  const contact = care.getByTestId("contact-row").first();
  await expect(contact).toContainText("Spotting and reporting phishing");
  await expect(care.getByTestId("contact-target")).toContainText("met");
  expect(await seriousAxeFindings(page, "referral page after triage and contact")).toEqual([]);
  await screenshot(page, "cyber-referral-after-contact");

  // The dashboard counts one more victim-care-only referral and one more victim contacted in time.
  const after = await openDashboard(page);
  expect(after.victimCareOnly).toBe(before.victimCareOnly + 1);
  expect(after.contactedInTime).toBe(before.contactedInTime + 1);
  expect(await seriousAxeFindings(page, "cyber dashboard")).toEqual([]);
  await screenshot(page, "cyber-dashboard");
});
