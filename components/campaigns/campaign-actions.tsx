import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { SubmitButton } from "@/components/ui/submit-button";
import { changeCampaignStatusAction, duplicateCampaignAction, restoreCampaignAction } from "@/lib/campaigns/actions";
import type { CampaignStatus } from "@/lib/model/enums";

const small = "px-2.5 py-1 text-xs";

/**
 * Pause / resume / start / archive / restore / duplicate: one small form each, so they work
 * without JavaScript. Archive asks first: its button only opens a popover holding the real
 * one (the HTML popover attribute: no script needed, a keyboard control, Escape or a click
 * outside closes it). The campaign id travels in
 * the form and is checked against the session's organisation by the action. On the list,
 * `list` is its address's query (campaignListSearchParams), so a change returns to the same
 * page and search.
 */
export function CampaignActions({
  campaign,
  from,
  list,
  className,
}: {
  campaign: { id: string; name: string; status: CampaignStatus };
  from: "list" | "detail";
  list?: string;
  className?: string;
}) {
  const change = (status: "ACTIVE" | "PAUSED" | "ARCHIVED", label: string, pendingLabel: string, variant: "primary" | "secondary" | "ghost" = "secondary") => (
    <form action={changeCampaignStatusAction}>
      <input type="hidden" name="campaignId" value={campaign.id} />
      <input type="hidden" name="status" value={status} />
      <input type="hidden" name="from" value={from} />
      {list ? <input type="hidden" name="list" value={list} /> : null}
      <SubmitButton variant={variant} className={small} pendingLabel={pendingLabel} aria-label={`${label} ${campaign.name}`}>
        {label}
      </SubmitButton>
    </form>
  );
  return (
    <div className={cn("flex flex-wrap items-center gap-1.5", className)}>
      {campaign.status === "ACTIVE" ? change("PAUSED", "Pause", "Pausing…") : null}
      {campaign.status === "PAUSED" ? change("ACTIVE", "Resume", "Resuming…", "primary") : null}
      {campaign.status === "DRAFT" ? change("ACTIVE", "Start", "Starting…", "primary") : null}
      <form action={duplicateCampaignAction}>
        <input type="hidden" name="campaignId" value={campaign.id} />
        <SubmitButton variant="secondary" className={small} pendingLabel="Copying…" aria-label={`Duplicate ${campaign.name}`}>
          Duplicate
        </SubmitButton>
      </form>
      {campaign.status === "ARCHIVED" ? <Restore campaign={campaign} /> : <ConfirmArchive campaign={campaign} from={from} list={list} />}
    </div>
  );
}

function ConfirmArchive({ campaign, from, list }: { campaign: { id: string; name: string }; from: "list" | "detail"; list?: string }) {
  const id = `confirm-archive-${campaign.id}`;
  return (
    <>
      <Button type="button" variant="ghost" className={small} popoverTarget={id} aria-label={`Archive ${campaign.name}`}>
        Archive…
      </Button>
      {/* A popover, in the top layer: never clipped by the scrolling table it is opened from. The browser places it (centred: m-auto undoes the reset margin) and shows it (no display class: none until open). */}
      <div
        id={id}
        popover="auto"
        role="group"
        aria-label={`Confirm archiving ${campaign.name}`}
        className="m-auto w-72 space-y-2 rounded-lg bg-white p-4 text-left text-sm whitespace-normal shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/20"
      >
        <p className="font-medium text-slate-900">Archive {campaign.name}?</p>
        <p className="text-xs text-slate-600">It stops serving and its creatives leave the review queue. Restore brings it back, paused.</p>
        <div className="flex items-center gap-2 pt-1">
          <form action={changeCampaignStatusAction}>
            <input type="hidden" name="campaignId" value={campaign.id} />
            <input type="hidden" name="status" value="ARCHIVED" />
            <input type="hidden" name="from" value={from} />
            {list ? <input type="hidden" name="list" value={list} /> : null}
            <SubmitButton variant="danger" className={small} pendingLabel="Archiving…">
              Archive campaign
            </SubmitButton>
          </form>
          <Button type="button" variant="ghost" className={small} popoverTarget={id} popoverTargetAction="hide">
            Cancel
          </Button>
        </div>
      </div>
    </>
  );
}

function Restore({ campaign }: { campaign: { id: string; name: string } }) {
  return (
    <form action={restoreCampaignAction} className="flex items-center gap-1.5">
      <input type="hidden" name="campaignId" value={campaign.id} />
      <SubmitButton variant="secondary" className={small} pendingLabel="Restoring…" aria-label={`Restore ${campaign.name} (paused)`}>
        Restore
      </SubmitButton>
      <span className="text-xs text-slate-500">comes back paused</span>
    </form>
  );
}
