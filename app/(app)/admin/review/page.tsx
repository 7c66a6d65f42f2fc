import type { Metadata } from "next";
import { CreativePreview } from "@/components/admin/creative-preview";
import { ReviewDecisionForm } from "@/components/admin/review-decision-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/session";
import { readDeps } from "@/lib/cache/deps";
import { listPendingCreatives } from "@/lib/review/list-pending-creatives";

export const metadata: Metadata = { title: "Creative review" };

const kindLabel = { IMAGE: "Image", TEXT: "Text", HTML: "HTML" } as const;

export default async function ReviewPage({ searchParams }: { searchParams: Promise<{ notice?: string | string[] }> }) {
  await requireAdmin();
  const [{ creatives, total }, { notice }] = await Promise.all([listPendingCreatives(readDeps()), searchParams]);

  return (
    <>
      <PageHeader
        title="Creative review"
        description={total === 0 ? "Nothing is waiting." : `${total} creative${total === 1 ? "" : "s"} waiting, oldest first. Only approved creatives serve.`}
      />
      <Notice code={notice} />
      {creatives.length === 0 ? (
        <EmptyState title="Nothing to review" description="New and changed creatives appear here before they can serve." />
      ) : (
        <ol className="flex flex-col gap-6">
          {creatives.map((creative) => (
            <li key={creative.id}>
              <Card className="flex flex-col gap-4">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div>
                    <h2 className="font-semibold text-slate-900">{creative.name}</h2>
                    <p className="text-sm text-slate-600">
                      {creative.campaign.organization.name} · campaign “{creative.campaign.name}”
                    </p>
                  </div>
                  <div className="flex items-center gap-2">
                    <Badge tone="blue">{kindLabel[creative.kind]}</Badge>
                    <Badge>
                      {creative.width} × {creative.height}
                    </Badge>
                  </div>
                </div>
                <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[8rem_minmax(0,1fr)]">
                  <dt className="text-slate-500">Landing URL</dt>
                  <dd className="break-all font-mono text-xs text-slate-800">{creative.landingUrl}</dd>
                  <dt className="text-slate-500">Submitted</dt>
                  <dd className="tabular-nums">{creative.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC</dd>
                </dl>
                <CreativePreview creative={creative} />
                <ReviewDecisionForm creativeId={creative.id} creativeName={creative.name} />
              </Card>
            </li>
          ))}
        </ol>
      )}
      {creatives.length < total ? <p className="mt-4 text-sm text-slate-600">Showing the oldest {creatives.length}; decide these to see the rest.</p> : null}
    </>
  );
}
