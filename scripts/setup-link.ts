// `npm run setup-link`: the first operator's setup link again, for when the server's log has
// scrolled away — or word that an operator exists (then the link no longer works). Reads the
// configuration as the server does, with MARQUEE_SECRET from .data/ where `npm start` keeps
// a generated one.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { EnvError, parseEnv } from "@/lib/config/env";
import { operatorSetupLink } from "@/lib/admin/operator-setup-link";
import { createDatabase } from "@/lib/db/create-client";
import { operatorSetupAnnouncement, setupLinkOrigin } from "@/lib/startup/announce-operator-setup";

async function main(): Promise<void> {
  const secretFile = path.resolve(".data", "marquee-secret");
  if (!process.env.MARQUEE_SECRET && existsSync(secretFile)) process.env.MARQUEE_SECRET = readFileSync(secretFile, "utf8").trim();
  const config = parseEnv();
  if (config.database.kind === "pglite") {
    // The embedded database belongs to the running server's process: it is not opened twice.
    console.log(`The embedded database is seeded with the demo operator (README: demo accounts). On a database without an operator, the setup link is:\n  ${operatorSetupLink(setupLinkOrigin(config, process.env.PORT), config.MARQUEE_SECRET)}`);
    return;
  }
  const database = createDatabase(config);
  try {
    const lines = await operatorSetupAnnouncement(config, process.env.PORT, { prisma: database.prisma });
    console.log(lines.length > 0 ? lines.join("\n") : "An operator account exists: the setup link no longer works. Operators make other accounts operators at /admin/operators.");
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) console.error(error.message);
  else console.error(`Could not read the setup link: ${error instanceof Error ? error.message.replace(/\s*\n\s*/g, " ") : String(error)}`);
  process.exitCode = 1;
});
