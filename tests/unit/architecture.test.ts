// The architecture holds: the rules of .dependency-cruiser.cjs (layers of lib/ that only point
// down, no module or folder loops, lib/ never imports app/ or components/, shipped code never
// imports tooling) pass on the code, and fail on a fixture tree that breaks each of them once.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(".");
const DEPCRUISE = path.join(ROOT, "node_modules/.bin/depcruise");
const CONFIG = path.join(ROOT, ".dependency-cruiser.cjs");

function depcruise(cwd: string, targets: string[]) {
  const result = spawnSync(DEPCRUISE, [...targets, "--config", CONFIG, "--output-type", "err"], { cwd, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("architecture", () => {
  it("lib/ layers point down, with no loops, and nothing shipped imports tooling", () => {
    const { status, output } = depcruise(ROOT, ["lib", "app", "components"]);
    expect(output).toContain("no dependency violations found");
    expect(status).toBe(0);
  }, 300_000);

  it("the rules catch each kind of violation", () => {
    const { status, output } = depcruise(path.join(ROOT, "tests/fixtures/architecture"), ["lib", "app"]);
    expect(status).not.toBe(0);
    for (const rule of ["layer-1-points-down", "no-circular", "no-folder-cycles", "lib-folder-in-a-layer", "lib-not-app"]) {
      expect(output, rule).toContain(`error ${rule}:`);
    }
  }, 300_000);
});
