import { z } from "zod";

// A list's search box (`?q=`): the review queue's and the campaign list's, read the same way.

/** A search is cut here: no name a list searches is longer, so the cut changes no result. */
export const SEARCH_MAX_LENGTH = 200;

/**
 * The search box as typed (`?q=`): the first value of a repeated parameter, trimmed and bounded;
 * empty means everything. NUL is dropped: PostgreSQL refuses it in text, and a page must not
 * answer a hand-edited URL with an error.
 */
export function searchText(raw: string | string[] | undefined): string {
  const text = Array.isArray(raw) ? raw[0] : raw;
  return text?.replaceAll("\u0000", "").trim().slice(0, SEARCH_MAX_LENGTH) ?? "";
}

/** The search a form was sent from, to return to it; anything odd is dropped. */
export const returnSearchSchema = z.string().trim().max(SEARCH_MAX_LENGTH).optional().catch(undefined);
