import { Table, Td, Th } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { formatCount } from "@/lib/format/number";
import { cellText, shownRows, type ReportTable } from "@/lib/reports/report-tables";
import { DownloadLink } from "./download-link";

/**
 * A report table exactly as its CSV download has it (numbers with thousands separators here) —
 * with `rowLimit`, its first rows only, saying how many the CSV adds and in which order.
 */
export function ReportTableSection({
  table,
  csvHref,
  description,
  rowLimit,
}: {
  table: ReportTable;
  csvHref: string;
  description?: string;
  /** Show at most this many rows; `order` is what comes first ("the most impressions"). */
  rowLimit?: { rows: number; order: string };
}) {
  const headingId = `report-table-${table.id}`;
  const shown = shownRows(table, rowLimit?.rows);
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-2" data-report-table={table.id}>
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h2 id={headingId} className="text-base font-semibold text-slate-900">
            {table.title}
          </h2>
          {description ? <p className="text-xs text-slate-500">{description}</p> : null}
        </div>
        <DownloadLink href={csvHref} label={`Download “${table.title}” as CSV`}>
          CSV
        </DownloadLink>
      </div>
      {table.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">No rows in this period.</p>
      ) : (
        <Table caption={table.title} className="max-h-[32rem] overflow-y-auto">
          <thead className="sticky top-0">
            <tr>
              {table.columns.map((column) => (
                <Th key={column.label} className={cn(column.numeric && "text-right")}>
                  {column.label}
                </Th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shown.rows.map((row, rowIndex) => (
              <tr key={rowIndex}>
                {row.map((cell, cellIndex) => {
                  const text = cellText(cell, "display");
                  const column = table.columns[cellIndex];
                  return cellIndex === 0 ? (
                    <th key={cellIndex} scope="row" className="whitespace-nowrap px-4 py-3 text-left font-medium text-slate-800">
                      {text}
                    </th>
                  ) : (
                    <Td key={cellIndex} className={cn(column?.numeric && "text-right tabular-nums")}>
                      {text === "" ? "—" : text}
                    </Td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {shown.hidden > 0 ? (
        <p className="text-xs text-slate-600" data-report-rows-hidden={shown.hidden}>
          Showing the {formatCount(shown.rows.length)} rows with {rowLimit?.order} of {formatCount(table.rows.length)}. The CSV has every row.
        </p>
      ) : null}
    </section>
  );
}
