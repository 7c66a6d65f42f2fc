// Which rows of which statuses one page of the campaign list holds. The list runs by status in
// an order of its own (running ones first), which neither SQL nor Prisma sorts an enum by, so a
// page is read as one query per status it reaches, each cut from that status's rows by
// skip/take. Pure: the caller counts the rows of each status and runs the slices.

export interface StatusSlice<Status> {
  status: Status;
  /** Rows of this status before the page, in its own order. */
  skip: number;
  take: number;
}

/** The slices of page `page` (from 1) of `pageSize` rows, over the statuses' counts in list order. */
export function pageSlices<Status>(counts: ReadonlyArray<{ status: Status; count: number }>, page: number, pageSize: number): Array<StatusSlice<Status>> {
  const slices: Array<StatusSlice<Status>> = [];
  let skip = (page - 1) * pageSize;
  let left = pageSize;
  for (const { status, count } of counts) {
    if (left === 0) break;
    if (skip >= count) {
      skip -= count;
      continue;
    }
    const take = Math.min(left, count - skip);
    slices.push({ status, skip, take });
    left -= take;
    skip = 0;
  }
  return slices;
}
