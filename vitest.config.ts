import { defineConfig } from "vitest/config";

// One run, three kinds of tests: in-process (unit, API, database), multi-instance
// federation scenarios over real HTTP, and the web UI in headless Chromium.
export default defineConfig({
  test: {
    globalSetup: ["test/helpers/global-setup.ts"],
    // Vitest's default is one worker on a 2-core machine: the whole run went
    // file by file. The unit files run three at a time; Vitest 5 then runs the
    // scenarios and browser tests (no file parallelism: fixed addresses, one
    // Chromium) one file at a time, after them. Side by side with the other
    // database's suite, as CI runs them, both cores stay busy throughout
    // (measured), so running them beside the unit files would not gain time.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/scenarios/**", "test/browser/**"],
          // Each worker imports the server once, not once per file: a third
          // less CPU for these files. They share no state but the module
          // cache (every file opens its own database and app).
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: "scenarios",
          include: ["test/scenarios/**/*.test.ts"],
          testTimeout: 90_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          // Vitest's one-second default for expect.poll is shorter than a page
          // load takes in CI, where both suites share 2 cores with Chromium
          // (events-ui failed there with a page that was still loading);
          // Playwright's own waits give 30 s.
          expect: { poll: { timeout: 15_000 } },
          testTimeout: 90_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
