// CPU time that processes have used so far (user + system, from /proc/<pid>/stat), to see
// where each request's work goes: the app, the Upstash bridge, Redis, PostgreSQL or the
// load generator. Descendants that exited count too: a process's stat carries the CPU of the
// children it reaped (cutime, cstime), so the time of a PostgreSQL backend that closed (the
// app's pool drops connections idle for 10 s) stays in the postmaster's total instead of
// vanishing from the sum in the middle of a window.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { descendantPids } from "@/scripts/services/common.mjs";

const TICKS_PER_SECOND = (() => {
  const result = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  return Number(result.stdout?.trim()) || 100;
})();

/** CPU seconds of a process and all its descendants, living or reaped (0 for what no longer exists). */
export function treeCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  let ticks = 0;
  for (const member of [pid, ...descendantPids(pid)]) {
    try {
      const stat = readFileSync(`/proc/${member}/stat`, "utf8");
      // Fields after "(comm) ": state is field 3, utime field 14, stime field 15, and the
      // reaped children's cutime and cstime fields 16 and 17 (a living child is in neither).
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // exited meanwhile
    }
  }
  return ticks / TICKS_PER_SECOND;
}
