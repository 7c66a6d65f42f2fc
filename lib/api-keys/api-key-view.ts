import type { ApiKey } from "@/lib/generated/prisma/client";
import type { ApiKeyAccess } from "@/lib/generated/prisma/enums";

/** What the UI and the domain functions hand out about a key: never its hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  access: ApiKeyAccess;
  /** Who created it; null when their account was deleted (the key no longer works). */
  createdBy: { id: string; name: string; email: string } | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export const apiKeyViewSelect = {
  id: true,
  name: true,
  prefix: true,
  access: true,
  createdBy: { select: { id: true, name: true, email: true } },
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

type SelectedKey = Pick<ApiKey, "id" | "name" | "prefix" | "access" | "createdAt" | "expiresAt" | "lastUsedAt" | "revokedAt"> & {
  createdBy: ApiKeyView["createdBy"];
};

export function apiKeyView(key: SelectedKey): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    access: key.access,
    createdBy: key.createdBy ? { id: key.createdBy.id, name: key.createdBy.name, email: key.createdBy.email } : null,
    createdAt: key.createdAt,
    expiresAt: key.expiresAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
  };
}

export type ApiKeyState = "active" | "expired" | "revoked";

/** Whether a key still answers: revoked wins over expired (it was ended on purpose). */
export function apiKeyState(key: Pick<ApiKeyView, "expiresAt" | "revokedAt">, now: Date = new Date()): ApiKeyState {
  if (key.revokedAt !== null) return "revoked";
  if (key.expiresAt !== null && key.expiresAt <= now) return "expired";
  return "active";
}
