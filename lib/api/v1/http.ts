import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { publicOrigin } from "@/lib/http/client";
import type { WithApiKeyOptions } from "@/lib/api/with-api-key";
import type { Permission } from "@/lib/model/permissions";

// Small helpers of the v1 route handlers: the body in, JSON out.

/** An endpoint of advertisers' keys that needs `permission` (lib/model/permissions.ts). */
export const advertiserOnly = (permission: Permission): WithApiKeyOptions => ({ kinds: ["ADVERTISER"], permission });
/** An endpoint of publishers' keys that needs `permission`. */
export const publisherOnly = (permission: Permission): WithApiKeyOptions => ({ kinds: ["PUBLISHER"], permission });

/** Bodies are small JSON objects; anything near this is a mistake (creative HTML stops at 20 KB). */
export const MAX_BODY_BYTES = 256 * 1024;

/** The request's JSON body: 400 when it is missing, too large or not JSON. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new AppError("bad_request", `The request body is too large (at most ${MAX_BODY_BYTES / 1024} KB).`);
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new AppError("bad_request", `The request body is too large (at most ${MAX_BODY_BYTES / 1024} KB).`);
  if (text.trim() === "") throw new AppError("bad_request", "The request body is empty: send a JSON object.");
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
  const nul = nulPath(body);
  if (nul !== undefined) {
    throw new AppError("unprocessable_entity", "The request is not valid.", { details: [{ path: nul, message: "Text cannot contain the NUL character (\\u0000)." }] });
  }
  return body;
}

/** Where the first string holding a NUL character is (PostgreSQL cannot store one), or undefined. */
function nulPath(body: unknown): string | undefined {
  // Iterative, each node linked to its parent: a body may nest thousands of levels deep.
  interface Node {
    value: unknown;
    key?: string;
    parent?: Node;
  }
  const pathOf = (node: Node | undefined, key?: string): string => {
    const keys = key === undefined ? [] : [key];
    for (let at = node; at?.key !== undefined; at = at.parent) keys.unshift(at.key);
    return keys.join(".");
  };
  const pending: Node[] = [{ value: body }];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (typeof node.value === "string") {
      if (node.value.includes("\u0000")) return pathOf(node);
    } else if (node.value !== null && typeof node.value === "object") {
      for (const [key, item] of Object.entries(node.value)) {
        if (key.includes("\u0000")) return pathOf(node, key);
        pending.push({ value: item, key, parent: node });
      }
    }
  }
  return undefined;
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
  return publicOrigin(request.headers) ?? new URL(request.url).origin;
}
