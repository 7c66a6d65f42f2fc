import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { formatDate } from "@/lib/format/date";
import { formatMoney } from "@/lib/format/money";
import { plural } from "@/lib/format/number";
import { claimCampaignMail, releaseCampaignMail } from "@/lib/mail/campaign-mail-claim";
import { organizationMailLink } from "@/lib/mail/links";
import { flightEndedMail } from "@/lib/mail/messages";
import { campaignEditorAddresses } from "@/lib/mail/recipients";
import type { MailMessage, MailTally } from "@/lib/mail/send-mail";
import { MAX_RANGE_DAYS, reportQueryString } from "@/lib/reports/report-query";
import { reportRange } from "@/lib/reports/report-range";
import { rollupSumsSql, rollupTotals, type RollupSums } from "@/lib/reports/rollup-totals";
import { addDays, daysInclusive, localDate } from "@/lib/reports/zoned-time";

// "Campaign ended": when a running campaign's flight is over, the members who may edit it hear
// what it delivered — impressions, clicks, spend of its budget — with a link to its report over
// the flight. A flight ends without an event to react to, so a scheduled job looks for the
// flights that ended (GET /api/cron/campaign-mail, daily on Vercel Hobby, hourly where the plan
// allows); each campaign is claimed before it is mailed (lib/mail/campaign-mail-claim.ts), so
// overlapping or repeated runs mail it once.

export interface FlightEndedMailDeps {
  prisma: Pick<PrismaClient, "campaign" | "membership" | "$queryRaw">;
  /** Sends the messages (the job: sendEach). */
  send: (messages: MailMessage[]) => Promise<MailTally>;
}

/**
 * Flights that ended longer ago than this are not reported: a first run on an old database,
 * or a job that was off for weeks, must not mail every campaign that ever ended.
 */
export const FLIGHT_ENDED_LOOKBACK_DAYS = 7;

export interface MailEndedFlightsOptions {
  now?: Date;
  /** Stop starting campaigns after this long (a job has a deadline; the next run carries on). Default 50 s. */
  timeBudgetMs?: number;
  /** Campaigns read per query (default 100). */
  batchSize?: number;
}

export interface MailEndedFlightsResult {
  /** Campaigns whose end was mailed in this run. */
  campaigns: number;
  /** Messages the mail server (or the outbox) took. */
  messages: number;
  /** False when the time budget ran out with flights left to look at. */
  complete: boolean;
}

const dueSelect = {
  id: true,
  name: true,
  organizationId: true,
  endsAt: true,
  startsAt: true,
  updatedAt: true,
  totalBudgetMicros: true,
  spentMicros: true,
  organization: { select: { name: true, timeZone: true } },
} as const;

/**
 * Mails every running (ACTIVE) campaign whose flight ended in the last week and was not
 * mailed yet, in batches (by id), until none is left or the time budget is spent.
 * A paused, draft or archived campaign is not reported (its advertiser stopped it), nor one
 * without an end date. A campaign no member can be told about yet is left unclaimed.
 */
export async function mailEndedFlights(deps: FlightEndedMailDeps, options: MailEndedFlightsOptions = {}): Promise<MailEndedFlightsResult> {
  const now = options.now ?? new Date();
  const deadline = Date.now() + (options.timeBudgetMs ?? 50_000);
  const batchSize = options.batchSize ?? 100;
  const result: MailEndedFlightsResult = { campaigns: 0, messages: 0, complete: false };
  let after: string | undefined;
  for (;;) {
    const due = await deps.prisma.campaign.findMany({
      where: {
        status: "ACTIVE",
        flightEndedMailedAt: null,
        endsAt: { lte: now, gt: new Date(now.getTime() - FLIGHT_ENDED_LOOKBACK_DAYS * 86_400_000) },
        // Past the last one looked at (not a Prisma cursor: that row no longer matches once claimed),
        // so that a campaign left behind (its claim lost to an edit, its mail refused) is passed once per run.
        ...(after === undefined ? {} : { id: { gt: after } }),
      },
      orderBy: { id: "asc" },
      take: batchSize,
      select: dueSelect,
    });
    for (const campaign of due) {
      if (Date.now() >= deadline) return result;
      // endsAt is set: the query asked for it.
      const sent = await mailEndedFlight(deps, { ...campaign, endsAt: campaign.endsAt as Date }, now);
      if (sent > 0) {
        result.campaigns += 1;
        result.messages += sent;
      }
      after = campaign.id;
    }
    if (due.length < batchSize) break;
  }
  result.complete = true;
  return result;
}

type DueCampaign = Prisma.CampaignGetPayload<{ select: typeof dueSelect }> & { endsAt: Date };

/** Claims and mails one ended flight; the messages sent (0: no one to tell, claimed elsewhere, or every send refused — then given back). */
async function mailEndedFlight(deps: FlightEndedMailDeps, campaign: DueCampaign, now: Date): Promise<number> {
  // No one to tell yet (no confirmed address with campaign mail on): left unclaimed, so that a
  // later run within the lookback mails whoever confirms their address meanwhile.
  const addresses = await campaignEditorAddresses(deps.prisma, campaign.organizationId);
  if (addresses.length === 0) return 0;
  if (!(await claimCampaignMail(deps.prisma, "flightEndedMailedAt", campaign, { status: "ACTIVE", endsAt: campaign.endsAt }, now))) return 0;
  const ended = await flightSummary(deps.prisma, campaign);
  let sent = 0;
  try {
    ({ sent } = await deps.send(addresses.map((to) => flightEndedMail(to, ended))));
  } finally {
    if (sent === 0) await releaseCampaignMail(deps.prisma, "flightEndedMailedAt", campaign.id, now);
  }
  return sent;
}

/** What the mail says: the flight's totals (valid traffic from the rollups; the spend from the ledger) and its report's link. */
async function flightSummary(prisma: FlightEndedMailDeps["prisma"], campaign: DueCampaign) {
  const [sums] = await prisma.$queryRaw<RollupSums[]>`SELECT ${rollupSumsSql("s")} FROM "hourly_stat" s WHERE s."campaignId" = ${campaign.id}`;
  const totals = rollupTotals(sums ?? { impressions: null, clicks: null, spendMicros: null, invalidImpressions: null, invalidClicks: null });
  const { timeZone, name: organization } = campaign.organization;
  // endsAt is excluded: the flight's last day is the one that holds the instant before it.
  const lastInstant = new Date(campaign.endsAt.getTime() - 1);
  const to = localDate(lastInstant, timeZone);
  const first = localDate(campaign.startsAt, timeZone);
  // The flight's days in the organisation's zone, at most the longest daily report (its last year).
  const from = first > to ? to : daysInclusive(first, to) > MAX_RANGE_DAYS.day ? addDays(to, 1 - MAX_RANGE_DAYS.day) : first;
  const report = reportQueryString({ preset: "custom", range: reportRange(from, to, timeZone), granularity: "day", campaignId: campaign.id, placementId: null });
  return {
    organization,
    campaign: campaign.name,
    endedOn: formatDate(lastInstant, timeZone),
    impressions: plural(totals.impressions, "impression"),
    clicks: plural(totals.clicks, "click"),
    spent: formatMoney(campaign.spentMicros),
    budget: campaign.totalBudgetMicros > 0n ? formatMoney(campaign.totalBudgetMicros) : null,
    link: organizationMailLink(campaign.organizationId, `/advertiser/reports?${report}`),
  };
}
