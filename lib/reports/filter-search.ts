import { formatCount, plural } from "@/lib/format/number";
import { REPORT_FILTER_OPTIONS } from "./report-query";

// The search beside a report's campaign or placement filter, shown only when there are more
// than the filter lists (REPORT_FILTER_OPTIONS): not part of the report's query, nor of its CSV links.

/** The query parameter of the search. */
export const FIND_PARAMETER = "find";

/** What a report filter lists: its options, how many there are, and how many match the search. */
export interface FilterOptions<T> {
  options: T[];
  /** All of the organisation's: when it is more than the limit, a search narrows the list. */
  total: number;
  /** With a search (only past the limit): how many match; the options hold the newest of them. */
  matching: number | null;
}

/**
 * What the search field's hint says: what the list holds, and what the search found.
 * `noun` names one of the things listed ("campaign"), `list` the filter's label ("Campaign"),
 * `field` what the search looks in ("name").
 */
export function filterSearchHint({ total, find, matching }: Omit<FilterOptions<unknown>, "options"> & { find: string }, words: { noun: string; list: string; field: string }): string {
  const shown = formatCount(REPORT_FILTER_OPTIONS);
  const { noun, list, field } = words;
  const nouns = `${noun}s`;
  if (!find || matching === null) return `The ${list} list holds the ${shown} newest of ${formatCount(total)} ${nouns}. Type part of a ${field} and press Show report to list those that match.`;
  if (matching === 0) return `No ${noun}’s ${field} contains “${find}”.`;
  if (matching <= REPORT_FILTER_OPTIONS) return `${plural(matching, noun)} ${matching === 1 ? "matches" : "match"} “${find}”: the ${list} list holds ${matching === 1 ? "it" : "them"}.`;
  return `${formatCount(matching)} ${nouns} match “${find}”: the ${list} list holds the ${shown} newest. Type more of the ${field} to narrow it.`;
}
