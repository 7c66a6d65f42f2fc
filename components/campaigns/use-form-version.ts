"use client";

import { useState } from "react";
import type { FormState } from "@/lib/forms/form-state";

/**
 * A number that changes with every answer of the action. Used as the form's key, so that
 * after an error the form is rebuilt from what the user typed (state.values): React resets
 * uncontrolled fields after an action, and a changed `defaultValue` alone is not enough
 * for selects and checkboxes.
 */
export function useFormVersion(state: FormState): number {
  const [tracked, setTracked] = useState({ state, version: 0 });
  if (tracked.state !== state) {
    const next = { state, version: tracked.version + 1 };
    setTracked(next);
    return next.version;
  }
  return tracked.version;
}
