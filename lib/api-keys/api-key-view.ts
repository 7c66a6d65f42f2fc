import type { ApiKey } from "@/lib/generated/prisma/client";

/** What the UI and the domain functions hand out about a key: never its hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export const apiKeyViewSelect = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

export function apiKeyView(key: Pick<ApiKey, keyof typeof apiKeyViewSelect>): ApiKeyView {
  return { id: key.id, name: key.name, prefix: key.prefix, createdAt: key.createdAt, lastUsedAt: key.lastUsedAt, revokedAt: key.revokedAt };
}
