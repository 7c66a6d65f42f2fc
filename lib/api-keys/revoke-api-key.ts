import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { userActor } from "@/lib/audit/user-actor";
import type { ReadDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { apiKeyMessages } from "@/lib/zod/schemas/api-keys";
import { mayRevokeApiKey } from "./api-key-access";
import type { ApiKeyActor } from "./api-key-actor";
import { apiKeyView, apiKeyViewSelect, type ApiKeyView } from "./api-key-view";

/**
 * Revokes one of the organisation's keys: its next request is refused. Kept (not deleted) so
 * the list shows when it was used last. A member revokes their own keys; "api_keys:manage"
 * revokes anyone's. Revoking twice keeps the first date; another organisation's key is not
 * found and stays as it was.
 */
export async function revokeApiKey(actor: Pick<ApiKeyActor, "organization" | "userId" | "role">, apiKeyId: string, deps: ReadDeps, now: Date = new Date()): Promise<ApiKeyView> {
  const where = { id: apiKeyId, organizationId: actor.organization.id };
  const key = await deps.prisma.apiKey.findFirst({ where, select: { createdById: true, name: true } });
  if (!key) throw new AppError("not_found", apiKeyMessages.notFound);
  if (!mayRevokeApiKey(actor, key.createdById)) throw new AppError("forbidden", apiKeyMessages.notYours);
  await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: now } });
    // Revoking twice is one event: the second changed nothing.
    if (count === 1) await recordAuditEvent(tx, { organizationId: actor.organization.id, actor: await userActor(tx, actor.userId), action: "api_key.revoked", target: { id: apiKeyId, name: key.name } });
  });
  return apiKeyView(await deps.prisma.apiKey.findFirstOrThrow({ where, select: apiKeyViewSelect }));
}
