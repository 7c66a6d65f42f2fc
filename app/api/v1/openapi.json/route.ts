import { openApiDocument } from "@/lib/api/openapi";

/** The API's OpenAPI 3.1 description, generated from the zod schemas the handlers parse with. No key needed. */
export function GET(): Response {
  return Response.json(openApiDocument(), {
    headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=300" },
  });
}
