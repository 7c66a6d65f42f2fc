import type { ReadDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { apiKeyMessages } from "@/lib/zod/schemas/api-keys";
import { apiKeyView, apiKeyViewSelect, type ApiKeyView } from "./api-key-view";

/**
 * Revokes one of the organisation's keys: its next request is refused. Kept (not deleted) so
 * the list shows when it was used last. Revoking twice keeps the first date; another
 * organisation's key is not found and stays as it was.
 */
export async function revokeApiKey(organizationId: string, apiKeyId: string, deps: ReadDeps, now: Date = new Date()): Promise<ApiKeyView> {
  await deps.prisma.apiKey.updateMany({ where: { id: apiKeyId, organizationId, revokedAt: null }, data: { revokedAt: now } });
  const key = await deps.prisma.apiKey.findFirst({ where: { id: apiKeyId, organizationId }, select: apiKeyViewSelect });
  if (!key) throw new AppError("not_found", apiKeyMessages.notFound);
  return apiKeyView(key);
}
