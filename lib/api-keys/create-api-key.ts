import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { userActor } from "@/lib/audit/user-actor";
import type { ReadDeps } from "@/lib/db/deps";
import { AppError } from "@/lib/errors";
import { DEFAULT_TIME_ZONE, zonedTimeToUtc } from "@/lib/format/time-zone";
import { API_KEY_ACCESS_LABELS, can, ROLE_LABELS } from "@/lib/model/permissions";
import { apiKeyMessages, type ApiKeyExpiry, type CreateApiKeyInput } from "@/lib/zod/schemas/api-keys";
import { grantableApiKeyAccess } from "./api-key-access";
import type { ApiKeyActor } from "./api-key-actor";
import { generateApiKey } from "./api-key-secret";
import { apiKeyView, apiKeyViewSelect, type ApiKeyView } from "./api-key-view";

const DAY_MS = 86_400_000;

/** When a key made at `now` expires; null for never. A date means its first instant in `timeZone` (the organisation's). */
export function expiresAtOf(expiry: ApiKeyExpiry, now: Date, timeZone: string = DEFAULT_TIME_ZONE): Date | null {
  switch (expiry.kind) {
    case "never":
      return null;
    case "days":
      return new Date(now.getTime() + expiry.days * DAY_MS);
    case "date": {
      const [year = 0, month = 1, day = 1] = expiry.date.split("-").map(Number);
      return zonedTimeToUtc({ year, month, day }, timeZone);
    }
  }
}

/**
 * A new key of the actor's organisation, created by the actor, with an access their role may
 * give. The whole key is in the result and nowhere else: the caller shows it once; the
 * database keeps its SHA-256 and its first characters.
 */
export async function createApiKey(actor: ApiKeyActor, input: CreateApiKeyInput, deps: ReadDeps, now: Date = new Date()): Promise<{ apiKey: ApiKeyView; key: string }> {
  if (!can(actor.role, "api_keys:create")) {
    throw new AppError("forbidden", `Your role (${ROLE_LABELS[actor.role]}) does not allow creating API keys. Ask an owner or an admin of the organisation.`);
  }
  if (!grantableApiKeyAccess(actor.role, actor.organization.kind).includes(input.access)) {
    throw new AppError("forbidden", `Your role (${ROLE_LABELS[actor.role]}) cannot give a key “${API_KEY_ACCESS_LABELS[input.access]}” access: a key never does more than its creator may.`, {
      details: { field: "access" },
    });
  }
  const timeZone = actor.organization.timeZone ?? DEFAULT_TIME_ZONE;
  const expiresAt = expiresAtOf(input.expiry, now, timeZone);
  if (expiresAt !== null && expiresAt <= now) throw new AppError("unprocessable_entity", apiKeyMessages.expiryDateInPast(timeZone), { details: { field: "expiresOn" } });

  const { key, prefix, hashedKey } = generateApiKey();
  const created = await deps.prisma.$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: { organizationId: actor.organization.id, createdById: actor.userId, name: input.name, access: input.access, expiresAt, prefix, hashedKey },
      select: apiKeyViewSelect,
    });
    // The key's name and access, never its secret.
    await recordAuditEvent(tx, { organizationId: actor.organization.id, actor: await userActor(tx, actor.userId), action: "api_key.created", target: { id: row.id, name: row.name }, detail: { access: row.access, expiresAt: row.expiresAt?.toISOString() ?? null } });
    return row;
  });
  return { apiKey: apiKeyView(created), key };
}
