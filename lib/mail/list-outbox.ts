import "server-only";
import type { ReadDeps } from "@/lib/db/deps";

/** How many of the newest kept mails the outbox page shows. */
export const OUTBOX_PAGE_SIZE = 100;

/** The newest mails kept while no transport is configured, newest first (operators only). */
export function listOutbox({ prisma }: ReadDeps, take: number = OUTBOX_PAGE_SIZE) {
  return prisma.outboxMail.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take });
}
