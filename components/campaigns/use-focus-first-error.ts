"use client";

import { useEffect, type RefObject } from "react";
import type { FormState } from "@/lib/forms/form-state";

/**
 * After a failed submission, moves focus to the first field with an error (in page order):
 * the control of a text field or select, the first box of a checkbox group.
 */
export function useFocusFirstError(formRef: RefObject<HTMLFormElement | null>, state: FormState): void {
  useEffect(() => {
    if (state.status !== "error" || !formRef.current) return;
    const error = formRef.current.querySelector<HTMLElement>('[id$="-error"]');
    if (!error) return;
    const name = error.id.slice(0, -"-error".length);
    const control =
      formRef.current.querySelector<HTMLElement>(`#${CSS.escape(name)}`) ?? error.closest("fieldset")?.querySelector<HTMLElement>("input, select, textarea");
    control?.focus();
  }, [formRef, state]);
}
