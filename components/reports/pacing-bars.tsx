import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { CampaignPacing } from "@/lib/reports/advertiser-report";
import type { PacingState } from "@/lib/reports/budget-pacing";
import { formatMoney } from "@/lib/format/money";
import { formatCount } from "@/lib/format/number";
import { formatPercentHundredths } from "@/lib/reports/format";

// Bar colours keep 3:1 against their track (WCAG 1.4.11); the sentence under each bar says the same in words.
const states: Record<PacingState, { label: string; tone: BadgeTone; bar: string }> = {
  on_track: { label: "On track", tone: "green", bar: "bg-emerald-600" },
  under: { label: "Under-delivering", tone: "yellow", bar: "bg-amber-700" },
  over: { label: "Ahead of plan", tone: "red", bar: "bg-red-600" },
  not_started: { label: "Not started", tone: "gray", bar: "bg-slate-500" },
  unplanned: { label: "No plan", tone: "gray", bar: "bg-brand-500" },
};

/** Spend in the range against the even-spread plan, one bar per campaign: the first `limit` by name. */
export function PacingBars({ pacing, limit }: { pacing: CampaignPacing[]; limit: number }) {
  const shown = pacing.slice(0, limit);
  return (
    <section aria-labelledby="pacing-heading" className="flex flex-col gap-3">
      <div>
        <h2 id="pacing-heading" className="text-base font-semibold text-slate-900">
          Budget pacing
        </h2>
        <p className="text-xs text-slate-600">
          Spend in this period against an even spread of the daily budget (or of the total budget over the flight) over the part of the period that has elapsed.
        </p>
      </div>
      {pacing.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">No campaign was running in this period.</p>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm">
          {shown.map((campaign) => (
            <PacingRow key={campaign.campaignId} campaign={campaign} />
          ))}
        </ul>
      )}
      {shown.length < pacing.length ? (
        <p className="text-xs text-slate-600">
          Showing the first {formatCount(shown.length)} of {formatCount(pacing.length)} campaigns, by name: choose a campaign in the filters to see its pacing.
        </p>
      ) : null}
    </section>
  );
}

function PacingRow({ campaign }: { campaign: CampaignPacing }) {
  const state = states[campaign.state];
  const planned = campaign.plannedMicros;
  // The bar's full width is the larger of plan and spend; the plan is a tick on it.
  const scale = planned !== null && planned > campaign.spentMicros ? planned : campaign.spentMicros;
  const percent = (value: bigint) => (scale > 0n ? Number((value * 10_000n) / scale) / 100 : 0);
  return (
    <li className="flex flex-col gap-2 px-4 py-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-medium text-slate-900">{campaign.name}</span>
        <Badge tone={state.tone}>{state.label}</Badge>
      </div>
      <div aria-hidden="true" className="relative h-2.5 overflow-hidden rounded-full bg-slate-100">
        <div className={`absolute inset-y-0 left-0 rounded-full ${state.bar}`} style={{ width: `${percent(campaign.spentMicros)}%` }} />
        {planned !== null && planned > 0n ? <div className="absolute inset-y-0 w-0.5 bg-slate-900" style={{ left: `calc(${percent(planned)}% - 1px)` }} /> : null}
      </div>
      <p className="text-sm text-slate-600">
        Spent <span className="font-medium tabular-nums text-slate-900">{formatMoney(campaign.spentMicros)}</span>
        {planned !== null ? (
          <>
            {" "}
            of <span className="tabular-nums">{formatMoney(planned)}</span> planned
            {campaign.ratioHundredths !== null ? <> ({formatPercentHundredths(campaign.ratioHundredths)})</> : null}
          </>
        ) : (
          <> (no daily budget and no end date to plan by)</>
        )}
        . Lifetime: <span className="tabular-nums">{formatMoney(campaign.lifetimeSpentMicros)}</span> of{" "}
        <span className="tabular-nums">{formatMoney(campaign.totalBudgetMicros)}</span> total budget
        {campaign.dailyBudgetMicros !== null ? <>, daily budget {formatMoney(campaign.dailyBudgetMicros)}</> : null}.
      </p>
    </li>
  );
}
