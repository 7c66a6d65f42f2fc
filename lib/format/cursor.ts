// Page cursors: the last entry of a page as the fields of its sort key, opaque to clients
// (base64url of the fields joined by "|"), so that the order can change without breaking
// their loops. Each list checks the fields it gets back (lib/audit/audit-cursor.ts,
// lib/campaigns/campaign-cursor.ts).

const SEPARATOR = "|";
const CURSOR_PATTERN = /^[A-Za-z0-9_-]{1,300}$/;

/** The cursor for these fields (none may contain "|"). */
export function encodeCursor(fields: readonly string[]): string {
  return Buffer.from(fields.join(SEPARATOR), "utf8").toString("base64url");
}

/** The `count` fields of a cursor that encodeCursor made; undefined for anything else. */
export function cursorFields(text: string, count: number): string[] | undefined {
  if (!CURSOR_PATTERN.test(text)) return undefined;
  const fields = Buffer.from(text, "base64url").toString("utf8").split(SEPARATOR);
  return fields.length === count ? fields : undefined;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A cursor's instant field (toISOString's form); undefined for anything else. */
export function cursorInstant(field: string): Date | undefined {
  const instant = ISO_INSTANT.test(field) ? new Date(field) : undefined;
  return instant && !Number.isNaN(instant.getTime()) ? instant : undefined;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A cursor's record id field; undefined for anything else. */
export function cursorId(field: string | undefined): string | undefined {
  return field !== undefined && ID.test(field) ? field : undefined;
}
