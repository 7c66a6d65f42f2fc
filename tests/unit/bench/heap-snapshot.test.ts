// The soak's heap snapshot reader (bench/load/heap-snapshot.ts) on real snapshots: a small
// Node process keeps 1,000 objects of a class of its own in a Map, takes a snapshot, keeps
// 2,000 more, and takes another. The reader must count them, see the growth, tell the new
// objects from the old, and name the Map that keeps them.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classTotals, newObjectsByClass, readHeapSnapshot, retainerPath, sortedNodeIds, topGrowth, type HeapSnapshot } from "@/bench/load/heap-snapshot";

const PROGRAM = `
const v8 = require("node:v8");
class SoakProbeEntry { constructor(n) { this.n = n; this.label = "entry-" + n; } }
globalThis.soakProbeRegistry = new Map();
const add = (from, to) => { for (let n = from; n < to; n++) globalThis.soakProbeRegistry.set("key-" + n, new SoakProbeEntry(n)); };
add(0, 1000);
v8.writeHeapSnapshot(process.argv[1] + "/1.heapsnapshot");
add(1000, 3000);
v8.writeHeapSnapshot(process.argv[1] + "/2.heapsnapshot");
`;

let dir: string;
let before: HeapSnapshot;
let after: HeapSnapshot;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "heap-snapshot-test-"));
  execFileSync(process.execPath, ["-e", PROGRAM, dir], { timeout: 60_000 });
  expect(readdirSync(dir).sort()).toEqual(["1.heapsnapshot", "2.heapsnapshot"]);
  before = readHeapSnapshot(path.join(dir, "1.heapsnapshot"));
  after = readHeapSnapshot(path.join(dir, "2.heapsnapshot"));
}, 90_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readHeapSnapshot", () => {
  it("counts the objects of each constructor", () => {
    expect(classTotals(before).get("SoakProbeEntry")?.count).toBe(1_000);
    expect(classTotals(after).get("SoakProbeEntry")?.count).toBe(3_000);
  });

  it("adds up the live heap, larger once more objects are kept", () => {
    expect(before.totalBytes).toBeGreaterThan(1_000_000);
    expect(after.totalBytes - before.totalBytes).toBeGreaterThan(2_000 * 16);
  });

  it("puts the class that grew among the top growers, with its counts", () => {
    const growth = topGrowth(classTotals(before), classTotals(after), 10);
    const probe = growth.find((row) => row.className === "SoakProbeEntry");
    expect(probe).toMatchObject({ countBefore: 1_000, countAfter: 3_000 });
    expect(probe!.bytesAfter).toBeGreaterThan(probe!.bytesBefore);
  });

  it("tells the objects allocated between the snapshots from the old ones, and what keeps them", () => {
    const fresh = newObjectsByClass(after, sortedNodeIds(before), 50).find((row) => row.className === "SoakProbeEntry");
    expect(fresh?.count).toBe(2_000);
    // Held by the Map, whichever root the shortest path reaches it from: the global
    // (".soakProbeRegistry Map → …") or, when V8 snapshots while a handle of the script's own
    // still points at it, "(Handle scope) → .134 Map → …" (seen on CI).
    expect(retainerPath(after, fresh!.sampleNode)).toMatch(/Map → \.table \(array\) → \.\d+ SoakProbeEntry$/);
  });
});
