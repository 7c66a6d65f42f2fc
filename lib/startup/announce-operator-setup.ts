import type { Env } from "@/lib/config/env";
import { operatorSetupLink } from "@/lib/admin/operator-setup-link";
import { operatorExists } from "@/lib/admin/operator-exists";
import type { ReadDeps } from "@/lib/db/deps";

/**
 * Where the setup link points: MARQUEE_PUBLIC_URL, else this server on localhost (the port
 * `npm start` and the image listen on) — the person at the console opens it there or on the
 * name they reach the server by.
 */
export function setupLinkOrigin(config: Pick<Env, "MARQUEE_PUBLIC_URL">, port: string | undefined): string {
  return config.MARQUEE_PUBLIC_URL ?? `http://localhost:${port ?? "3000"}`;
}

/**
 * The lines a starting instance logs while no operator exists: the first operator's setup
 * link. Every instance names the same link (it is derived from MARQUEE_SECRET), so any
 * instance's log will do; none once an operator exists.
 */
export async function operatorSetupAnnouncement(config: Pick<Env, "MARQUEE_PUBLIC_URL" | "MARQUEE_SECRET">, port: string | undefined, deps: ReadDeps): Promise<string[]> {
  if (await operatorExists(deps)) return [];
  return [
    "No operator account exists yet. Create the first one, once, at:",
    `  ${operatorSetupLink(setupLinkOrigin(config, port), config.MARQUEE_SECRET)}`,
    "(the link stops working once an operator exists; `npm run setup-link` prints it again)",
  ];
}

/** Logs the setup link if no operator exists; a database that cannot answer yet costs one line, not the start. */
export async function logOperatorSetupLink(config: Pick<Env, "MARQUEE_PUBLIC_URL" | "MARQUEE_SECRET">, deps: ReadDeps): Promise<void> {
  // `next build` may load the instrumentation hook too: no database is asked then.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    // PORT as scripts/server.mjs reads it (its default is 3000).
    for (const line of await operatorSetupAnnouncement(config, process.env.PORT, deps)) console.log(line);
  } catch (error) {
    console.error(`Could not check whether an operator account exists: ${error instanceof Error ? error.message.replace(/\s*\n\s*/g, " ") : String(error)}`);
  }
}
