import { existsSync, rmSync } from "node:fs";
import { defineConfig } from "@playwright/test";

/**
 * Browser journeys against a real ROCU Hub server with a fresh data directory per run.
 * Uses Debian's Chromium; browsers are never downloaded.
 */
// E2E_PORT lets two checkouts run their journeys on one machine at the same time.
const PORT = Number(process.env.E2E_PORT ?? 3999);
const baseURL = `http://127.0.0.1:${PORT}`;
const CHROMIUM = "/usr/bin/chromium";
const DEMO_PASSWORD = "e2e-demo-password-2026";

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = "1";
const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing) {
  if (process.env.CI === "true") {
    throw new Error(`Chromium is not installed at ${CHROMIUM}; the browser tests cannot run in CI.`);
  }
  console.warn(`\n*** SKIPPED: Chromium not installed (${CHROMIUM}); browser tests will not run. ***\n`);
  process.env.ROCU_E2E_SKIP = "Chromium not installed";
}

// A fixed place, emptied at the start of each run, so that `npm test` can verify the audit chain
// the journeys left behind. The config is loaded by the runner and again by each worker: only the
// runner (which has not set the variable yet) empties it.
if (!process.env.ROCU_E2E_DATA_DIR) {
  process.env.ROCU_E2E_DATA_DIR = "test-results/e2e-data";
  rmSync(process.env.ROCU_E2E_DATA_DIR, { recursive: true, force: true });
}

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: process.env.CI === "true",
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI === "true" ? [["list"], ["html", { open: "never" }]] : [["list"]],
  outputDir: "test-results/artifacts",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: chromiumMissing
    ? undefined
    : {
        command: "node --import tsx src/main.ts",
        url: `${baseURL}/readyz`,
        reuseExistingServer: false,
        // Stop the server as an operator would, so it closes the embedded database and releases its
        // lock before `npm test` goes on to verify the audit chain the journeys left behind.
        gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
        timeout: 120_000,
        stdout: "pipe",
        stderr: "pipe",
        env: {
          PORT: String(PORT),
          ROCU_DATA_DIR: process.env.ROCU_E2E_DATA_DIR,
          ROCU_DEMO_PASSWORD: DEMO_PASSWORD,
          LOG_LEVEL: "warn",
          NODE_ENV: "test",
          // The journeys sign in as many demo users, one after another, from one address.
          ROCU_SIGN_IN_LIMIT_PER_MINUTE: "600",
        },
      },
});
