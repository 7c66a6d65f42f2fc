// Loaded into the soak's server with `--require` (bench/load/soak.ts), with --expose-gc. On
// SIGUSR2 it does what the bench wrote into $SOAK_PROBE_DIR/command, "<gc|snapshot> <id>":
//   gc        collect garbage (full, twice) and write <id>.json: process.memoryUsage() after it;
//   snapshot  write <id>.heapsnapshot (V8 collects garbage before it takes a snapshot).
// Each result is written under a temporary name and renamed, so a file that exists is whole.
// Only the bench loads it: the app knows nothing of it, and nothing of it reaches a response.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const v8 = require("node:v8");

const dir = process.env.SOAK_PROBE_DIR;
if (dir) {
  process.on("SIGUSR2", () => {
    const [command, id] = fs.readFileSync(path.join(dir, "command"), "utf8").trim().split(" ");
    const target = path.join(dir, `${id}.${command === "snapshot" ? "heapsnapshot" : "json"}`);
    const temporary = `${target}.tmp`;
    if (command === "snapshot") {
      v8.writeHeapSnapshot(temporary);
    } else {
      global.gc();
      global.gc();
      fs.writeFileSync(temporary, JSON.stringify(process.memoryUsage()));
    }
    fs.renameSync(temporary, target);
  });
}
