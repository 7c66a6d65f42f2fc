// A time-series chart drawn as SVG on the server: bars and/or lines over the report's
// buckets, one or two value axes. No JavaScript and no dependency. For screen readers the
// SVG is one image with a title and a summary (totals and peaks); the numbers themselves
// are in the report's table. Each bucket carries a native tooltip for pointer users.

export interface ChartSeries {
  name: string;
  kind: "bar" | "line";
  axis: "left" | "right";
  /** A colour of the brand palette (hex), used for the mark and its legend swatch. */
  color: string;
  values: number[];
  /** How a value of this series is written (axis ticks, tooltips, summary). */
  format: (value: number) => string;
  /** Counts: the axis steps by whole numbers. */
  integer?: boolean;
}

const WIDTH = 720;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 56, bottom: 30, left: 56 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
const TICKS = 4;

/** A round upper bound of the axis, split in TICKS steps of 1, 2, 2.5 or 5 × 10^n (whole steps for counts). */
export function niceAxisMax(max: number, integer = false): number {
  if (!(max > 0)) return integer ? TICKS : 1;
  const rough = max / TICKS;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough && (!integer || Number.isInteger(candidate))) ?? 10 * magnitude;
  return (integer ? Math.max(1, step) : step) * TICKS;
}

/** The axis of one side: the largest value of its series, rounded up. */
function axisMaxOf(series: ChartSeries[]): number {
  return niceAxisMax(Math.max(0, ...series.flatMap((s) => s.values)), series.length > 0 && series.every((s) => s.integer));
}

export function TimeSeriesChart({
  id,
  title,
  labels,
  tickLabels,
  series,
}: {
  id: string;
  title: string;
  /** Full label of each bucket (tooltips, summary). */
  labels: string[];
  /** Short label of each bucket for the x axis. */
  tickLabels: string[];
  series: ChartSeries[];
}) {
  const count = labels.length;
  const band = PLOT_WIDTH / Math.max(count, 1);
  const axisMax = {
    left: axisMaxOf(series.filter((s) => s.axis === "left")),
    right: axisMaxOf(series.filter((s) => s.axis === "right")),
  };
  const y = (value: number, axis: "left" | "right") => MARGIN.top + PLOT_HEIGHT - (value / axisMax[axis]) * PLOT_HEIGHT;
  const x = (index: number) => MARGIN.left + band * index + band / 2;
  const leftSeries = series.find((s) => s.axis === "left");
  const rightSeries = series.find((s) => s.axis === "right");
  const bars = series.filter((s) => s.kind === "bar");
  const barWidth = Math.min(40, Math.max(0.5, (band * 0.7) / Math.max(bars.length, 1)));
  const labelEvery = Math.max(1, Math.ceil(count / 8));

  return (
    <figure className="flex flex-col gap-2">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full"
        role="img"
        aria-labelledby={`${id}-title ${id}-summary`}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-summary`}>{chartSummary(labels, series)}</desc>

        {Array.from({ length: TICKS + 1 }, (_, tick) => {
          const fraction = tick / TICKS;
          const lineY = MARGIN.top + PLOT_HEIGHT - fraction * PLOT_HEIGHT;
          return (
            <g key={tick} aria-hidden="true">
              <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={lineY} y2={lineY} stroke={tick === 0 ? "#94a3b8" : "#e2e8f0"} strokeWidth={1} />
              {leftSeries ? (
                <text x={MARGIN.left - 6} y={lineY} textAnchor="end" dominantBaseline="middle" fontSize={11} fill="#475569">
                  {leftSeries.format(axisMax.left * fraction)}
                </text>
              ) : null}
              {rightSeries ? (
                <text x={WIDTH - MARGIN.right + 6} y={lineY} textAnchor="start" dominantBaseline="middle" fontSize={11} fill="#475569">
                  {rightSeries.format(axisMax.right * fraction)}
                </text>
              ) : null}
            </g>
          );
        })}

        {bars.map((s, seriesIndex) => (
          <g key={s.name} fill={s.color} aria-hidden="true">
            {s.values.map((value, index) =>
              value > 0 ? (
                <rect
                  key={index}
                  x={x(index) - (barWidth * bars.length) / 2 + barWidth * seriesIndex}
                  y={y(value, s.axis)}
                  width={barWidth}
                  height={MARGIN.top + PLOT_HEIGHT - y(value, s.axis)}
                />
              ) : null,
            )}
          </g>
        ))}

        {series
          .filter((s) => s.kind === "line")
          .map((s) => (
            <g key={s.name} aria-hidden="true">
              <polyline
                points={s.values.map((value, index) => `${x(index).toFixed(1)},${y(value, s.axis).toFixed(1)}`).join(" ")}
                fill="none"
                stroke={s.color}
                strokeWidth={2}
                strokeLinejoin="round"
              />
              {count <= 62 ? s.values.map((value, index) => <circle key={index} cx={x(index)} cy={y(value, s.axis)} r={2.5} fill={s.color} />) : null}
            </g>
          ))}

        {tickLabels.map((label, index) =>
          index % labelEvery === 0 ? (
            <text key={index} x={x(index)} y={HEIGHT - 10} textAnchor="middle" fontSize={11} fill="#475569" aria-hidden="true">
              {label}
            </text>
          ) : null,
        )}

        {/* One transparent column per bucket: hover shows its numbers. */}
        <g aria-hidden="true">
          {labels.map((label, index) => (
            <rect key={index} x={MARGIN.left + band * index} y={MARGIN.top} width={band} height={PLOT_HEIGHT} fill="transparent">
              <title>{`${label} — ${series.map((s) => `${s.name}: ${s.format(s.values[index] ?? 0)}`).join(", ")}`}</title>
            </rect>
          ))}
        </g>
      </svg>
      <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        {series.map((s) => (
          <span key={s.name} className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className={s.kind === "bar" ? "h-2.5 w-2.5 rounded-sm" : "h-0.5 w-4 rounded"} style={{ backgroundColor: s.color }} />
            {s.name}
            {leftSeries && rightSeries ? <span className="text-slate-400">({s.axis} axis)</span> : null}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** "Impressions: 1,234 in total, most on 2026-03-29 (600). Clicks: …" */
export function chartSummary(labels: string[], series: ChartSeries[]): string {
  if (labels.length === 0) return "No data.";
  return series
    .map((s) => {
      const total = s.values.reduce((sum, value) => sum + value, 0);
      if (total === 0) return `${s.name}: none.`;
      let peak = 0;
      s.values.forEach((value, index) => {
        if (value > (s.values[peak] ?? 0)) peak = index;
      });
      return `${s.name}: ${s.format(total)} in total, most on ${labels[peak]} (${s.format(s.values[peak] ?? 0)}).`;
    })
    .join(" ");
}
