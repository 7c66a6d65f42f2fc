import { AppError } from "@/lib/errors";
import { cursorFields, cursorId, cursorInstant, encodeCursor } from "@/lib/format/cursor";
import { CAMPAIGN_STATUSES, type CampaignStatus } from "@/lib/model/enums";

// The API's campaign list pages in the list's order — status (running first), newest first,
// then id — so a cursor is the last campaign's triple (lib/format/cursor.ts).

export interface CampaignCursor {
  status: CampaignStatus;
  createdAt: Date;
  id: string;
}

export const INVALID_CAMPAIGN_CURSOR_MESSAGE = "The cursor is not valid: pass the nextCursor of a previous answer (with the same status filter), or none for the first page.";

export function encodeCampaignCursor(cursor: CampaignCursor): string {
  return encodeCursor([cursor.status, cursor.createdAt.toISOString(), cursor.id]);
}

/** The cursor a client sent back; a 400 for anything this function did not make. */
export function decodeCampaignCursor(text: string): CampaignCursor {
  const [status, createdAtField, idField] = cursorFields(text, 3) ?? [];
  const createdAt = createdAtField === undefined ? undefined : cursorInstant(createdAtField);
  const id = cursorId(idField);
  if (!createdAt || !id || !CAMPAIGN_STATUSES.includes(status as CampaignStatus)) {
    throw new AppError("bad_request", INVALID_CAMPAIGN_CURSOR_MESSAGE);
  }
  return { status: status as CampaignStatus, createdAt, id };
}
