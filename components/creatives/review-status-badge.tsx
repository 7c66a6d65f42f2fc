import { Badge, type BadgeTone } from "@/components/ui/badge";
import { reviewStatusLabels } from "@/lib/model/options";

const tones: Record<keyof typeof reviewStatusLabels, BadgeTone> = { PENDING: "yellow", APPROVED: "green", REJECTED: "red" };

export function ReviewStatusBadge({ status }: { status: keyof typeof reviewStatusLabels }) {
  return <Badge tone={tones[status]}>{reviewStatusLabels[status]}</Badge>;
}
