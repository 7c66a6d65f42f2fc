"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState } from "@/lib/forms/form-state";
import { archivePlacementAction } from "@/lib/placements/actions";

/** Archiving sits behind a disclosure: one deliberate click to open, one to confirm. */
export function ArchivePlacementForm({ placementId }: { placementId: string }) {
  const [state, action] = useActionState(archivePlacementAction, initialFormState);
  return (
    <details className="group rounded-md border border-red-200 bg-red-50/40 p-4">
      <summary className="cursor-pointer text-sm font-medium text-red-800">Archive this placement…</summary>
      <form action={action} className="mt-3 flex flex-col gap-3">
        <input type="hidden" name="placementId" value={placementId} />
        <FormMessage state={state} />
        <p className="text-sm text-slate-700">
          The snippet stops showing ads at once, on every page that carries it. Its reports stay. This cannot be undone.
        </p>
        <div>
          <SubmitButton variant="danger" pendingLabel="Archiving…">
            Archive placement
          </SubmitButton>
        </div>
      </form>
    </details>
  );
}
