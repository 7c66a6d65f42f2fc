import "server-only";
import { auth } from "./auth";

/**
 * Whether a reset link's token still works (issued, not used, not expired), so that the page
 * says so before anyone types a new password. The reset itself checks again, atomically.
 */
export async function resetLinkIsLive(token: string, now: Date = new Date()): Promise<boolean> {
  const context = await auth().$context;
  const verification = await context.internalAdapter.findVerificationValue(`reset-password:${token}`);
  return verification !== null && verification !== undefined && verification.expiresAt > now;
}
