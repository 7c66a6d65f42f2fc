import { StatCard } from "@/components/ui/card";
import { formatCount, formatMicros, formatPercentHundredths } from "@/lib/reports/format";
import { deriveMetrics, type Totals } from "@/lib/reports/metrics";

/** The period's totals as cards; money exact, in USD. */
export function ReportSummary({ totals, moneyLabel }: { totals: Totals; moneyLabel: "Spend" | "Earnings" }) {
  const metrics = deriveMetrics(totals);
  const money = (value: bigint | null) => (value === null ? "—" : `$${formatMicros(value)}`);
  const cards = [
    { label: "Impressions", value: formatCount(metrics.impressions) },
    { label: "Clicks", value: formatCount(metrics.clicks) },
    { label: "CTR", value: metrics.ctrHundredths === null ? "—" : formatPercentHundredths(metrics.ctrHundredths) },
    { label: moneyLabel, value: money(metrics.spendMicros) },
    ...(moneyLabel === "Spend"
      ? [
          { label: "eCPM", value: money(metrics.ecpmMicros) },
          { label: "eCPC", value: money(metrics.ecpcMicros) },
        ]
      : [{ label: "eCPM", value: money(metrics.ecpmMicros) }]),
  ];
  return (
    <section aria-label="Totals of the period" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      {cards.map((card) => (
        <StatCard key={card.label} label={card.label} value={card.value} />
      ))}
    </section>
  );
}
