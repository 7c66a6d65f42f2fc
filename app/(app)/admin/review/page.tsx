import type { Metadata } from "next";
import { CreativePreview } from "@/components/admin/creative-preview";
import { ReviewDecisionForm } from "@/components/admin/review-decision-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { SearchForm } from "@/components/ui/search-form";
import { requireAdmin } from "@/lib/auth/session";
import { readDeps } from "@/lib/cache/deps";
import { listPendingCreatives } from "@/lib/review/list-pending-creatives";
import { searchText } from "@/lib/zod/schemas/search";

export const metadata: Metadata = { title: "Creative review" };

const kindLabel = { IMAGE: "Image", TEXT: "Text", HTML: "HTML" } as const;

const plural = (count: number) => `${count} creative${count === 1 ? "" : "s"}`;

function describe(total: number, search: string): string {
  if (search) return `${total === 0 ? "No creative" : plural(total)} waiting match “${search}”, oldest first.`;
  return total === 0 ? "Nothing is waiting." : `${plural(total)} waiting, oldest first. Only approved creatives serve.`;
}

export default async function ReviewPage({ searchParams }: { searchParams: Promise<{ notice?: string | string[]; q?: string | string[] }> }) {
  await requireAdmin();
  const { notice, q } = await searchParams;
  const search = searchText(q);
  const { creatives, total } = await listPendingCreatives(readDeps(), { search });

  return (
    <>
      <PageHeader
        title="Creative review"
        description={describe(total, search)}
      />
      <Notice code={notice} />
      <SearchForm action="/admin/review" name="Review queue" label="Find by creative, campaign or advertiser" search={search} clearHref="/admin/review" />
      {creatives.length === 0 ? (
        search ? (
          <EmptyState title="No match" description={`Nothing waiting has “${search}” in its creative, campaign or advertiser name.`} />
        ) : (
          <EmptyState title="Nothing to review" description="New and changed creatives appear here before they can serve." />
        )
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
                <ReviewDecisionForm creativeId={creative.id} creativeName={creative.name} search={search} />
              </Card>
            </li>
          ))}
        </ol>
      )}
      {creatives.length < total ? <p className="mt-4 text-sm text-slate-600">Showing the oldest {creatives.length}; decide these, or search above, to see the rest.</p> : null}
    </>
  );
}
