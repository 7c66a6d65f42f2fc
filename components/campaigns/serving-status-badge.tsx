import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ServingState, ServingStatus } from "@/lib/campaigns/serving-status";

// Red where the advertiser expects delivery and gets none; gray where they chose it.
const tones: Record<ServingState, BadgeTone> = {
  serving: "green",
  scheduled: "blue",
  draft: "gray",
  paused: "yellow",
  archived: "gray",
  ended: "gray",
  "budget-spent": "red",
  "no-approved-creative": "red",
};

export function ServingStatusBadge({ status }: { status: ServingStatus }) {
  return <Badge tone={tones[status.state]}>{status.label}</Badge>;
}
