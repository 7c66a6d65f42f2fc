import type { ReadDeps } from "@/lib/db/deps";
import { OPERATOR_ROLE } from "./lock-operators";

/** Whether any account is an operator (the setup link works only while none is). */
export async function operatorExists({ prisma }: ReadDeps): Promise<boolean> {
  return (await prisma.user.count({ where: { role: OPERATOR_ROLE } })) > 0;
}
