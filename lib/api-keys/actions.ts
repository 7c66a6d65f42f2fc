"use server";

import { access, formAction, redirectAction } from "@/lib/auth/server-action";
import type { OrganizationContext } from "@/lib/auth/session";
import { readDeps } from "@/lib/cache/deps";
import type { FormState } from "@/lib/forms/form-state";
import { noticeUrl, refusalUrl } from "@/lib/forms/notices";
import { createApiKeySchema, revokeApiKeySchema } from "@/lib/zod/schemas/api-keys";
import type { ApiKeyActor } from "./api-key-actor";
import { createApiKey } from "./create-api-key";
import { revokeApiKey } from "./revoke-api-key";

// Keys belong to the organisation the signed-in user works in (advertiser or publisher) and
// to the user who creates them; every action reads both from the session, never from the form.

const settingsPath = "/settings/api-keys";
const keyOwner = access.organization("any", "api_keys:create");
const revalidate = [settingsPath] as const;

function actorOf({ organization, user, role }: OrganizationContext): ApiKeyActor {
  return { organization: { id: organization.id, kind: organization.kind, timeZone: organization.timeZone }, userId: user.id, role };
}

export interface CreateApiKeyState extends FormState {
  /** The new key, in this one answer only: it is never stored and never shown again. */
  created?: { id: string; name: string; key: string };
}

export const createApiKeyAction = formAction({
  access: keyOwner,
  schema: createApiKeySchema,
  run: (input, context) => createApiKey(actorOf(context), input, readDeps()),
  done: ({ apiKey, key }): CreateApiKeyState => ({
    status: "success",
    message: `API key “${apiKey.name}” created. Copy it now: it is shown only once.`,
    created: { id: apiKey.id, name: apiKey.name, key },
  }),
  revalidate,
});

export const revokeApiKeyAction = redirectAction({
  access: keyOwner,
  schema: revokeApiKeySchema,
  invalid: noticeUrl(settingsPath, "key-not-found"),
  run: ({ apiKeyId }, context) => revokeApiKey(actorOf(context), apiKeyId, readDeps()),
  done: () => noticeUrl(settingsPath, "key-revoked"),
  // Refused before the form is read (no input): the role has no keys at all; after: not theirs.
  refused: (error, input) => (error.code === "forbidden" && input ? noticeUrl(settingsPath, "key-not-yours") : refusalUrl(settingsPath, error, "key-not-found")),
  revalidate,
});
