import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { env } from "@/lib/config/env";
import { publicOrigin } from "@/lib/http/client";
import type { WithApiKeyOptions } from "@/lib/api/with-api-key";

// Small helpers of the v1 route handlers: the body in, JSON out.

export const advertiserOnly: WithApiKeyOptions = { kinds: ["ADVERTISER"] };
export const publisherOnly: WithApiKeyOptions = { kinds: ["PUBLISHER"] };

/** Bodies are small JSON objects; anything near this is a mistake (creative HTML stops at 20 KB). */
export const MAX_BODY_BYTES = 256 * 1024;

/** The request's JSON body: 400 when it is missing, too large or not JSON. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new ApiError("bad_request", `The request body is too large (at most ${MAX_BODY_BYTES / 1024} KB).`);
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new ApiError("bad_request", `The request body is too large (at most ${MAX_BODY_BYTES / 1024} KB).`);
  if (text.trim() === "") throw new ApiError("bad_request", "The request body is empty: send a JSON object.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError("bad_request", "The request body is not valid JSON.");
  }
}

/** The body parsed by `schema`; a zod error becomes 422 with every problem by field (withApiKey). */
export async function parseJsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.output<T>> {
  return schema.parse(await readJsonBody(request));
}

export function json(body: unknown, status: 200 | 201 = 200): Response {
  return Response.json(body, { status });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/** Where publisher pages load the snippet from: MARQUEE_PUBLIC_URL, else this deployment as the request reached it. */
export function snippetOriginOf(request: Request): string {
  return publicOrigin(request, env().MARQUEE_PUBLIC_URL);
}
