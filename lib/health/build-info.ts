import { readFileSync } from "node:fs";
import path from "node:path";
import packageJson from "@/package.json";

export interface BuildInfo {
  /** package.json's version. */
  version: string;
  /** Next's id of this build (the BUILD_ID file of the build folder); null when it cannot be read. */
  buildId: string | null;
}

let cached: BuildInfo | undefined;

/**
 * Which build this instance runs, so an operator can tell the instances of two deploys apart.
 * The build folder is NEXT_DIST_DIR (next.config.js) or `.next`, under the working directory
 * of `next start` and of the standalone server alike.
 */
export function buildInfo(): BuildInfo {
  cached ??= { version: packageJson.version, buildId: readBuildId() };
  return cached;
}

function readBuildId(): string | null {
  for (const folder of [process.env.NEXT_DIST_DIR, ".next"]) {
    if (!folder) continue;
    try {
      const id = readFileSync(path.join(process.cwd(), folder, "BUILD_ID"), "utf8").trim();
      if (/^[\w-]{1,64}$/.test(id)) return id;
    } catch {
      // not this folder
    }
  }
  return null;
}
