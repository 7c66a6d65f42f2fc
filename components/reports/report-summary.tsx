import { StatCard } from "@/components/ui/card";
import { formatCount } from "@/lib/format/number";
import { formatMoney, formatPrice } from "@/lib/format/money";
import { formatPercentHundredths } from "@/lib/reports/format";
import type { InvalidCounts } from "@/lib/reports/metrics";
import { deriveMetrics, invalidShares, type Totals } from "@/lib/reports/metrics";

/** The period's totals as cards: spend or earnings to the cent, eCPM and eCPC exact (lib/format/money.ts). The invalid traffic follows the billed numbers, apart. */
export function ReportSummary({ totals, invalid, moneyLabel }: { totals: Totals; invalid: InvalidCounts; moneyLabel: "Spend" | "Earnings" }) {
  const metrics = deriveMetrics(totals);
  const price = (value: bigint | null) => (value === null ? "—" : formatPrice(value));
  const cards = [
    { label: "Impressions", value: formatCount(metrics.impressions) },
    { label: "Clicks", value: formatCount(metrics.clicks) },
    { label: "CTR", value: metrics.ctrHundredths === null ? "—" : formatPercentHundredths(metrics.ctrHundredths) },
    { label: moneyLabel, value: formatMoney(metrics.spendMicros) },
    ...(moneyLabel === "Spend"
      ? [
          { label: "eCPM", value: price(metrics.ecpmMicros) },
          { label: "eCPC", value: price(metrics.ecpcMicros) },
        ]
      : [{ label: "eCPM", value: price(metrics.ecpmMicros) }]),
  ];
  const shares = invalidShares({ ...totals, ...invalid });
  const share = (hundredths: number | null) => (hundredths === null ? "none recorded" : `${formatPercentHundredths(hundredths)} of all recorded`);
  return (
    <div className="flex flex-col gap-3">
      <section aria-label="Totals of the period" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {cards.map((card) => (
          <StatCard key={card.label} label={card.label} value={card.value} />
        ))}
      </section>
      <section aria-labelledby="invalid-totals-heading" className="flex flex-col gap-2">
        <h2 id="invalid-totals-heading" className="text-sm font-semibold text-slate-700">
          Invalid traffic (recorded, not billed)
        </h2>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          <StatCard label="Invalid impressions" value={formatCount(invalid.invalidImpressions)} detail={share(shares.impressionsHundredths)} />
          <StatCard label="Invalid clicks" value={formatCount(invalid.invalidClicks)} detail={share(shares.clicksHundredths)} />
        </div>
      </section>
    </div>
  );
}
