import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, seriousAxeFindings, signIn, skipWithoutChromium, VIEWPORTS } from "./helpers.ts";

skipWithoutChromium();

test("the Prevent team's Cyber Choices pages refuse personal data and pass axe at both sizes", async ({
  page,
}) => {
  await signIn(page, "prevent@demo.rocu.test", DEMO_PASSWORD);
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.goto("/prevent-protect");
    await expect(page.getByRole("heading", { level: 1, name: "Cyber Choices" })).toBeVisible();
    await expect(page.getByRole("link", { name: /WM-CC-000/ }).first()).toBeVisible();
    expect(await seriousAxeFindings(page, `Cyber Choices list (${viewport.name})`)).toEqual([]);
  }
  await page.setViewportSize(VIEWPORTS[0]);
  await page.getByRole("link", { name: "Record a referral" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Record a referral" })).toBeVisible();
  await page.getByLabel("Initials or pseudonym").fill("sam.child@example.com");
  await page.getByRole("button", { name: "Record the referral" }).click();
  await expect(page.getByRole("alert")).toContainText("minimal personal data");
  expect(await seriousAxeFindings(page, "Cyber Choices form with errors")).toEqual([]);
});

test("Protect officers see the advice library and the victims waiting for contact, and nobody else sees Cyber Choices", async ({
  page,
}) => {
  await signIn(page, "protect@demo.rocu.test", DEMO_PASSWORD);
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.goto("/prevent-protect/advice");
    await expect(page.getByRole("heading", { level: 1, name: "Protect advice" })).toBeVisible();
    await expect(page.getByText("Romance fraud").first()).toBeVisible();
    expect(await seriousAxeFindings(page, `Protect advice (${viewport.name})`)).toEqual([]);
    await page.goto("/cyber-crime/victim-care");
    await expect(page.getByRole("heading", { level: 1, name: "Victim care" })).toBeVisible();
    expect(await seriousAxeFindings(page, `Victim care (${viewport.name})`)).toEqual([]);
  }
  await page.goto("/prevent-protect/cyber-choices");
  await expect(
    page.getByRole("heading", { level: 1, name: "You do not have access to this page" }),
  ).toBeVisible();
});
