import { z } from "zod";

export const emailSchema = z.string().trim().toLowerCase().min(1, "Enter your e-mail address.").max(254, "That e-mail address is too long.").pipe(z.email("Enter a valid e-mail address."));

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(128, "That password is too long."),
});

/** A person's account: what the sign-up forms ask, and what better-auth's sign-up accepts on any door. */
export const accountSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Keep your name under 100 characters."),
  email: emailSchema,
  password: z.string().min(10, "Use at least 10 characters.").max(128, "Use at most 128 characters."),
});

export const signUpSchema = accountSchema.extend({
  organizationName: z.string().trim().min(1, "Name your company or site.").max(100, "Keep the name under 100 characters."),
  kind: z.enum(["ADVERTISER", "PUBLISHER"], { error: "Choose whether you advertise or publish." }),
});
