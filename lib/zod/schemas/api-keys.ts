import { z } from "zod";
import { API_KEY_ACCESS_LABELS } from "@/lib/model/permissions";

// API keys: a name to tell them apart, what the key may do (read, or read and write, within
// its creator's role) and how long it lives. The key itself is generated, never typed in.

export const MAX_API_KEY_NAME_LENGTH = 100;

/** The expiries offered, in days; "never" and a chosen date besides. */
export const API_KEY_EXPIRY_DAYS = [30, 90, 365] as const;
export const API_KEY_EXPIRY_CHOICES = ["never", ...API_KEY_EXPIRY_DAYS.map(String), "date"] as const;
export type ApiKeyExpiryChoice = (typeof API_KEY_EXPIRY_CHOICES)[number];
export type ApiKeyExpiryDays = (typeof API_KEY_EXPIRY_DAYS)[number];

export const apiKeyMessages = {
  name: "Name the key, e.g. after the script or service that uses it.",
  nameTooLong: `Keep the name under ${MAX_API_KEY_NAME_LENGTH} characters.`,
  access: `Choose what the key may do: ${API_KEY_ACCESS_LABELS.READ.toLowerCase()}, or ${API_KEY_ACCESS_LABELS.READ_WRITE.toLowerCase()}.`,
  expiry: "Choose when the key expires: never, in 30, 90 or 365 days, or on a date.",
  expiryDate: "Enter the date the key expires, as YYYY-MM-DD.",
  expiryDateInPast: (timeZone: string) => `The expiry date must be after today (${timeZone}).`,
  notFound: "API key not found.",
  notYours: "You may revoke only the API keys you created. An owner or an admin can revoke anyone's.",
} as const;

export const apiKeyIdSchema = z.string({ error: apiKeyMessages.notFound }).trim().min(1, apiKeyMessages.notFound).max(64, apiKeyMessages.notFound);

/** When a key expires: never, some days after it is created, or at the start of a date in the organisation's time zone. */
export type ApiKeyExpiry = { kind: "never" } | { kind: "days"; days: ApiKeyExpiryDays } | { kind: "date"; date: string };

export const createApiKeySchema = z
  .object({
    name: z
      .string({ error: apiKeyMessages.name })
      .trim()
      .min(1, apiKeyMessages.name)
      .max(MAX_API_KEY_NAME_LENGTH, apiKeyMessages.nameTooLong),
    access: z.enum(["READ", "READ_WRITE"], { error: apiKeyMessages.access }),
    expiresIn: z.enum(API_KEY_EXPIRY_CHOICES, { error: apiKeyMessages.expiry }),
    // Only read when expiresIn is "date"; a browser sends the field empty otherwise.
    expiresOn: z.string().trim().optional(),
  })
  .superRefine((input, context) => {
    if (input.expiresIn !== "date") return;
    const parsed = z.iso.date().safeParse(input.expiresOn ?? "");
    if (!parsed.success) context.addIssue({ code: "custom", path: ["expiresOn"], message: apiKeyMessages.expiryDate });
  })
  .transform(({ name, access, expiresIn, expiresOn }) => ({ name, access, expiry: expiryOf(expiresIn, expiresOn) }));

function expiryOf(choice: ApiKeyExpiryChoice, date: string | undefined): ApiKeyExpiry {
  if (choice === "never") return { kind: "never" };
  if (choice === "date") return { kind: "date", date: date! };
  return { kind: "days", days: Number(choice) as ApiKeyExpiryDays };
}

export const revokeApiKeySchema = z.object({
  apiKeyId: apiKeyIdSchema,
});

export type CreateApiKeyInput = z.output<typeof createApiKeySchema>;
