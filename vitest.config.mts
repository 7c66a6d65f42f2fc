import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Two projects, run as separate stages by scripts/test.mjs (`npm test`):
//   unit         tests/unit/**         pure logic, no services
//   integration  tests/integration/**  PGlite, and the throwaway Postgres/Redis that npm test
//                                      starts (TEST_POSTGRES_URL, TEST_REDIS_URL)
const root = fileURLToPath(new URL(".", import.meta.url));
const emptyModule = fileURLToPath(new URL("./tests/support/empty-module.ts", import.meta.url));

const resolve = {
  alias: [
    { find: /^@\//, replacement: root },
    { find: /^server-only$/, replacement: emptyModule },
  ],
};

export default defineConfig({
  resolve,
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // Separate processes: tests start, kill and freeze servers and open PGlite instances.
          pool: "forks",
          // Two cores: at most two test files at a time.
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
