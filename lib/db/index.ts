import "server-only";
import { env } from "@/lib/config/env";
import { createDatabase, type DatabaseHandle } from "./create-client";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// One client per process, created on first use (never at build time), and kept on
// globalThis so that dev-server reloads do not open a second PGlite on the same folder.
const globalForDb = globalThis as unknown as { marqueeDb?: DatabaseHandle };

export function database(): DatabaseHandle {
  globalForDb.marqueeDb ??= createDatabase(env());
  return globalForDb.marqueeDb;
}

/** The process's Prisma client. */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = database().prisma;
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});
