import { SubmitButton } from "@/components/ui/submit-button";
import { setHiddenFromAdvertisersAction } from "@/lib/admin/actions";

/**
 * A publisher's "test publisher" switch on the accounts page: what it is now, and the one
 * button that changes it (a plain form: no script needed).
 */
export function PublisherVisibilityForm({ organization }: { organization: { id: string; name: string; hiddenFromAdvertisers: boolean } }) {
  const hidden = organization.hiddenFromAdvertisers;
  return (
    <form action={setHiddenFromAdvertisersAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="organizationId" value={organization.id} />
      <input type="hidden" name="hidden" value={hidden ? "false" : "true"} />
      <span className={hidden ? "text-xs font-medium text-amber-800" : "text-xs text-slate-600"}>{hidden ? "Test publisher — hidden from advertisers" : "Offered to advertisers"}</span>
      <SubmitButton
        variant="secondary"
        className="px-2.5 py-1 text-xs"
        pendingLabel="Saving…"
      >
        {/* The publisher's name is heard, not shown: an aria-label would hide the visible words from speech input (WCAG 2.5.3). */}
        {hidden ? (
          <>
            Offer<span className="sr-only"> {organization.name} to advertisers</span> again
          </>
        ) : (
          <>
            Mark<span className="sr-only"> {organization.name}</span> as a test publisher<span className="sr-only">, hidden from advertisers</span>
          </>
        )}
      </SubmitButton>
    </form>
  );
}
