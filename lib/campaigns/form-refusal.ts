import { AppError } from "@/lib/errors";
import { failed, type FormState } from "@/lib/forms/form-state";

/**
 * A domain refusal as the form shows it: a rule about one field next to that field, not found
 * and conflicts as the form's message. Anything else is a bug and is rethrown (error page).
 */
export function formRefusal(error: unknown, formData: FormData): FormState {
  if (error instanceof AppError) {
    if (error.code === "unprocessable_entity") {
      const field = (error.details as { field?: unknown } | undefined)?.field;
      return typeof field === "string"
        ? failed("Please correct the highlighted fields.", formData, { [field]: [error.message] })
        : failed(error.message, formData);
    }
    if (error.code === "not_found" || error.code === "conflict") return failed(error.message, formData);
  }
  throw error;
}
