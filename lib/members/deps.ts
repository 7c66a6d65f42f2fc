import type { PrismaClient } from "@/lib/generated/prisma/client";

/** What the member functions need: the database (the app's client, or a test's fresh PGlite). */
export interface MemberDeps {
  prisma: PrismaClient;
}

/** Who acts: a user, in the organisation of the session. */
export interface MemberActor {
  organizationId: string;
  userId: string;
}
