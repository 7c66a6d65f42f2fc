import type { Metadata } from "next";
import Link from "next/link";
import { BudgetBar } from "@/components/campaigns/budget-bar";
import { CampaignActions } from "@/components/campaigns/campaign-actions";
import { ServingStatusBadge } from "@/components/campaigns/serving-status-badge";
import { ButtonLink } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { Table, Td, Th } from "@/components/ui/table";
import { requireOrganization } from "@/lib/auth/session";
import { can } from "@/lib/model/permissions";
import { CAMPAIGNS_PATH, campaignListSearchParams, campaignListUrl } from "@/lib/campaigns/campaign-list-url";
import { CAMPAIGN_LIST_VIEWS, listCampaignPage, type CampaignPage, type CampaignSummary } from "@/lib/campaigns/list-campaigns";
import { readDeps } from "@/lib/cache/deps";
import { formatDate } from "@/lib/format/date";
import { formatPrice } from "@/lib/format/money";
import { plural } from "@/lib/format/number";
import { campaignStatusLabels } from "@/lib/model/options";
import { campaignListQuerySchema } from "@/lib/zod/schemas/campaigns";

export const metadata: Metadata = { title: "Campaigns" };

/** The flight's days, in the organisation's `timeZone`. */
function flight(campaign: CampaignSummary, timeZone: string): string {
  return `${formatDate(campaign.startsAt, timeZone)} – ${campaign.endsAt ? formatDate(campaign.endsAt, timeZone) : "no end"}`;
}

function price(campaign: CampaignSummary): string {
  return `${formatPrice(campaign.priceMicros)} ${campaign.pricingModel}`;
}

/** Pacing is a note on a serving campaign; one that cannot serve has its reason in the status. */
function Pacing({ campaign }: { campaign: CampaignSummary }) {
  if (campaign.servingStatus.state !== "serving") return <span className="text-sm text-slate-500">—</span>;
  const { label, detail, state } = campaign.pacingStatus;
  return (
    <div className="flex flex-col">
      <span className={cn("text-sm", state === "ahead" || state === "spent" ? "text-amber-700" : state === "idle" ? "text-slate-500" : "text-slate-800")}>{label}</span>
      {detail ? <span className="text-xs text-slate-500 tabular-nums">{detail}</span> : null}
    </div>
  );
}

function Creatives({ campaign }: { campaign: CampaignSummary }) {
  const { approved, pending, rejected } = campaign.creativeCounts;
  if (approved + pending + rejected === 0) return <span className="text-sm text-slate-500">None</span>;
  return (
    <span className="text-xs text-slate-600">
      {approved} approved{pending ? `, ${pending} in review` : ""}
      {rejected ? <span className="text-red-700">, {rejected} rejected</span> : null}
    </span>
  );
}

/**
 * On a phone: the body a column of cards, each row a card of two columns, its cells without
 * the table's padding (written once here, not on each of 50 rows' cells: they are bytes of
 * every page).
 */
const PHONE_CARDS = [
  "max-md:flex max-md:flex-col max-md:gap-3 max-md:divide-y-0",
  "max-md:*:grid max-md:*:grid-cols-[minmax(0,1fr)_auto] max-md:*:gap-x-2 max-md:*:gap-y-3 max-md:*:rounded-lg max-md:*:border max-md:*:border-slate-200 max-md:*:bg-white max-md:*:p-4 max-md:*:shadow-sm",
  "max-md:[&>tr>td]:block max-md:[&>tr>td]:min-w-0 max-md:[&>tr>td]:whitespace-normal max-md:[&>tr>td]:p-0",
].join(" ");

const statusOptions = [{ value: "", label: "All statuses" }, ...CAMPAIGN_LIST_VIEWS.current.map((status) => ({ value: status, label: campaignStatusLabels[status] }))];

/** Nothing on the page: nothing matches the search or the status, or there is nothing at all yet. */
function NothingShown({ query, viewCounts, canWrite }: Pick<CampaignPage, "query" | "viewCounts"> & { canWrite: boolean }) {
  const archived = query.view === "archived";
  // "archived campaigns", "paused campaigns", or just "campaigns".
  const kind = `${archived ? "archived " : query.status ? `${campaignStatusLabels[query.status].toLowerCase()} ` : ""}campaigns`;
  if (query.search) {
    // The other tab may hold what was looked for: say so rather than leave it to be guessed.
    const other = archived ? viewCounts.current : viewCounts.archived;
    const elsewhere = other > 0 ? ` ${plural(other, archived ? "current campaign" : "archived campaign")} ${other === 1 ? "matches" : "match"} it.` : "";
    return (
      <EmptyState
        title={`No ${kind} match “${query.search}”`}
        description={`Check the spelling, or search for part of the name.${elsewhere}`}
        action={
          <ButtonLink href={campaignListUrl({ view: query.view, status: query.status })} variant="secondary">
            Clear the search
          </ButtonLink>
        }
      />
    );
  }
  if (query.status) {
    return (
      <EmptyState
        title={`No ${kind}`}
        action={
          <ButtonLink href={campaignListUrl()} variant="secondary">
            Show all statuses
          </ButtonLink>
        }
      />
    );
  }
  return archived ? (
    <EmptyState title="No archived campaigns" description="Archived campaigns stop serving and are kept here with their reports. Restore brings one back, paused." />
  ) : (
    <EmptyState
      title="No campaigns yet"
      description="A campaign holds the budget, schedule and targeting; its creatives are the ads people see."
      action={canWrite ? <ButtonLink href="/advertiser/campaigns/new">Create a campaign</ButtonLink> : undefined}
    />
  );
}

export default async function CampaignsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { organization, role } = await requireOrganization("ADVERTISER", "campaigns:read");
  const canWrite = can(role, "campaigns:write");
  const params = await searchParams;
  const { campaigns, query, pageSize, total, viewCounts } = await listCampaignPage(organization.id, campaignListQuerySchema.parse(params), readDeps());
  const showArchived = query.view === "archived";
  // The list's address, sent with each row's buttons so that a pause comes back to this page.
  const list = campaignListSearchParams(query).toString();

  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Status, budget and pacing of every campaign. Pause one and it stops serving within a second."
        actions={canWrite ? <ButtonLink href="/advertiser/campaigns/new">New campaign</ButtonLink> : undefined}
      />
      <Notice code={params.notice} />
      {/* The tabs keep the search: their counts are of the campaigns that match it. */}
      <nav aria-label="Campaign views" className="mb-4 flex gap-1 text-sm">
        <Link
          href={campaignListUrl({ search: query.search })}
          aria-current={showArchived ? undefined : "page"}
          className={cn("rounded-md px-3 py-1.5 font-medium", showArchived ? "text-slate-600 hover:bg-slate-100" : "bg-white text-slate-900 ring-1 ring-slate-200")}
        >
          Current ({viewCounts.current})
        </Link>
        <Link
          href={campaignListUrl({ view: "archived", search: query.search })}
          aria-current={showArchived ? "page" : undefined}
          className={cn("rounded-md px-3 py-1.5 font-medium", showArchived ? "bg-white text-slate-900 ring-1 ring-slate-200" : "text-slate-600 hover:bg-slate-100")}
        >
          Archived ({viewCounts.archived})
        </Link>
      </nav>
      <SearchForm
        action={CAMPAIGNS_PATH}
        name="Campaign search"
        label="Find by campaign name"
        search={query.search}
        clearHref={campaignListUrl({ view: query.view, status: query.status })}
      >
        {showArchived ? <input type="hidden" name="view" value="archived" /> : <SelectField name="status" label="Status" options={statusOptions} defaultValue={query.status ?? ""} />}
      </SearchForm>

      {campaigns.length === 0 ? (
        <NothingShown query={query} viewCounts={viewCounts} canWrite={canWrite} />
      ) : (
        <>
          {/*
            One table at every width, each campaign rendered once: on a phone its row is laid
            out as a card (name and status, flight, budget, pacing and creatives, actions) and
            the column headers are left to screen readers. Two renderings (cards and a table,
            one hidden) made a page of 50 ~870 KB of HTML and ~130 ms to render; one: ~480 KB, ~70 ms.
            On a laptop its seven columns fit the page's 1,120 px on one line each (cells padded
            12 px, not 16); a long name, status or flight wraps the name, flight, pacing and
            actions instead of scrolling the table sideways.
          */}
          <Table
            caption="Campaigns"
            className="max-md:overflow-visible max-md:rounded-none max-md:border-0 max-md:bg-transparent max-md:shadow-none"
            tableClassName="max-md:block max-md:divide-y-0 md:[&_td]:px-3 md:[&_th]:px-3"
          >
            <thead className="max-md:sr-only">
              <tr>
                <Th>Campaign</Th>
                <Th>Status</Th>
                <Th>Flight</Th>
                <Th>Budget used</Th>
                <Th>Pacing</Th>
                <Th>Creatives</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody className={cn("divide-y divide-slate-100", PHONE_CARDS)}>
              {campaigns.map((campaign) => (
                <tr key={campaign.id} className="align-top">
                  <Td className="max-w-64 whitespace-normal md:min-w-40">
                    <Link href={`/advertiser/campaigns/${campaign.id}`} className="font-medium text-slate-900 hover:text-brand-700">
                      {campaign.name}
                    </Link>
                    <div className="text-xs text-slate-500">
                      {price(campaign)} · {campaign.tier.toLowerCase()}
                    </div>
                  </Td>
                  <Td className="max-md:justify-self-end">
                    <ServingStatusBadge status={campaign.servingStatus} />
                  </Td>
                  <Td className="text-xs whitespace-normal text-slate-600 max-md:col-span-2 max-md:-mt-2">{flight(campaign, organization.timeZone)}</Td>
                  <Td className="max-md:col-span-2">
                    <BudgetBar spentMicros={campaign.spentMicros} totalBudgetMicros={campaign.totalBudgetMicros} percent={campaign.budgetUsedPercent} />
                  </Td>
                  <Td className="whitespace-normal">
                    <Pacing campaign={campaign} />
                  </Td>
                  <Td className="max-md:justify-self-end">
                    <Creatives campaign={campaign} />
                  </Td>
                  <Td className="max-md:col-span-2">
                    {canWrite ? <CampaignActions campaign={campaign} from="list" list={list} className="md:justify-end" /> : null}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination
            label="Campaign pages"
            noun="campaign"
            page={query.page}
            pageSize={pageSize}
            shown={campaigns.length}
            total={total}
            href={(page) => campaignListUrl({ ...query, page })}
          />
        </>
      )}
    </>
  );
}
