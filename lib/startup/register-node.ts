import { env, EnvError } from "@/lib/config/env";
import { clientAddressSource } from "@/lib/http/client";
import { storeHandle } from "@/lib/redis";
import { singleInstanceWarning } from "./single-instance-warning";
import { logOperatorSetupLink } from "./announce-operator-setup";

/** How long after start-up the first-operator check runs (lib/startup/announce-operator-setup.ts). */
const OPERATOR_CHECK_DELAY_MS = 3_000;

/**
 * Start-up of a Node.js server instance: a bad configuration stops it with a message
 * naming the variable, and the log says at once whether Redis is usable.
 */
export function registerNode(): void {
  try {
    const config = env();
    if (config.NODE_ENV === "production" && clientAddressSource(config) === "unverified") {
      // Limits, viewer ids and invalid-traffic checks key on the client's address: without a
      // source clients cannot forge, each client could choose its own.
      console.error(
        "Marquee cannot tell client addresses apart here: start it with `npm start` (or `node scripts/server.mjs`), " +
          "which reads the TCP peer, or set CLIENT_IP_HEADER to the header your platform sets to the client's address " +
          "(on Vercel this is automatic). A bare `next start` lets every client choose its own address.",
      );
      process.exit(1);
    }
    const warning = singleInstanceWarning(config);
    if (warning) console.warn(warning);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  storeHandle();
  // Not awaited, and not at once: no request waits on the database for a log line (the link is
  // for a person), and a new instance's first requests do not share its cores with loading the
  // database client for it — nor does start-up load it (imported here, not above).
  setTimeout(() => {
    void import("@/lib/db").then(
      ({ prisma }) => logOperatorSetupLink(env(), { prisma }),
      (error: unknown) => console.error(`Could not load the database client to check for an operator account: ${String(error)}`),
    );
  }, OPERATOR_CHECK_DELAY_MS).unref();
}
