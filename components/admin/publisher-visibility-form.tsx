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
        {/* The visible words begin the heard name (WCAG 2.5.3: speech input says what it sees); the publisher follows, unseen. */}
        {hidden ? "Offer again" : "Mark as a test publisher"}
        <span className="sr-only"> — {organization.name}</span>
      </SubmitButton>
    </form>
  );
}
