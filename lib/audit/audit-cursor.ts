import { AppError } from "@/lib/errors";
import { cursorFields, cursorId, cursorInstant, encodeCursor } from "@/lib/format/cursor";

// The audit log pages newest first by (createdAt, id); a cursor is the last entry's pair
// (lib/format/cursor.ts).

export interface AuditCursor {
  createdAt: Date;
  id: string;
}

export const INVALID_CURSOR_MESSAGE = "The cursor is not valid: pass the nextCursor of a previous answer, or none for the newest events.";

export function encodeAuditCursor(cursor: AuditCursor): string {
  return encodeCursor([cursor.createdAt.toISOString(), cursor.id]);
}

/** The cursor a client sent back; a 400 for anything this function did not make. */
export function decodeAuditCursor(text: string): AuditCursor {
  const [createdAtField, idField] = cursorFields(text, 2) ?? [];
  const createdAt = createdAtField === undefined ? undefined : cursorInstant(createdAtField);
  const id = cursorId(idField);
  if (!createdAt || !id) throw new AppError("bad_request", INVALID_CURSOR_MESSAGE);
  return { createdAt, id };
}
