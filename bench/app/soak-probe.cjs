// Loaded into the soak's server with `--require` (bench/load/soak.ts), with --expose-gc. On
// SIGUSR2 it does what the bench wrote into $SOAK_PROBE_DIR/command, "<gc|snapshot> <id>":
//   gc        collect garbage (settle(), below) and write <id>.json: process.memoryUsage() after it,
//             the bytes used in each of V8's heap spaces (code, old objects, large objects…) and
//             V8's code statistics (compiled code, bytecode and their metadata, across spaces)
//             and its heap limit (heap_size_limit: what the soak's --max-old-space-size gave it);
//   snapshot  settle(), then write <id>.heapsnapshot (V8 collects garbage again before it takes it).
// Each result is written under a temporary name and renamed, so a file that exists is whole.
// Only the bench loads it: the app knows nothing of it, and nothing of it reaches a response.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const v8 = require("node:v8");

const dir = process.env.SOAK_PROBE_DIR;

/**
 * Full GCs with turns of the event loop between them, so that FinalizationRegistry callbacks
 * run: V8 only queues them during a GC, as a task of their own, and what they are to release
 * stays alive until then — a synchronous gc() (or the one a heap snapshot starts with) counts
 * it as live. Every request Next serves leaves such an entry: its NextRequest is an undici
 * Request built with the request's AbortSignal, and undici's requestFinalizer holds that signal,
 * its abort listener and a WeakRef until the callback removes them. Measured without settling,
 * ~1.8 KB per request served since the last full GC — thousands of EventTarget, Listener and
 * WeakRef objects, some MiB of "live" heap, that depend only on when V8 last ran a full GC.
 */
function settle(done) {
  global.gc();
  setTimeout(() => {
    global.gc(); // what the callbacks released (they may release other registries' targets)
    setTimeout(() => {
      global.gc();
      done();
    }, 100);
  }, 100);
}

if (dir) {
  process.on("SIGUSR2", () => {
    const [command, id] = fs.readFileSync(path.join(dir, "command"), "utf8").trim().split(" ");
    const target = path.join(dir, `${id}.${command === "snapshot" ? "heapsnapshot" : "json"}`);
    const temporary = `${target}.tmp`;
    settle(() => {
      if (command === "snapshot") v8.writeHeapSnapshot(temporary);
      else {
        const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((space) => [space.space_name, space.space_used_size]));
        const { code_and_metadata_size: code, bytecode_and_metadata_size: bytecode } = v8.getHeapCodeStatistics();
        fs.writeFileSync(temporary, JSON.stringify({ ...process.memoryUsage(), spaces, code: { code, bytecode }, heapLimit: v8.getHeapStatistics().heap_size_limit }));
      }
      fs.renameSync(temporary, target);
    });
  });
}
