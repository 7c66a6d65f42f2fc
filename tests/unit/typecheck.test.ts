// The whole project type-checks — tests, benchmark and scripts included (`next build` checks
// only what it ships: tsconfig.build.json).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, it } from "vitest";

it("type-checks with tsc --noEmit", () => {
  const tsc = path.resolve("node_modules/.bin/tsc");
  const result = spawnSync(tsc, ["--noEmit", "-p", "tsconfig.json"], { encoding: "utf8" });
  expect(result.stdout + result.stderr).toBe("");
  expect(result.status).toBe(0);
}, 600_000);
