import type { Metadata } from "next";
import Link from "next/link";
import { ServingStatusBadge } from "@/components/campaigns/serving-status-badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, StatCard } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrganization } from "@/lib/auth/session";
import { can } from "@/lib/model/permissions";
import { getAdvertiserOverview, type DeliveryTotals } from "@/lib/campaigns/get-advertiser-overview";
import type { InvalidCounts } from "@/lib/reports/metrics";
import { readDeps } from "@/lib/cache/deps";
import { formatMonth } from "@/lib/format/date";
import { formatMoney } from "@/lib/format/money";
import { formatCount, formatCtr, plural } from "@/lib/format/number";

export const metadata: Metadata = { title: "Advertiser overview" };

/** Campaigns of "Needs attention" the page lists: the rest are counted, and the campaign list shows every status. */
const ATTENTION_SHOWN = 50;

function Totals({ id, title, totals, invalid }: { id: string; title: string; totals: DeliveryTotals; invalid: InvalidCounts }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3">
      <h2 id={id} className="text-sm font-semibold text-slate-700">
        {title}
      </h2>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatCard label="Spend" value={formatMoney(totals.spendMicros)} />
        <StatCard label="Impressions" value={formatCount(totals.impressions)} />
        <StatCard label="Clicks" value={formatCount(totals.clicks)} />
        <StatCard label="CTR" value={formatCtr(totals)} />
      </div>
      {invalid.invalidImpressions > 0 || invalid.invalidClicks > 0 ? (
        <p className="text-sm text-slate-600">
          Not billed: {plural(invalid.invalidImpressions, "invalid impression")} and {plural(invalid.invalidClicks, "invalid click")} (
          <Link href="/advertiser/reports" className="font-medium text-brand-600 hover:text-brand-700">
            reasons in the reports
          </Link>
          ).
        </p>
      ) : null}
    </section>
  );
}

export default async function AdvertiserOverviewPage({ searchParams }: { searchParams: Promise<{ notice?: string | string[] }> }) {
  const { organization, role } = await requireOrganization("ADVERTISER", "reports:read");
  // A read-only member sees the figures, without the ways into campaigns.
  const canRead = can(role, "campaigns:read");
  const newCampaign = (label: string) => (can(role, "campaigns:write") ? <ButtonLink href="/advertiser/campaigns/new">{label}</ButtonLink> : undefined);
  const now = new Date();
  const [overview, { notice }] = await Promise.all([getAdvertiserOverview(organization.id, readDeps(), now, organization.timeZone), searchParams]);
  const month = formatMonth(now, organization.timeZone);

  return (
    <>
      <PageHeader
        title="Overview"
        description={`${organization.name}: delivery and what needs your attention. Days in ${organization.timeZone}.`}
        actions={newCampaign("New campaign")}
      />
      <Notice code={notice} />
      {overview.campaignCount === 0 ? (
        <EmptyState
          title="No campaigns yet"
          description="Create a campaign, add a creative and it serves on publishers' placements once an operator approves the creative."
          action={newCampaign("Create your first campaign")}
        />
      ) : (
        <div className="flex flex-col gap-8">
          <Totals id="today-heading" title="Today" totals={overview.today} invalid={overview.invalid.today} />
          <Totals id="month-heading" title={`This month (${month})`} totals={overview.month} invalid={overview.invalid.month} />
          <section aria-labelledby="attention-heading" className="flex flex-col gap-3">
            <div className="flex items-baseline justify-between gap-3">
              <h2 id="attention-heading" className="text-sm font-semibold text-slate-700">
                Needs attention
              </h2>
              {canRead ? (
                <Link href="/advertiser/campaigns" className="text-sm font-medium text-brand-600 hover:text-brand-700">
                  {overview.campaignCount === 1 ? "Your campaign" : `All ${plural(overview.campaignCount, "campaign")}`} ({overview.servingCount} serving)
                </Link>
              ) : (
                <span className="text-sm text-slate-600">
                  {plural(overview.campaignCount, "campaign")} ({overview.servingCount} serving)
                </span>
              )}
            </div>
            {overview.attention.length === 0 ? (
              <Card>
                <p className="text-sm text-slate-600">Nothing needs your attention: every campaign has an approved creative, budget and time left.</p>
              </Card>
            ) : (
              <ul className="flex flex-col gap-2">
                {overview.attention.slice(0, ATTENTION_SHOWN).map(({ campaign, reasons }) => (
                  <li key={campaign.id}>
                    <Card className="flex flex-col gap-2 p-4 sm:flex-row sm:items-start sm:justify-between">
                      <div className="flex flex-col gap-1">
                        <div className="flex flex-wrap items-center gap-2">
                          {canRead ? (
                            <Link href={`/advertiser/campaigns/${campaign.id}`} className="font-medium text-slate-900 hover:text-brand-700">
                              {campaign.name}
                            </Link>
                          ) : (
                            <span className="font-medium text-slate-900">{campaign.name}</span>
                          )}
                          <ServingStatusBadge status={campaign.servingStatus} />
                        </div>
                        <ul className="list-disc pl-5 text-sm text-slate-700">
                          {reasons.map((reason) => (
                            <li key={reason.reason}>{reason.message}</li>
                          ))}
                        </ul>
                      </div>
                      {canRead ? (
                        <ButtonLink href={`/advertiser/campaigns/${campaign.id}`} variant="secondary" className="shrink-0 px-2.5 py-1 text-xs">
                          Open
                        </ButtonLink>
                      ) : null}
                    </Card>
                  </li>
                ))}
              </ul>
            )}
            {overview.attention.length > ATTENTION_SHOWN ? (
              <p className="text-sm text-slate-600">
                And {plural(overview.attention.length - ATTENTION_SHOWN, "more campaign", "more campaigns")} that {overview.attention.length - ATTENTION_SHOWN === 1 ? "needs" : "need"} attention
                {canRead ? (
                  <>
                    {": "}
                    <Link href="/advertiser/campaigns" className="font-medium text-brand-600 hover:text-brand-700">
                      the campaign list
                    </Link>{" "}
                    shows every campaign&apos;s status
                  </>
                ) : null}
                .
              </p>
            ) : null}
          </section>
        </div>
      )}
    </>
  );
}
