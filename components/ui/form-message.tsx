import type { FormState } from "@/lib/forms/form-state";
import { cn } from "./cn";

/** The outcome of the last submission, announced to screen readers. */
export function FormMessage({ state }: { state: FormState }) {
  return (
    <div aria-live="polite" role="status" className="min-h-0">
      {state.message ? (
        <p
          className={cn(
            "rounded-md px-3 py-2 text-sm",
            state.status === "error" ? "bg-red-50 text-red-800 ring-1 ring-red-200" : "bg-emerald-50 text-emerald-800 ring-1 ring-emerald-200",
          )}
        >
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
