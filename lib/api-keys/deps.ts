import type { PrismaClient } from "@/lib/generated/prisma/client";

/** What the API key functions need: the database (the app's client, or a test's fresh PGlite). */
export interface ApiKeyDeps {
  prisma: PrismaClient;
}
