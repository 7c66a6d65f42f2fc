import { Table, Td, Th } from "@/components/ui/table";

// A time-series chart rendered on the server: bars and/or lines over the report's buckets,
// one or two value axes. No JavaScript and no dependency.
//
// The SVG has no viewBox: its marks are placed in percentages of the plot, so it stretches to
// any width without scaling its strokes, and every label is HTML text around it at the page's
// own 12 px — a scaled-down viewBox made them 6 px on a phone. How many bucket labels fit is
// the plot's width, known to CSS alone: container queries pick a coarser or finer set.
//
// For screen readers the SVG is one image with a title and a summary (totals and peaks); the
// same numbers as the marks are in a table under "Show as a table".

export interface ChartSeries {
  name: string;
  kind: "bar" | "line";
  axis: "left" | "right";
  /** A colour with at least 3:1 contrast on white (WCAG 1.4.11), used for the mark and its legend swatch. */
  color: string;
  values: number[];
  /** How a value of this series is written exactly (tooltips, summary, table). */
  format: (value: number) => string;
  /** How an axis tick is written, when shorter than `format` ("12k"). */
  tick?: (value: number) => string;
  /** Counts: the axis steps by whole numbers. */
  integer?: boolean;
}

const PLOT_HEIGHT = 200;
const TICKS = 4;
/** Bucket labels at most, by the plot's width: under 24rem, from 24rem (@sm), from 36rem (@xl). */
const LABELS_BY_WIDTH = [4, 6, 10] as const;
/** Ticks and lines against white: slate-500 (4.8:1), not the lighter greys. */
const AXIS_COLOR = "#64748b";

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

/**
 * The width tier (0, 1, 2) from which the bucket at `index` has its label, or null for none.
 * The strides nest (each a multiple of the next), so a wider plot adds labels between the
 * ones a narrower plot shows and never moves them.
 */
export function labelTier(index: number, count: number): number | null {
  const strides: number[] = [];
  for (let tier = LABELS_BY_WIDTH.length - 1; tier >= 0; tier--) {
    const wanted = Math.max(1, Math.ceil(count / LABELS_BY_WIDTH[tier]!));
    const finer = strides[0] ?? 1;
    strides.unshift(finer * Math.ceil(wanted / finer));
  }
  const tier = strides.findIndex((stride) => index % stride === 0);
  return tier === -1 ? null : tier;
}

const tierClass = ["", "hidden @sm:block", "hidden @xl:block"];

export function TimeSeriesChart({
  id,
  title,
  bucketHeading,
  labels,
  tickLabels,
  series,
}: {
  id: string;
  title: string;
  /** The table's first column: "Date (UTC)", "Hour (Europe/Paris)". */
  bucketHeading: string;
  /** Full label of each bucket (tooltips, summary, table). */
  labels: string[];
  /** Short label of each bucket for the x axis, one or two lines. */
  tickLabels: string[][];
  series: ChartSeries[];
}) {
  const count = labels.length;
  const band = 100 / Math.max(count, 1);
  const axisMax = {
    left: axisMaxOf(series.filter((s) => s.axis === "left")),
    right: axisMaxOf(series.filter((s) => s.axis === "right")),
  };
  const y = (value: number, axis: "left" | "right") => 100 - (value / axisMax[axis]) * 100;
  const x = (index: number) => band * index + band / 2;
  const leftSeries = series.find((s) => s.axis === "left");
  const rightSeries = series.find((s) => s.axis === "right");
  const bars = series.filter((s) => s.kind === "bar");
  const barWidth = Math.min(12, (band * 0.7) / Math.max(bars.length, 1));
  const tickLines = Math.max(1, ...tickLabels.map((lines) => lines.length));
  const fractions = Array.from({ length: TICKS + 1 }, (_, tick) => tick / TICKS);
  const pct = (value: number) => `${value.toFixed(3)}%`;

  return (
    <figure className="flex flex-col gap-3">
      <div className="grid grid-cols-[minmax(1.5rem,auto)_minmax(0,1fr)_minmax(1.5rem,auto)] gap-x-2 text-xs text-slate-600">
        {/* A column of tick values, centred on the grid lines: the column overhangs the plot by half a line (8 px) at each end. */}
        <div aria-hidden="true" className="flex flex-col-reverse justify-between text-right tabular-nums" style={{ height: PLOT_HEIGHT + 16 }}>
          {leftSeries ? fractions.map((fraction) => <span key={fraction} data-chart-label="">{(leftSeries.tick ?? leftSeries.format)(axisMax.left * fraction)}</span>) : null}
        </div>
        <div className="relative" style={{ height: PLOT_HEIGHT, marginTop: 8 }}>
          <svg className="absolute inset-0 h-full w-full overflow-visible" role="img" aria-labelledby={`${id}-title ${id}-summary`}>
            <title id={`${id}-title`}>{title}</title>
            <desc id={`${id}-summary`}>{chartSummary(labels, series)}</desc>

            <g aria-hidden="true">
              {fractions.map((fraction) => (
                <line key={fraction} x1="0" x2="100%" y1={pct(100 - fraction * 100)} y2={pct(100 - fraction * 100)} stroke={fraction === 0 ? AXIS_COLOR : "#e2e8f0"} strokeWidth={1} />
              ))}
            </g>

            {bars.map((s, seriesIndex) => (
              <g key={s.name} fill={s.color} aria-hidden="true">
                {s.values.map((value, index) =>
                  value > 0 ? (
                    <rect
                      key={index}
                      x={pct(x(index) - (barWidth * bars.length) / 2 + barWidth * seriesIndex)}
                      y={pct(y(value, s.axis))}
                      width={pct(barWidth)}
                      height={pct(100 - y(value, s.axis))}
                    />
                  ) : null,
                )}
              </g>
            ))}

            {series
              .filter((s) => s.kind === "line")
              .map((s) => (
                <g key={s.name} stroke={s.color} fill={s.color} aria-hidden="true">
                  {/* Segments, not a polyline: points cannot be percentages. */}
                  {s.values.slice(1).map((value, index) => (
                    <line
                      key={index}
                      x1={pct(x(index))}
                      y1={pct(y(s.values[index] ?? 0, s.axis))}
                      x2={pct(x(index + 1))}
                      y2={pct(y(value, s.axis))}
                      strokeWidth={2}
                      strokeLinecap="round"
                    />
                  ))}
                  {count <= 62 ? s.values.map((value, index) => <circle key={index} cx={pct(x(index))} cy={pct(y(value, s.axis))} r={3} stroke="none" />) : null}
                </g>
              ))}

            {/* One transparent column per bucket: hover shows its numbers. */}
            <g aria-hidden="true">
              {labels.map((label, index) => (
                <rect key={index} x={pct(band * index)} y="0" width={pct(band)} height="100%" fill="transparent">
                  <title>{`${label} — ${series.map((s) => `${s.name}: ${s.format(s.values[index] ?? 0)}`).join(", ")}`}</title>
                </rect>
              ))}
            </g>
          </svg>
        </div>
        <div aria-hidden="true" className="flex flex-col-reverse justify-between tabular-nums" style={{ height: PLOT_HEIGHT + 16 }}>
          {rightSeries ? fractions.map((fraction) => <span key={fraction} data-chart-label="">{(rightSeries.tick ?? rightSeries.format)(axisMax.right * fraction)}</span>) : null}
        </div>
        <div aria-hidden="true" className="@container relative col-start-2 mt-1.5" style={{ height: `${tickLines}rem` }}>
          {tickLabels.map((lines, index) => {
            const tier = labelTier(index, count);
            return tier === null ? null : (
              <span
                key={index}
                data-chart-label=""
                className={`absolute top-0 -translate-x-1/2 whitespace-nowrap text-center ${tierClass[tier]}`}
                style={{ left: pct(x(index)) }}
              >
                {lines.map((line, lineIndex) => (
                  <span key={lineIndex} className="block">
                    {line}
                  </span>
                ))}
              </span>
            );
          })}
        </div>
      </div>
      <figcaption className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
        {series.map((s) => (
          <span key={s.name} className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className={s.kind === "bar" ? "h-3 w-3 rounded-sm" : "h-0.5 w-4 rounded"} style={{ backgroundColor: s.color }} />
            {s.name}
            {leftSeries && rightSeries ? <span>({s.axis} axis)</span> : null}
          </span>
        ))}
      </figcaption>
      <details className="text-sm" data-chart-table={id}>
        <summary className="cursor-pointer text-sm font-medium text-brand-700 hover:underline">Show as a table</summary>
        <Table caption={title} className="mt-2 max-h-80 overflow-y-auto">
          <thead>
            <tr>
              <Th>{bucketHeading}</Th>
              {series.map((s) => (
                <Th key={s.name} className="text-right">
                  {s.name}
                </Th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {labels.map((label, index) => (
              <tr key={label}>
                <th scope="row" className="whitespace-nowrap px-4 py-2 text-left font-medium text-slate-800">
                  {label}
                </th>
                {series.map((s) => (
                  <Td key={s.name} className="py-2 text-right tabular-nums">
                    {s.format(s.values[index] ?? 0)}
                  </Td>
                ))}
              </tr>
            ))}
          </tbody>
        </Table>
      </details>
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
