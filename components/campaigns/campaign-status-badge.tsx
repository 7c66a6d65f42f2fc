import { Badge, type BadgeTone } from "@/components/ui/badge";
import { campaignStatusLabels, type CampaignStatusValue } from "@/lib/campaigns/options";

const tones: Record<CampaignStatusValue, BadgeTone> = {
  ACTIVE: "green",
  PAUSED: "yellow",
  DRAFT: "gray",
  COMPLETED: "blue",
  ARCHIVED: "gray",
};

export function CampaignStatusBadge({ status }: { status: CampaignStatusValue }) {
  return <Badge tone={tones[status]}>{campaignStatusLabels[status]}</Badge>;
}
