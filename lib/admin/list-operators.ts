import type { ReadDeps } from "@/lib/db/deps";
import { OPERATOR_ROLE } from "./lock-operators";

export interface OperatorView {
  id: string;
  name: string;
  email: string;
  twoFactorEnabled: boolean;
  createdAt: Date;
}

/** Every operator, oldest account first (few: no paging). */
export async function listOperators({ prisma }: ReadDeps): Promise<OperatorView[]> {
  return prisma.user.findMany({
    where: { role: OPERATOR_ROLE },
    select: { id: true, name: true, email: true, twoFactorEnabled: true, createdAt: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}
