import { env, EnvError } from "@/lib/config/env";
import { storeHandle } from "@/lib/redis";

/**
 * Start-up of a Node.js server instance: a bad configuration stops it with a message
 * naming the variable, and the log says at once whether Redis is usable.
 */
export function registerNode(): void {
  try {
    env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  storeHandle();
}
