import { AppError } from "@/lib/errors";

// The audit log pages newest first by (createdAt, id); a cursor is the last entry's pair,
// opaque to clients (base64url), so the order can change without breaking their loops.

export interface AuditCursor {
  createdAt: Date;
  id: string;
}

export const INVALID_CURSOR_MESSAGE = "The cursor is not valid: pass the nextCursor of a previous answer, or none for the newest events.";

export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`, "utf8").toString("base64url");
}

/** The cursor a client sent back; a 400 for anything this function did not make. */
export function decodeAuditCursor(text: string): AuditCursor {
  const decoded = /^[A-Za-z0-9_-]{1,200}$/.test(text) ? Buffer.from(text, "base64url").toString("utf8") : "";
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([A-Za-z0-9_-]{1,64})$/.exec(decoded);
  const createdAt = match ? new Date(match[1]!) : null;
  if (!match || !createdAt || Number.isNaN(createdAt.getTime())) throw new AppError("bad_request", INVALID_CURSOR_MESSAGE);
  return { createdAt, id: match[2]! };
}
