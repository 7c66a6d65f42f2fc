// The pages of the account flows that mails and redirects name: one place, so that a link
// in a mail and the page it opens cannot drift apart.

/** After sign-up, whatever happened: "check your inbox". */
export const CHECK_EMAIL_PATH = "/check-email";
/** Asks for an address and mails a reset link. */
export const FORGOT_PASSWORD_PATH = "/forgot-password";
/** Where a reset link leads (`?token=…`). */
export const RESET_PASSWORD_PATH = "/reset-password";
/**
 * Where the verification link (better-auth's GET /api/auth/verify-email) sends the browser:
 * on to the dashboard, or, with better-auth's `?error=…`, a page that explains.
 */
export const EMAIL_VERIFIED_PATH = "/email-verified";
