import { apiKeyView, apiKeyViewSelect, type ApiKeyView } from "./api-key-view";
import type { ApiKeyDeps } from "./deps";

/** The organisation's keys: live ones first, newest first within each group. */
export async function listApiKeys(organizationId: string, deps: ApiKeyDeps): Promise<ApiKeyView[]> {
  const keys = await deps.prisma.apiKey.findMany({
    where: { organizationId },
    select: apiKeyViewSelect,
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }, { id: "asc" }],
  });
  return keys.map(apiKeyView);
}
