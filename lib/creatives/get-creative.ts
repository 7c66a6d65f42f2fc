import type { ReadDeps } from "@/lib/db/deps";
import { creativeNotFound } from "./creative-errors";

/** One creative of the organisation, with its campaign's name and status; another organisation's is not found. */
export async function getCreative(organizationId: string, creativeId: string, deps: ReadDeps) {
  const creative = await deps.prisma.creative.findFirst({
    where: { id: creativeId, campaign: { organizationId } },
    include: { campaign: { select: { id: true, name: true, status: true } } },
  });
  if (!creative) throw creativeNotFound();
  return creative;
}
