import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/auth";

export const dynamic = "force-dynamic";

async function handler(request: Request): Promise<Response> {
  if (await hasNul(request)) {
    return Response.json({ code: "INVALID_INPUT", message: "Text cannot contain the NUL character (\\u0000)." }, { status: 400 });
  }
  return auth().handler(request);
}

/** PostgreSQL refuses NUL in text, and better-auth would pass one to it unchecked (a 500): refused first. */
async function hasNul(request: Request): Promise<boolean> {
  if (/%00/.test(new URL(request.url).search)) return true;
  if (request.method === "GET" || request.method === "HEAD") return false;
  const body = await request.clone().text();
  return body.includes("\u0000") || body.includes("\\u0000");
}

export const { GET, POST } = toNextJsHandler(handler);
