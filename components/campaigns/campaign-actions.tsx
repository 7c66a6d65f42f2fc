import { cn } from "@/components/ui/cn";
import { SubmitButton } from "@/components/ui/submit-button";
import { changeCampaignStatusAction, duplicateCampaignAction } from "@/lib/campaigns/actions";
import type { CampaignStatus } from "@/lib/model/enums";

const small = "px-2.5 py-1 text-xs";

/**
 * Pause / resume / start / archive / duplicate: one small form each, so they work without
 * JavaScript. The campaign id travels in the form and is checked against the session's
 * organisation by the action.
 */
export function CampaignActions({
  campaign,
  from,
  className,
}: {
  campaign: { id: string; name: string; status: CampaignStatus };
  from: "list" | "detail";
  className?: string;
}) {
  const change = (status: "ACTIVE" | "PAUSED" | "ARCHIVED", label: string, pendingLabel: string, variant: "primary" | "secondary" | "ghost" = "secondary") => (
    <form action={changeCampaignStatusAction}>
      <input type="hidden" name="campaignId" value={campaign.id} />
      <input type="hidden" name="status" value={status} />
      <input type="hidden" name="from" value={from} />
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
      {campaign.status !== "ARCHIVED" ? change("ARCHIVED", "Archive", "Archiving…", "ghost") : null}
    </div>
  );
}
