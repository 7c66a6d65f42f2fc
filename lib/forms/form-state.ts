import type { z } from "zod";

/**
 * What a server action returns to its form (useActionState): a message for the aria-live
 * region, errors by field, and what the user typed so nothing is lost on an error.
 */
export interface FormState {
  status: "idle" | "error" | "success";
  message?: string;
  errors?: Record<string, string[]>;
  values?: Record<string, string>;
}

export const initialFormState: FormState = { status: "idle" };

/** The submitted text fields (files and secrets left out), to refill the form. */
export function submittedValues(formData: FormData, omit: readonly string[] = ["password"]): Record<string, string> {
  const values: Record<string, string> = {};
  // A direct POST to an action may pass anything in place of the form.
  if (!(formData instanceof FormData)) return values;
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string" || omit.includes(name) || name.startsWith("$ACTION")) continue;
    values[name] = name in values ? `${values[name]},${value}` : value;
  }
  return values;
}

export function validationFailed(error: z.ZodError, formData: FormData, message = "Please correct the highlighted fields."): FormState {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    (errors[field] ??= []).push(issue.message);
  }
  return { status: "error", message, errors, values: submittedValues(formData) };
}

export function failed(message: string, formData?: FormData, errors?: Record<string, string[]>): FormState {
  return { status: "error", message, errors, values: formData ? submittedValues(formData) : undefined };
}
