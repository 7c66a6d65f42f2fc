"use client";

import { useActionState, useId } from "react";
import { cn } from "@/components/ui/cn";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState } from "@/lib/forms/form-state";
import { reviewCreativeAction } from "@/lib/review/actions";
import { MAX_REVIEW_NOTE_LENGTH } from "@/lib/zod/schemas/review";

/**
 * Approve or Reject one creative. The page lists many, so the reason field's id comes from
 * useId (the shared TextAreaField would repeat `id="reason"` on every card).
 */
export function ReviewDecisionForm({ creativeId, creativeName, search }: { creativeId: string; creativeName: string; search: string }) {
  const [state, action] = useActionState(reviewCreativeAction, initialFormState);
  const id = useId();
  const reasonErrors = state.errors?.reason;
  const errorId = `${id}-reason-error`;
  const hintId = `${id}-reason-hint`;
  return (
    <form action={action} className="flex max-w-2xl flex-col gap-3" noValidate aria-label={`Review ${creativeName}`}>
      <FormMessage state={state} />
      <input type="hidden" name="creativeId" value={creativeId} />
      {search ? <input type="hidden" name="search" value={search} /> : null}
      <div className="flex flex-col gap-1.5">
        <label htmlFor={`${id}-reason`} className="text-sm font-medium text-slate-800">
          Reason
        </label>
        <textarea
          id={`${id}-reason`}
          name="reason"
          maxLength={MAX_REVIEW_NOTE_LENGTH}
          defaultValue={state.values?.reason}
          aria-invalid={reasonErrors?.length ? true : undefined}
          aria-describedby={[hintId, reasonErrors?.length ? errorId : null].filter(Boolean).join(" ")}
          className={cn(
            "block min-h-20 w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30",
            reasonErrors?.length ? "border-red-500" : "border-slate-300",
          )}
        />
        <p id={hintId} className="text-xs text-slate-500">
          Required to reject; the advertiser sees it. Optional note when approving.
        </p>
        {reasonErrors?.length ? (
          <p id={errorId} className="text-sm text-red-700" role="alert">
            {reasonErrors.join(" ")}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <SubmitButton name="decision" value="APPROVE" pendingLabel="Saving…">
          Approve
        </SubmitButton>
        <SubmitButton name="decision" value="REJECT" variant="danger" pendingLabel="Saving…">
          Reject
        </SubmitButton>
      </div>
    </form>
  );
}
