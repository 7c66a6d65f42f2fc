import { z } from "zod";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import { API_KEY_ACCESS_PERMISSIONS, PERMISSIONS, ROLE_LABELS, ROLE_PERMISSIONS, type Permission } from "@/lib/model/permissions";
import { rateLimitPolicies } from "@/lib/rate-limit/policies";
import { apiOperations, requestSchemas, responseSchemas, type ApiOperation } from "./v1/operations";
import { MONEY_DESCRIPTION } from "./v1/schemas/common";

// The OpenAPI 3.1 document of /api/v1 (GET /api/v1/openapi.json), generated from the zod
// schemas the handlers parse with (z.toJSONSchema: JSON Schema 2020-12, OpenAPI 3.1's own
// dialect). Request bodies are described as clients send them, responses as sent.

type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  tags: Array<{ name: string; description: string }>;
  security: Array<Record<string, string[]>>;
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, unknown>;
    parameters: Record<string, unknown>;
    securitySchemes: Record<string, unknown>;
  };
}

const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const responseRef = (name: string) => ({ $ref: `#/components/responses/${name}` });

/** Named schemas → JSON Schemas that refer to one another by `#/components/schemas/<name>`. */
function componentSchemas(schemas: Record<string, z.ZodType>, io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const converted = z.toJSONSchema(registry, { io, uri: (id) => `#/components/schemas/${id}` }).schemas;
  return Object.fromEntries(
    Object.entries(converted).map(([id, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema as JsonSchema;
      return [id, rest];
    }),
  );
}

/** A documented query object → one OpenAPI parameter per property. */
function queryParameters(query: z.ZodObject): unknown[] {
  const schema = z.toJSONSchema(query, { io: "input" }) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: "query", required: schema.required?.includes(name) ?? false, description, schema: rest };
  });
}

const errorResponses: Record<number, { name: string; description: string }> = {
  400: { name: "BadRequest", description: "The body is missing, too large or not JSON." },
  401: {
    name: "Unauthorized",
    description: "No API key, a malformed one, or a key that does not exist, was revoked or expired, or whose creator is no longer a member of its organisation.",
  },
  403: {
    name: "Forbidden",
    description:
      "The key may not do this: its organisation is not of the kind this endpoint serves (advertiser or publisher), the key is read-only and the operation writes, or its creator's current role lacks the operation's permission (`x-permission`).",
  },
  404: { name: "NotFound", description: "No such record in your organisation (another organisation's ids are not found either)." },
  409: { name: "Conflict", description: "Not possible in the record's current state (e.g. archived), or a duplicate." },
  422: { name: "UnprocessableEntity", description: "Validation failed: `error.details` lists every problem by field." },
  429: { name: "TooManyRequests", description: "Rate limit of the key reached: wait `Retry-After` seconds." },
};

/** Which keys may call an operation needing `permission`: their access, and their creators' roles. */
export function permissionSentence(permission: Permission): string {
  const keys = API_KEY_ACCESS_PERMISSIONS.READ.includes(permission) ? "any key" : "a read-and-write key";
  const roles = (Object.keys(ROLE_LABELS) as MemberRole[]).filter((role) => ROLE_PERMISSIONS[role].includes(permission)).map((role) => ROLE_LABELS[role]);
  return `**Permission** \`${permission}\` (${PERMISSIONS[permission].toLowerCase()}): ${keys} whose creator is ${roles.join(", ")}.`;
}

function operationObject(operation: ApiOperation): Record<string, unknown> {
  const pathParameters = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => ({ $ref: `#/components/parameters/${match[1]}` }));
  const parameters = [...pathParameters, ...(operation.query ? queryParameters(operation.query) : [])];
  const { success } = operation;
  const body = success.schema ? schemaRef(success.schema) : success.status === 204 ? null : { type: "object" };
  const responses: Record<string, unknown> = {
    [success.status]: { description: success.description, ...(body ? { content: { "application/json": { schema: body } } } : {}) },
  };
  const statuses = operation.kinds === null ? [] : [...operation.errors, 401, 403, 429];
  for (const status of [...new Set(statuses)].sort()) responses[status] = responseRef(errorResponses[status]!.name);

  const description = [operation.description, operation.permission ? permissionSentence(operation.permission) : undefined].filter(Boolean).join("\n\n");
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(description ? { description } : {}),
    tags: [operation.tag],
    ...(operation.kinds === null ? { security: [] } : { "x-organization-kinds": operation.kinds, "x-permission": operation.permission }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(operation.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaRef(operation.body) } } } } : {}),
    responses,
  };
}

export function openApiDocument(): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const operation of apiOperations) {
    (paths[operation.path] ??= {})[operation.method.toLowerCase()] = operationObject(operation);
  }
  const { limit, windowSeconds } = rateLimitPolicies.apiKey;
  const errorBody = { content: { "application/json": { schema: schemaRef("Error") } } };

  return {
    openapi: "3.1.0",
    info: {
      title: "Marquee management API",
      version: "1",
      description: [
        "Manage campaigns and creatives (advertiser keys), sites and placements (publisher keys), and read reports.",
        "",
        "**Authentication**: `Authorization: Bearer mq_live_…` with a key created under Settings → API keys. A key acts for the member who created it, in their organisation: it is read-only or read-and-write, and never does more than its creator's role allows today. It stops working (401) when it is revoked, when it expires, and when its creator leaves the organisation.",
        "**Permissions**: each operation names the one it needs (`x-permission`); a key without it is answered 403 with what it may not do.",
        `**Rate limit**: ${limit} requests per ${windowSeconds} seconds per key; \`X-RateLimit-Limit\`, \`X-RateLimit-Remaining\` and \`X-RateLimit-Reset\` on every answer, \`Retry-After\` on 429.`,
        `**Money**: ${MONEY_DESCRIPTION} Stored exactly (micro-units).`,
        "**Dates**: ISO 8601. Requests need an offset or Z; answers are in UTC. Flights are instants; weekdays, hours, the daily budget and spentToday follow the organisation's time zone (an IANA name, chosen at sign-up; UTC by default).",
        "**Ids** are strings. Lists are `{ \"data\": [...] }`. Request bodies may not carry unknown fields (422).",
        "**Errors**: `{ \"error\": { \"code\", \"message\", \"details\"? } }` with the status of the code.",
      ].join("\n"),
    },
    tags: [
      { name: "Campaigns", description: "Advertiser keys." },
      { name: "Creatives", description: "Advertiser keys." },
      { name: "Sites", description: "Publisher keys." },
      { name: "Placements", description: "Publisher keys." },
      { name: "Reports", description: "Advertiser or publisher keys, each its own report." },
      { name: "Audit", description: "Keys whose creator may read the audit log (owners and admins)." },
      { name: "Meta", description: "No key needed." },
    ],
    security: [{ apiKey: [] }],
    paths,
    components: {
      schemas: { ...componentSchemas(requestSchemas, "input"), ...componentSchemas(responseSchemas, "output") },
      responses: Object.fromEntries(
        Object.entries(errorResponses).map(([status, { name, description }]) => [
          name,
          {
            description,
            ...errorBody,
            ...(status === "429" ? { headers: { "Retry-After": { description: "Seconds until the key's window resets.", schema: { type: "integer" } } } } : {}),
          },
        ]),
      ),
      parameters: {
        id: { name: "id", in: "path", required: true, description: "The record's id.", schema: { type: "string" } },
      },
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", bearerFormat: "mq_live_<43 base64url characters>", description: "An API key of your organisation." },
      },
    },
  };
}
