import type { ReadDeps } from "@/lib/db/deps";
import { seesEveryApiKey } from "./api-key-access";
import type { ApiKeyActor } from "./api-key-actor";
import { apiKeyView, apiKeyViewSelect, type ApiKeyView } from "./api-key-view";

/**
 * The organisation's keys the actor may see — every one with "api_keys:manage", else their
 * own: live ones first, newest first within each group.
 */
export async function listApiKeys(actor: Pick<ApiKeyActor, "organization" | "userId" | "role">, deps: ReadDeps): Promise<ApiKeyView[]> {
  const keys = await deps.prisma.apiKey.findMany({
    where: { organizationId: actor.organization.id, ...(seesEveryApiKey(actor) ? {} : { createdById: actor.userId }) },
    select: apiKeyViewSelect,
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }, { id: "asc" }],
  });
  return keys.map(apiKeyView);
}
