// CPU time that processes have used so far (user + system, from /proc/<pid>/stat), to see
// where each request's work goes: the app, the Upstash bridge, Redis, PostgreSQL or the
// load generator. A process that exited takes its time with it, so sample live trees only.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { descendantPids } from "@/scripts/services/common.mjs";

const TICKS_PER_SECOND = (() => {
  const result = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  return Number(result.stdout?.trim()) || 100;
})();

/** CPU seconds of a process and all its descendants (0 for what no longer exists). */
export function treeCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  let ticks = 0;
  for (const member of [pid, ...descendantPids(pid)]) {
    try {
      const stat = readFileSync(`/proc/${member}/stat`, "utf8");
      // Fields after "(comm) ": state is field 3, utime field 14, stime field 15.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited meanwhile
    }
  }
  return ticks / TICKS_PER_SECOND;
}
