// The architecture holds: the rules of .dependency-cruiser.cjs (layers of lib/ that only point
// down, no module or folder loops, lib/ never imports app/ or components/, shipped code never
// imports tooling) pass on the code, and fail on a fixture tree that breaks each of them once.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(".");
const DEPCRUISE = path.join(ROOT, "node_modules/.bin/depcruise");
const CONFIG = path.join(ROOT, ".dependency-cruiser.cjs");

function depcruise(cwd: string, targets: string[], outputType = "err") {
  const result = spawnSync(DEPCRUISE, [...targets, "--config", CONFIG, "--output-type", outputType], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, output: `${result.stdout}${result.stderr}`, stdout: result.stdout };
}

interface CruisedModule {
  source: string;
  dependencies: { resolved: string; dynamic: boolean; dependencyTypes: string[] }[];
}

/** What loading `entry` loads: its imports, and theirs, except `import type` and `await import()`. */
function staticallyLoaded(entry: string): Set<string> {
  const { status, stdout } = depcruise(ROOT, [entry], "json");
  expect(status).toBe(0);
  const modules = new Map((JSON.parse(stdout) as { modules: CruisedModule[] }).modules.map((module) => [module.source, module]));
  const loaded = new Set([entry]);
  const queue = [entry];
  for (let source = queue.pop(); source !== undefined; source = queue.pop()) {
    for (const dependency of modules.get(source)?.dependencies ?? []) {
      if (dependency.dynamic || dependency.dependencyTypes.includes("type-only") || loaded.has(dependency.resolved)) continue;
      loaded.add(dependency.resolved);
      queue.push(dependency.resolved);
    }
  }
  return loaded;
}

/** The database client: Marquee's, the one `prisma generate` writes, Prisma's runtime, the drivers. */
const DATABASE_CODE = /^(lib\/db\/|lib\/generated\/prisma\/client|node_modules\/(@prisma|pg|@electric-sql|pglite-prisma-adapter)\/)/;

describe("architecture", () => {
  it("lib/ layers point down, with no loops, and nothing shipped imports tooling", () => {
    const { status, output } = depcruise(ROOT, ["lib", "app", "components"]);
    expect(output).toContain("no dependency violations found");
    expect(status).toBe(0);
  }, 300_000);

  // A new instance with a warm Redis answers its first ads from the shared copy: loading the
  // database client for them (Prisma's runtime alone took ~50 ms to require here) would be
  // paid by every cold start. It is imported when the set must come from the database.
  it("the serving route loads no database code until it needs the database", () => {
    const serving = [...staticallyLoaded("app/api/serve/route.ts")];
    expect(serving).toContain("lib/ads/serve-ad.ts");
    expect(serving.filter((source) => DATABASE_CODE.test(source))).toEqual([]);
    // The walk does find it where a route needs it at once: the impression beacon records each event.
    expect([...staticallyLoaded("app/api/i/[token]/route.ts")].filter((source) => DATABASE_CODE.test(source))).toContain("lib/db/index.ts");
  }, 300_000);

  it("the rules catch each kind of violation", () => {
    const { status, output } = depcruise(path.join(ROOT, "tests/fixtures/architecture"), ["lib", "app"]);
    expect(status).not.toBe(0);
    for (const rule of ["layer-1-points-down", "no-circular", "no-folder-cycles", "lib-folder-in-a-layer", "lib-not-app"]) {
      expect(output, rule).toContain(`error ${rule}:`);
    }
  }, 300_000);
});
