import type { Prisma } from "@/lib/generated/prisma/client";
import { dashboardActor, type Actor } from "./actor";

/**
 * A person acting in the dashboard, known by id alone (the member and key functions take the
 * session's user id): their e-mail address is read in the transaction that records the event.
 */
export async function userActor(db: Pick<Prisma.TransactionClient, "user">, userId: string): Promise<Actor> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  return dashboardActor({ id: userId, email: user?.email ?? "" });
}
