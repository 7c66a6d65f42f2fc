import type { ReadDeps } from "@/lib/db/deps";
import { generateApiKey } from "./api-key-secret";
import { apiKeyView, type ApiKeyView } from "./api-key-view";

/**
 * A new key of the organisation. The whole key is in the result and nowhere else: the
 * caller shows it once; the database keeps its SHA-256 and its first characters.
 */
export async function createApiKey(organizationId: string, name: string, deps: ReadDeps): Promise<{ apiKey: ApiKeyView; key: string }> {
  const { key, prefix, hashedKey } = generateApiKey();
  const created = await deps.prisma.apiKey.create({ data: { organizationId, name, prefix, hashedKey } });
  return { apiKey: apiKeyView(created), key };
}
