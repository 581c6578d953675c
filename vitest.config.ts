import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/helpers/globalSetup.ts"],
    reporters: ["default", "./test/helpers/summaryReporter.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Browser tests start Chromium; keep the two cores from thrashing.
    maxWorkers: 2,
  },
});
