"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { currentOrganization, requireUser, type OrganizationContext } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { formEntries } from "@/lib/forms/form-entries";
import { validationFailed, type FormState } from "@/lib/forms/form-state";
import type { NoticeCode } from "@/lib/forms/notices";
import { createApiKeySchema, revokeApiKeySchema } from "@/lib/zod/schemas/api-keys";
import { createApiKey } from "./create-api-key";
import { revokeApiKey } from "./revoke-api-key";

// Keys belong to the organisation the signed-in user works in (advertiser or publisher);
// every action reads it from the session, never from the form.

const settingsPath = "/settings/api-keys";

export interface CreateApiKeyState extends FormState {
  /** The new key, in this one answer only: it is never stored and never shown again. */
  created?: { id: string; name: string; key: string };
}

async function requireKeyOwner(): Promise<OrganizationContext> {
  await requireUser();
  const context = await currentOrganization();
  if (!context) redirect("/dashboard");
  return context;
}

export async function createApiKeyAction(_previous: CreateApiKeyState, formData: FormData): Promise<CreateApiKeyState> {
  const { organization } = await requireKeyOwner();
  const parsed = createApiKeySchema.safeParse(formEntries(formData));
  if (!parsed.success) return validationFailed(parsed.error, formData);
  const { apiKey, key } = await createApiKey(organization.id, parsed.data.name, { prisma });
  revalidatePath(settingsPath);
  return {
    status: "success",
    message: `API key “${apiKey.name}” created. Copy it now: it is shown only once.`,
    created: { id: apiKey.id, name: apiKey.name, key },
  };
}

export async function revokeApiKeyAction(formData: FormData): Promise<void> {
  const { organization } = await requireKeyOwner();
  const parsed = revokeApiKeySchema.safeParse(formEntries(formData));
  let code: NoticeCode = "key-revoked";
  if (!parsed.success) code = "key-not-found";
  else {
    try {
      await revokeApiKey(organization.id, parsed.data.apiKeyId, { prisma });
    } catch (error) {
      if (!(error instanceof AppError && error.code === "not_found")) throw error;
      code = "key-not-found";
    }
  }
  revalidatePath(settingsPath);
  redirect(`${settingsPath}?notice=${code}`);
}
