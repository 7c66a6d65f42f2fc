import { auth } from "@/lib/auth/auth";
import { AppError } from "@/lib/errors";
import { hasBearerToken } from "@/lib/http/bearer-token";

/** Who read the deep health check: a monitor with the token, or a signed-in operator. */
export type DeepCheckReader = "token" | "operator";

const ASK_FOR_BEARER = { headers: { "WWW-Authenticate": 'Bearer realm="health"' } };

/**
 * The deep health check's lock: `Authorization: Bearer <HEALTH_CHECK_TOKEN>` (monitoring
 * tools), or the session of an operator (someone with the platform's admin role). A request
 * that sends an Authorization header is judged by it alone. Throws 401 (not signed in, or a
 * wrong or unconfigured token) or 403 (signed in, not an operator).
 */
export async function authorizeDeepCheck(input: {
  authorization: string | null;
  /** HEALTH_CHECK_TOKEN; unset: only operators' sessions are accepted. */
  token: string | undefined;
  /** The role of the request's session user, or null when nobody is signed in. */
  sessionRole: () => Promise<string | null>;
}): Promise<DeepCheckReader> {
  if (input.authorization !== null) {
    if (!input.token) {
      throw new AppError("unauthorized", "Token access to the deep health check is not enabled on this server (HEALTH_CHECK_TOKEN is not set). Sign in as an operator instead.", ASK_FOR_BEARER);
    }
    if (!hasBearerToken(input.authorization, input.token)) {
      throw new AppError("unauthorized", "Wrong health check token: send Authorization: Bearer <HEALTH_CHECK_TOKEN>.", ASK_FOR_BEARER);
    }
    return "token";
  }
  const role = await input.sessionRole();
  if (role === null) {
    throw new AppError("unauthorized", "Sign in as an operator, or send Authorization: Bearer <HEALTH_CHECK_TOKEN>.", ASK_FOR_BEARER);
  }
  if (role !== "admin") throw new AppError("forbidden", "Only operators may read the deep health check.");
  return "operator";
}

/** The platform role of the user whose session cookie the request carries; null when none is valid. */
export async function sessionRole(headers: Headers): Promise<string | null> {
  const session = await auth().api.getSession({ headers });
  if (!session) return null;
  return (session.user as { role?: string | null }).role ?? "user";
}
