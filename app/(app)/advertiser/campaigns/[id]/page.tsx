import type { Metadata } from "next";
import Link from "next/link";
import { BudgetBar } from "@/components/campaigns/budget-bar";
import { CampaignActions } from "@/components/campaigns/campaign-actions";
import { ServingStatusBadge } from "@/components/campaigns/serving-status-badge";
import { CreativeList } from "@/components/creatives/creative-list";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrganization } from "@/lib/auth/session";
import { can } from "@/lib/model/permissions";
import { getCampaign, type CampaignWithCreatives } from "@/lib/campaigns/get-campaign";
import { listPlacementOptions, type PlacementOption } from "@/lib/campaigns/list-placement-options";
import { rangeLabel, rangesOfHours } from "@/lib/model/day-parting";
import { FREQUENCY_PERIODS, WEEKDAY_LABELS, deviceLabels, priorityTierLabels } from "@/lib/model/options";
import { orNotFound } from "@/lib/campaigns/or-not-found";
import { pacingStatus, spentTodayMicros } from "@/lib/campaigns/pacing-status";
import { readServingStatus } from "@/lib/campaigns/read-serving-status";
import { readDeps } from "@/lib/cache/deps";
import { formatDateTime } from "@/lib/format/date";
import { formatMoney, formatPrice, percentOf } from "@/lib/format/money";

export const metadata: Metadata = { title: "Campaign" };

function Facts({ items }: { items: Array<[string, React.ReactNode]> }) {
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
      {items.map(([term, description]) => (
        <div key={term} className="contents">
          <dt className="text-slate-500">{term}</dt>
          <dd className="mb-1 text-slate-900 sm:mb-0">{description}</dd>
        </div>
      ))}
    </dl>
  );
}

const any = (values: readonly (string | number)[], show: (value: string | number) => string = String) => (values.length === 0 ? "Any" : values.map(show).join(", "));

/** The targeting facts; weekdays and hours are the organisation's (`timeZone`), as serving keeps them. */
function targeting(campaign: CampaignWithCreatives, placements: PlacementOption[], timeZone: string): Array<[string, React.ReactNode]> {
  const placementName = (id: string | number) => {
    const placement = placements.find((option) => option.id === id);
    return placement ? `${placement.siteName} — ${placement.name}${placement.offered ? "" : " (no longer offered)"}` : "a removed placement";
  };
  return [
    ["Placements", any(campaign.targetPlacementIds, placementName)],
    ["Sizes", any(campaign.targetSizes, (size) => String(size).replace("x", "×"))],
    ["Countries", campaign.countriesInclude.length ? campaign.countriesInclude.join(", ") : "Any"],
    ["Not in", campaign.countriesExclude.length ? campaign.countriesExclude.join(", ") : "—"],
    ["Devices", any(campaign.devices, (device) => deviceLabels[device as keyof typeof deviceLabels].split(" (")[0] ?? String(device))],
    ["Keywords", any(campaign.keywords)],
    [`Weekdays (${timeZone})`, any(campaign.weekdays, (day) => WEEKDAY_LABELS[Number(day)]?.slice(0, 3) ?? String(day))],
    // As the form enters them: ranges ("09:00–17:00"), not 24 numbers.
    [`Hours (${timeZone})`, campaign.hours.length === 0 ? "Any" : rangesOfHours(campaign.hours).map(rangeLabel).join(", ")],
  ];
}

function frequencyCap(campaign: CampaignWithCreatives): string {
  if (!campaign.frequencyCapCount || !campaign.frequencyCapPeriodSeconds) return "None";
  const period = Object.entries(FREQUENCY_PERIODS).find(([, seconds]) => seconds === campaign.frequencyCapPeriodSeconds)?.[0];
  return `${campaign.frequencyCapCount} per viewer per ${period ?? `${campaign.frequencyCapPeriodSeconds} s`}`;
}

export default async function CampaignPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ notice?: string | string[] }> }) {
  const { organization, role } = await requireOrganization("ADVERTISER", "campaigns:read");
  const canWrite = can(role, "campaigns:write");
  const [{ id }, { notice }] = await Promise.all([params, searchParams]);
  const campaign = await orNotFound(getCampaign(organization.id, id, readDeps()));
  const placements = await listPlacementOptions(readDeps(), campaign.targetPlacementIds);
  const now = new Date();
  const spentToday = spentTodayMicros(campaign, now, organization.timeZone);
  const pacing = pacingStatus({ ...campaign, spentTodayMicros: spentToday }, now, organization.timeZone);
  const serving = await readServingStatus(campaign, readDeps(), now);
  const archived = campaign.status === "ARCHIVED";
  const editable = canWrite && !archived;
  const base = `/advertiser/campaigns/${campaign.id}`;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/advertiser/campaigns" className="text-brand-600 hover:text-brand-700">
          ← Campaigns
        </Link>
      </nav>
      <PageHeader
        title={campaign.name}
        description={`${formatDateTime(campaign.startsAt, organization.timeZone)} – ${campaign.endsAt ? formatDateTime(campaign.endsAt, organization.timeZone) : "no end date"}`}
        actions={
          !editable ? undefined : (
            <>
              <ButtonLink href={`${base}/edit`} variant="secondary">
                Edit campaign
              </ButtonLink>
              <ButtonLink href={`${base}/creatives/new`}>Add creative</ButtonLink>
            </>
          )
        }
      />
      <Notice code={notice} />
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <span className="flex items-center gap-2 text-sm text-slate-600">
          Status <ServingStatusBadge status={serving} />
        </span>
        {canWrite ? <CampaignActions campaign={campaign} from="detail" /> : null}
      </div>

      <div className="mb-8 grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Card className="flex flex-col gap-3">
          <h2 className="text-base font-semibold">Budget</h2>
          <BudgetBar spentMicros={campaign.spentMicros} totalBudgetMicros={campaign.totalBudgetMicros} percent={percentOf(campaign.spentMicros, campaign.totalBudgetMicros)} />
          <Facts
            items={[
              ["Daily budget", campaign.dailyBudgetMicros === null ? "None" : `${formatMoney(spentToday)} of ${formatMoney(campaign.dailyBudgetMicros)} today`],
              // How it paces is a note on a serving campaign only; otherwise the status says why not.
              ["Pacing", `${campaign.pacing === "EVEN" ? "Even" : "As fast as possible"}${serving.state === "serving" ? ` · ${pacing.label}` : ""}`],
            ]}
          />
        </Card>
        <Card className="flex flex-col gap-3">
          <h2 className="text-base font-semibold">Pricing and priority</h2>
          <Facts
            items={[
              ["Price", `${formatPrice(campaign.priceMicros)} ${campaign.pricingModel === "CPM" ? "per 1,000 impressions" : "per click"}`],
              ["Tier", priorityTierLabels[campaign.tier].split(" — ")[0]],
              ["Weight", String(campaign.weight)],
              ["Frequency cap", frequencyCap(campaign)],
            ]}
          />
        </Card>
        <Card className="flex flex-col gap-3">
          <h2 className="text-base font-semibold">Targeting</h2>
          <Facts items={targeting(campaign, placements, organization.timeZone)} />
        </Card>
      </div>

      <section aria-labelledby="creatives-heading" className="flex flex-col gap-3">
        <div className="flex items-center justify-between gap-3">
          <h2 id="creatives-heading" className="text-lg font-semibold">
            Creatives
          </h2>
          {!editable ? null : (
            <ButtonLink href={`${base}/creatives/new`} variant="secondary" className="px-2.5 py-1 text-xs">
              Add creative
            </ButtonLink>
          )}
        </div>
        <CreativeList campaignId={campaign.id} creatives={campaign.creatives} editable={editable} />
      </section>
    </>
  );
}
