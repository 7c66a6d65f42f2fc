import "server-only";
import { authenticateApiKey, type AuthenticatedApiKey } from "@/lib/api-keys/authenticate-api-key";
import { isWellFormedApiKey } from "@/lib/api-keys/api-key-secret";
import { prisma } from "@/lib/db";
import type { ApiKeyAccess, MemberRole, OrganizationKind } from "@/lib/generated/prisma/enums";
import { API_KEY_ACCESS_PERMISSIONS, apiKeyCan, PERMISSIONS, ROLE_LABELS, type Permission } from "@/lib/model/permissions";
import { rateCounter } from "@/lib/rate-limit";
import { checkRateLimit, type RateLimitResult } from "@/lib/rate-limit/check-rate-limit";
import { rateLimitPolicies } from "@/lib/rate-limit/policies";
import { AppError, toAppError } from "@/lib/errors";
import { toErrorResponse } from "@/lib/http/error-response";

// The management API's one wrapper (dub's withWorkspace): authentication by API key, the
// rate limit per key, the organisation kind an endpoint serves, the permission it needs
// (the key's access within its creator's current role), and every thrown error turned into
// the one JSON error body. Route handlers stay three lines long.

export type ApiParams = Record<string, string>;

export interface ApiKeyContext<Params extends ApiParams> {
  organization: AuthenticatedApiKey["organization"];
  /** The key the request came with (what the audit log names as "through the API"). */
  apiKey: { id: string; name: string };
  /** The key's creator, on whose behalf it acts. */
  actor: AuthenticatedApiKey["actor"];
  /** The route's dynamic segments, e.g. `{ id }`. */
  params: Params;
  request: Request;
}

export interface WithApiKeyOptions {
  /** Organisation kinds allowed to call the endpoint (default: any). */
  kinds?: readonly OrganizationKind[];
  /** What the endpoint does, in the permission table's words; required, so no route forgets it. */
  permission: Permission;
}

/** What Next.js passes a route handler as its second argument. */
export interface RouteSegment<Params extends ApiParams> {
  params: Promise<Params>;
}

export const apiAuthMessages = {
  missing: "Missing API key. Send it as `Authorization: Bearer <key>`.",
  malformed: "Malformed API key. Send `Authorization: Bearer mq_live_…` with the whole key shown when it was created.",
  // The same for a key that never existed, a revoked or expired one, and one whose creator left.
  invalid: "Invalid API key: it does not exist, was revoked or expired, or its creator is no longer a member of its organisation.",
  rateLimited: (seconds: number) =>
    `Rate limit exceeded: at most ${rateLimitPolicies.apiKey.limit} requests per ${rateLimitPolicies.apiKey.windowSeconds} seconds per API key. Retry in ${seconds} seconds.`,
  forbidden: (allowed: readonly OrganizationKind[], kind: OrganizationKind) =>
    `This endpoint is for ${allowed.map(kindName).join(" or ")} organisations; this API key belongs to ${articled(kindName(kind))} organisation.`,
  readOnly: (permission: Permission) => `This API key is read-only: it may not ${task(permission)}. Create a key with read and write access for this.`,
  notForKeys: (permission: Permission) => `API keys may not ${task(permission)}; do it in the dashboard.`,
  creatorRole: (role: MemberRole, permission: Permission) =>
    `The key's creator's role (${ROLE_LABELS[role]}) does not allow this: ${task(permission)}. Ask an owner or an admin of the organisation.`,
} as const;

/** "Create, edit, … campaigns" → "create, edit, … campaigns". */
function task(permission: Permission): string {
  const description = PERMISSIONS[permission];
  return description.charAt(0).toLowerCase() + description.slice(1);
}

/**
 * Why the key may not do `permission`, or null when it may: its own access first (what its
 * holder can fix with another key), then its creator's role today.
 */
export function apiKeyRefusal(access: ApiKeyAccess, role: MemberRole, permission: Permission): string | null {
  if (apiKeyCan(access, role, permission)) return null;
  if (!API_KEY_ACCESS_PERMISSIONS[access].includes(permission)) {
    return API_KEY_ACCESS_PERMISSIONS.READ_WRITE.includes(permission) ? apiAuthMessages.readOnly(permission) : apiAuthMessages.notForKeys(permission);
  }
  return apiAuthMessages.creatorRole(role, permission);
}

function kindName(kind: OrganizationKind): string {
  return kind === "ADVERTISER" ? "advertiser" : "publisher";
}

function articled(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

const unauthorized = (message: string) => new AppError("unauthorized", message, { headers: { "WWW-Authenticate": 'Bearer realm="marquee"' } });

/** The key presented in `Authorization: Bearer <key>`; throws 401 when missing or malformed. */
export function presentedApiKey(request: Request): string {
  const header = request.headers.get("authorization")?.trim();
  if (!header) throw unauthorized(apiAuthMessages.missing);
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match || !isWellFormedApiKey(match[1]!)) throw unauthorized(apiAuthMessages.malformed);
  return match[1]!;
}

function rateLimitHeaders(result: RateLimitResult): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(rateLimitPolicies.apiKey.limit),
    "X-RateLimit-Remaining": String(result.remaining),
    "X-RateLimit-Reset": String(result.retryAfterSeconds),
  };
}

/**
 * A domain's refusal about one field (`details.field`) gets the same `details` shape as a zod
 * validation error. (The database's not-found and unique-key errors become 404 and 409 in
 * toAppError, for every caller.)
 */
export function apiErrorOf(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  const field = (error.details as { field?: unknown } | undefined)?.field;
  if (typeof field === "string") {
    const message = error.code === "unprocessable_entity" ? "The request is not valid." : error.message;
    return new AppError(error.code, message, { details: [{ path: field, message: error.message }], headers: error.headers });
  }
  return error;
}

export function withApiKey<Params extends ApiParams = Record<string, never>>(
  handler: (context: ApiKeyContext<Params>) => Promise<Response>,
  options: WithApiKeyOptions,
) {
  return async function apiRoute(request: Request, segment: RouteSegment<Params>): Promise<Response> {
    let limitHeaders: Record<string, string> = {};
    try {
      const presented = presentedApiKey(request);
      const authenticated = await authenticateApiKey(presented, { prisma });
      if (!authenticated) throw unauthorized(apiAuthMessages.invalid);
      const { apiKey, organization, actor, role } = authenticated;

      const limit = await checkRateLimit(rateCounter(), "apiKey", apiKey.id);
      limitHeaders = rateLimitHeaders(limit);
      if (!limit.allowed) {
        throw new AppError("rate_limited", apiAuthMessages.rateLimited(limit.retryAfterSeconds), {
          headers: { "Retry-After": String(limit.retryAfterSeconds) },
        });
      }
      if (options.kinds && !options.kinds.includes(organization.kind)) {
        throw new AppError("forbidden", apiAuthMessages.forbidden(options.kinds, organization.kind));
      }
      const refusal = apiKeyRefusal(apiKey.access, role, options.permission);
      if (refusal) throw new AppError("forbidden", refusal);

      const params = (await segment?.params) ?? ({} as Params);
      // No record's id holds a NUL character, and PostgreSQL refuses one in a query.
      if (Object.values(params).some((value) => typeof value === "string" && value.includes("\u0000"))) throw new AppError("not_found", "Not found.");
      const response = await handler({ organization, apiKey: { id: apiKey.id, name: apiKey.name }, actor, params, request });
      for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
      if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "private, no-store");
      return response;
    } catch (error) {
      return toErrorResponse(apiErrorOf(error), { headers: limitHeaders });
    }
  };
}
