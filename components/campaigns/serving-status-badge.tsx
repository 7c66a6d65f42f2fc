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
  unverified: "red",
};

export function ServingStatusBadge({ status }: { status: ServingStatus }) {
  const badge = <Badge tone={tones[status.state]}>{status.label}</Badge>;
  if (status.state !== "unverified") return badge;
  // The fix is on every signed-in page already: the layout's VerificationBanner, which sends the
  // confirmation link again. The badge leads there.
  return (
    <a href="#email-confirmation" className="rounded-full underline decoration-red-400 underline-offset-2 hover:decoration-red-700" title="How to confirm your e-mail address">
      {badge}
    </a>
  );
}
