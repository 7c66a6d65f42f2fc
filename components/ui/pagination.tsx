import { formatCount, plural } from "@/lib/format/number";
import { ButtonLink } from "./button";

/**
 * "Showing 51–100 of 1,234 campaigns" and Previous / Next, under a list read a page at a time.
 * `href` makes a page's address, so the links keep the list's search and view. A link that
 * would lead nowhere is left out rather than greyed: it is not a control, and grey text on
 * white is too faint to read.
 */
export function Pagination({
  label,
  noun,
  page,
  pageSize,
  shown,
  total,
  href,
}: {
  /** The navigation landmark's name. */
  label: string;
  /** What the list holds, singular ("campaign"). */
  noun: string;
  page: number;
  pageSize: number;
  /** Rows on this page. */
  shown: number;
  total: number;
  href: (page: number) => string;
}) {
  const first = (page - 1) * pageSize + 1;
  const last = first + shown - 1;
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-slate-600 tabular-nums">
        Showing {formatCount(first)}–{formatCount(last)} of {plural(total, noun)}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <ButtonLink href={href(page - 1)} rel="prev" variant="secondary">
            Previous
          </ButtonLink>
        ) : null}
        {last < total ? (
          <ButtonLink href={href(page + 1)} rel="next" variant="secondary">
            Next
          </ButtonLink>
        ) : null}
      </div>
    </nav>
  );
}
