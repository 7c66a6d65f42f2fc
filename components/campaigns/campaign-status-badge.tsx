import { Badge, type BadgeTone } from "@/components/ui/badge";
import { type CampaignStatus } from "@/lib/model/enums";
import { campaignStatusLabels } from "@/lib/model/options";

const tones: Record<CampaignStatus, BadgeTone> = {
  ACTIVE: "green",
  PAUSED: "yellow",
  DRAFT: "gray",
  COMPLETED: "blue",
  ARCHIVED: "gray",
};

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  return <Badge tone={tones[status]}>{campaignStatusLabels[status]}</Badge>;
}
