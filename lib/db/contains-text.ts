/**
 * A Prisma filter for text that contains `search` in any case. Prisma's `contains` is a LIKE
 * pattern: `%`, `_` and `\` are escaped so they match as typed.
 */
export function containsText(search: string) {
  return { contains: search.replace(/[\\%_]/g, "\\$&"), mode: "insensitive" } as const;
}
