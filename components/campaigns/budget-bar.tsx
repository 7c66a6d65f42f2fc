import { cn } from "@/components/ui/cn";
import { BUDGET_WARNING_PERCENT } from "@/lib/campaigns/campaign-attention";
import { formatMoney } from "@/lib/format/money";
import { formatPercent } from "@/lib/format/number";

/** Spend against the total budget: the numbers, and a bar that turns red from 90 %. */
export function BudgetBar({ spentMicros, totalBudgetMicros, percent }: { spentMicros: bigint; totalBudgetMicros: bigint; percent: number | null }) {
  if (percent === null) {
    return <span className="text-sm text-slate-600">{totalBudgetMicros === 0n ? "No budget (free)" : "—"}</span>;
  }
  const width = Math.min(100, Math.max(0, percent));
  return (
    <div className="flex min-w-36 flex-col gap-1">
      <span className="text-xs text-slate-600 tabular-nums">
        {formatMoney(spentMicros)} of {formatMoney(totalBudgetMicros)} · {formatPercent(percent)}
      </span>
      <div
        role="progressbar"
        aria-label="Budget used"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(width)}
        aria-valuetext={`${formatPercent(percent)} of the budget used`}
        className="h-1.5 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className={cn("h-full rounded-full", percent >= BUDGET_WARNING_PERCENT ? "bg-red-500" : "bg-brand-500")} style={{ width: `${width}%` }} />
      </div>
    </div>
  );
}
