import { z } from "zod";

// API keys: a name to tell them apart (the key itself is generated, never typed in).

export const MAX_API_KEY_NAME_LENGTH = 100;

export const apiKeyMessages = {
  name: "Name the key, e.g. after the script or service that uses it.",
  nameTooLong: `Keep the name under ${MAX_API_KEY_NAME_LENGTH} characters.`,
  notFound: "API key not found.",
} as const;

export const apiKeyIdSchema = z.string({ error: apiKeyMessages.notFound }).trim().min(1, apiKeyMessages.notFound).max(64, apiKeyMessages.notFound);

export const createApiKeySchema = z.object({
  name: z
    .string({ error: apiKeyMessages.name })
    .trim()
    .min(1, apiKeyMessages.name)
    .max(MAX_API_KEY_NAME_LENGTH, apiKeyMessages.nameTooLong),
});

export const revokeApiKeySchema = z.object({
  apiKeyId: apiKeyIdSchema,
});

export type CreateApiKeyInput = z.output<typeof createApiKeySchema>;
