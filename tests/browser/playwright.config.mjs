// Browser tests: real Chromium (Debian's /usr/bin/chromium, never a downloaded build), the demo
// page from a local static server, events to a local collector (tests/browser/servers.mjs).
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.mjs",
  workers: 1,
  timeout: 30000,
  reporter: [["list"]],
  outputDir: "../../build/playwright",
  use: {
    browserName: "chromium",
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    },
  },
});
