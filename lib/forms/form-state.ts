import type { z } from "zod";
import type { AppError } from "@/lib/errors";

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

export const CORRECT_FIELDS_MESSAGE = "Please correct the highlighted fields.";

export function validationFailed(error: z.ZodError, formData: FormData, message = CORRECT_FIELDS_MESSAGE): FormState {
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

/**
 * What an AppError in the details of which a field is named (`details: { field, fieldMessage? }`)
 * points at: that field, and the text to show next to it (the error's message unless told).
 */
export function refusedField(error: AppError): { field: string; message: string } | null {
  const details = error.details as { field?: unknown; fieldMessage?: unknown } | undefined;
  if (typeof details?.field !== "string") return null;
  return { field: details.field, message: typeof details.fieldMessage === "string" ? details.fieldMessage : error.message };
}

/**
 * A refusal (an AppError from the domain, or from the action's own checks) as the form shows
 * it. A rule about one field is told next to that field: a broken rule (unprocessable_entity)
 * under the same heading as the schema's errors, anything else (a duplicate, …) in its own
 * words. Without a field, the error's message is the form's message. Without formData, the
 * form is not refilled (nothing the user typed is worth keeping, e.g. they may not act at all).
 */
export function refused(error: AppError, formData?: FormData): FormState {
  const field = refusedField(error);
  if (!field) return failed(error.message, formData);
  const message = error.code === "unprocessable_entity" ? CORRECT_FIELDS_MESSAGE : error.message;
  return failed(message, formData, { [field.field]: [field.message] });
}
