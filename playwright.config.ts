import { defineConfig } from "@playwright/test";
import { E2E_BASE_URL, E2E_GCP_EMULATOR_PORT, E2E_PG_PORT, E2E_PORT } from "./e2e/support/paths";

/**
 * End-to-end tests: the real app (`npm start` in demo mode, on port 3100 with its own data
 * in .data/e2e, reset before every run) driven through Debian's Chromium (`npx playwright
 * install` cannot download browsers here). `npm test` runs this after tsc and vitest.
 */
const artifacts = ".data/e2e-artifacts";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: `${artifacts}/test-results`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 15_000 },
  globalTimeout: 30 * 60_000,
  reporter: [
    ["list"],
    ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? ".data/test-reports/playwright.json" }],
    ["html", { outputFolder: `${artifacts}/report`, open: "never" }],
  ],
  use: {
    baseURL: E2E_BASE_URL,
    browserName: "chromium",
    headless: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    video: "off",
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    // A fresh, freshly seeded data dir every run; `exec` so the signals reach start.ts,
    // which stops Next, the worker, the emulator and Postgres on SIGTERM.
    command: "node --import tsx e2e/support/reset-e2e-data.ts && exec node --import tsx scripts/start.ts",
    url: `${E2E_BASE_URL}/api/health`,
    env: {
      // Always the embedded Postgres of .data/e2e, even when the shell has a DATABASE_URL.
      DATABASE_URL: "",
      DATA_DIR: ".data/e2e",
      PORT: String(E2E_PORT),
      PG_PORT: String(E2E_PG_PORT),
      GCP_EMULATOR_PORT: String(E2E_GCP_EMULATOR_PORT),
      NEXT_TELEMETRY_DISABLED: "1",
      HEALTH_CHECK_INTERVAL_SECONDS: "15",
      // The runbook's "ask @beyang" billing task, which the stories tick (demo mode links billing itself).
      BILLING_ACCOUNT: "",
    },
    // The first run builds Next (several minutes on 2 cores).
    timeout: 15 * 60_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
  },
});
