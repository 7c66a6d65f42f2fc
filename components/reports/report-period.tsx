import type { ReportQuery } from "@/lib/reports/report-query";

/** One sentence naming what the report covers, announced when the page changes. */
export function ReportPeriod({ query, scopeLabel }: { query: ReportQuery; scopeLabel: string }) {
  const { from, to, timeZone } = query.range;
  const dates = from === to ? from : `${from} to ${to}`;
  return (
    <p className="text-sm text-slate-600" role="status">
      {scopeLabel}, {dates} ({timeZone}), {query.granularity === "day" ? "by day" : "by hour"}.
    </p>
  );
}
