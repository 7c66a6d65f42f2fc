import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { plural } from "@/lib/format/number";
import { creativeKindLabels } from "@/lib/model/options";
import { archiveCreativeAction } from "@/lib/creatives/actions";
import type { Creative } from "@/lib/generated/prisma/client";
import { RealSizeScroller } from "@/components/ui/real-size-scroller";
import { CreativePreview } from "./creative-preview";
import { ReviewStatusBadge } from "./review-status-badge";

function summary(creative: Creative): string {
  if (creative.kind === "TEXT") return creative.headline ?? "";
  if (creative.kind === "IMAGE") return creative.altText ?? "";
  return `${plural(creative.html?.length ?? 0, "character")} of HTML`;
}

/**
 * A campaign's creatives: review state (with the reason of a rejection), edit and archive, and
 * each at its real size as the snippet shows it — never scaled: a box that scrolls sideways
 * holds a leaderboard on a phone.
 */
export function CreativeList({ campaignId, creatives, editable }: { campaignId: string; creatives: Creative[]; editable: boolean }) {
  if (creatives.length === 0) {
    return (
      <EmptyState
        title="No creatives yet"
        description="Add an image, a text or an HTML ad. An operator reviews each creative before it serves."
        action={editable ? <ButtonLink href={`/advertiser/campaigns/${campaignId}/creatives/new`}>Add a creative</ButtonLink> : undefined}
      />
    );
  }
  return (
    <ul className="flex flex-col gap-3">
      {creatives.map((creative) => {
        const archived = creative.archivedAt !== null;
        const editHref = `/advertiser/campaigns/${campaignId}/creatives/${creative.id}/edit`;
        return (
          <li key={creative.id}>
            <Card className={archived ? "flex flex-col gap-3 p-4 opacity-60" : "flex flex-col gap-3 p-4"}>
              <div className="flex min-w-0 flex-col gap-3 sm:flex-row">
                <div className="flex min-w-0 flex-1 flex-col gap-1.5">
                  <div className="flex flex-wrap items-center gap-2">
                    {editable && !archived ? (
                      <Link href={editHref} className="font-medium text-slate-900 hover:text-brand-700">
                        {creative.name}
                      </Link>
                    ) : (
                      <span className="font-medium text-slate-900">{creative.name}</span>
                    )}
                    {archived ? <Badge>Archived</Badge> : <ReviewStatusBadge status={creative.reviewStatus} />}
                  </div>
                  <p className="text-xs text-slate-500">
                    {creativeKindLabels[creative.kind]} · {creative.width}×{creative.height} · links to <span className="break-all">{creative.landingUrl}</span>
                  </p>
                  {summary(creative) ? <p className="truncate text-sm text-slate-700">{summary(creative)}</p> : null}
                  {creative.reviewStatus === "REJECTED" && !archived ? (
                    <p className="text-sm text-red-700">Rejected: {creative.reviewNote || "no reason given."} Edit it to send it to review again.</p>
                  ) : null}
                </div>
                {editable && !archived ? (
                  <div className="flex shrink-0 items-start gap-1.5">
                    <ButtonLink href={editHref} variant="secondary" className="px-2.5 py-1 text-xs" aria-label={`Edit ${creative.name}`}>
                      Edit
                    </ButtonLink>
                    <form action={archiveCreativeAction}>
                      <input type="hidden" name="creativeId" value={creative.id} />
                      <SubmitButton variant="ghost" className="px-2.5 py-1 text-xs" pendingLabel="Archiving…" aria-label={`Archive ${creative.name}`}>
                        Archive
                      </SubmitButton>
                    </form>
                  </div>
                ) : null}
              </div>
              <RealSizeScroller label={`${creative.name} at its real size, ${creative.width}×${creative.height}`}>
                <div className="m-px w-fit ring-1 ring-slate-200" data-testid="creative-preview" inert>
                  <CreativePreview
                    kind={creative.kind}
                    width={creative.width}
                    height={creative.height}
                    imageUrl={creative.imageUrl}
                    altText={creative.altText}
                    headline={creative.headline}
                    body={creative.body}
                    html={creative.html}
                  />
                </div>
              </RealSizeScroller>
            </Card>
          </li>
        );
      })}
    </ul>
  );
}
