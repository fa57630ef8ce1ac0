// Playwright setup for Docket: every journey runs with WebAssembly hydration (js) and as plain HTML (nojs).
// The server is started (and the database seeded) by the caller before Playwright runs. The `setup` project signs
// the demo people in once per run (tests/auth.setup.ts) before either project starts.
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: "list",
  forbidOnly: !!process.env.CI,
  use: {
    browserName: "chromium",
    baseURL: process.env.DOCKET_E2E_BASE_URL || "http://127.0.0.1:3100",
    // A failed journey keeps its trace (actions, DOM snapshots, network, console) and a screenshot of its end.
    // The trace's screencast (a screenshot at every step, for every journey, passed or not) would add about a
    // quarter to the run on these 2-core machines, so it is left out.
    trace: { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts$/, use: { javaScriptEnabled: true } },
    { name: "js", use: { javaScriptEnabled: true }, dependencies: ["setup"] },
    { name: "nojs", use: { javaScriptEnabled: false }, dependencies: ["setup"] },
  ],
});
