import type { ReadDeps } from "@/lib/db/deps";
import { apiKeyView, apiKeyViewSelect, type ApiKeyView } from "./api-key-view";

/** The organisation's keys: live ones first, newest first within each group. */
export async function listApiKeys(organizationId: string, deps: ReadDeps): Promise<ApiKeyView[]> {
  const keys = await deps.prisma.apiKey.findMany({
    where: { organizationId },
    select: apiKeyViewSelect,
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }, { id: "asc" }],
  });
  return keys.map(apiKeyView);
}
