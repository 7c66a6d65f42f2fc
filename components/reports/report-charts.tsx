import { formatCount } from "@/lib/format/number";
import { formatMoney } from "@/lib/format/money";
import type { SeriesRow } from "@/lib/reports/advertiser-report";
import type { Granularity } from "@/lib/reports/report-range";
import { TimeSeriesChart } from "./time-series-chart";

// The two charts of a report: traffic (impressions as bars, clicks as a line on their own
// axis) and money (spend or earnings), over the same buckets as the report's main table.
// Mark colours keep 3:1 against white (brand-500 4.6:1, amber-700 5.0:1, emerald-700 5.5:1).

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Mar 29" for a day; "02:00" over "Mar 29" for an hour (its label is "2026-03-29 02:00 +02:00"): two short lines fit more labels than one long one. */
function tickLabel(label: string, granularity: Granularity): string[] {
  const month = MONTHS[Number(label.slice(5, 7)) - 1] ?? label.slice(5, 7);
  const day = `${month} ${Number(label.slice(8, 10))}`;
  return granularity === "day" ? [day] : [label.slice(11, 16), day];
}

const axisCount = (value: number) => (value >= 10_000 ? `${formatCount(Math.round(value / 1_000))}k` : formatCount(Math.round(value)));
/** Chart positions are floats; the amounts shown are money amounts, to the cent (formatMoney). */
const usd = (value: number) => formatMoney(BigInt(Math.round(value * 1_000_000)));

export function ReportCharts({
  idPrefix,
  series,
  granularity,
  timeZone,
  moneyLabel,
}: {
  idPrefix: string;
  series: SeriesRow[];
  granularity: Granularity;
  timeZone: string;
  moneyLabel: "Spend" | "Earnings";
}) {
  const labels = series.map((row) => row.label);
  const ticks = labels.map((label) => tickLabel(label, granularity));
  const per = granularity === "day" ? "day" : "hour";
  const bucketHeading = `${granularity === "day" ? "Date" : "Hour"} (${timeZone})`;
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="mb-2 text-sm font-semibold text-slate-800">Impressions and clicks</h2>
        <TimeSeriesChart
          id={`${idPrefix}-traffic`}
          title={`Impressions and clicks per ${per} (${timeZone})`}
          bucketHeading={bucketHeading}
          labels={labels}
          tickLabels={ticks}
          series={[
            { name: "Impressions", kind: "bar", axis: "left", color: "#2f6fed", values: series.map((row) => row.impressions), format: formatCount, tick: axisCount, integer: true },
            { name: "Clicks", kind: "line", axis: "right", color: "#b45309", values: series.map((row) => row.clicks), format: formatCount, tick: axisCount, integer: true },
          ]}
        />
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="mb-2 text-sm font-semibold text-slate-800">{moneyLabel} (USD)</h2>
        <TimeSeriesChart
          id={`${idPrefix}-money`}
          title={`${moneyLabel} in USD per ${per} (${timeZone})`}
          bucketHeading={bucketHeading}
          labels={labels}
          tickLabels={ticks}
          series={[{ name: moneyLabel, kind: "line", axis: "left", color: "#047857", values: series.map((row) => Number(row.spendMicros) / 1_000_000), format: usd }]}
        />
      </div>
    </div>
  );
}
