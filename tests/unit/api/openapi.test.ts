// The OpenAPI document against the route files that exist: every route file under
// app/api/v1 and every method it exports is documented, and nothing else is.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openApiDocument, permissionSentence, type OpenApiDocument } from "@/lib/api/openapi";
import { apiOperations, requestSchemas, responseSchemas } from "@/lib/api/v1/operations";

const V1 = path.resolve("app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

async function routeFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? routeFiles(path.join(dir, entry.name)) : Promise.resolve(/^route\.tsx?$/.test(entry.name) ? [path.join(dir, entry.name)] : []))),
  );
  return nested.flat();
}

/** app/api/v1/campaigns/[id]/route.ts → /api/v1/campaigns/{id} */
function openApiPath(file: string): string {
  const folder = path.relative(path.resolve("app"), path.dirname(file)).split(path.sep);
  return `/${folder.map((segment) => segment.replace(/^\[(\w+)\]$/, "{$1}")).join("/")}`;
}

let document: OpenApiDocument;
let routes: Array<{ path: string; methods: string[] }>;

beforeAll(async () => {
  document = openApiDocument();
  const files = await routeFiles(V1);
  routes = await Promise.all(
    files.map(async (file) => {
      const module = (await import(file)) as Record<string, unknown>;
      return { path: openApiPath(file), methods: METHODS.filter((method) => typeof module[method] === "function") };
    }),
  );
}, 60_000);

describe("the OpenAPI document", () => {
  it("finds the route files (the walk itself works)", () => {
    expect(routes.map((route) => route.path)).toContain("/api/v1/campaigns/{id}/pause");
    expect(routes.length).toBeGreaterThanOrEqual(13);
  });

  it("documents every method of every route file under app/api/v1", () => {
    const missing = routes.flatMap((route) => route.methods.filter((method) => !document.paths[route.path]?.[method.toLowerCase()]).map((method) => `${method} ${route.path}`));
    expect(missing).toEqual([]);
  });

  it("documents nothing that no route file serves", () => {
    const served = new Set(routes.flatMap((route) => route.methods.map((method) => `${method.toLowerCase()} ${route.path}`)));
    const documented = Object.entries(document.paths).flatMap(([route, operations]) => Object.keys(operations).map((method) => `${method} ${route}`));
    expect(documented.filter((operation) => !served.has(operation))).toEqual([]);
  });

  it("is OpenAPI 3.1 and survives a JSON round trip unchanged", () => {
    expect(document.openapi).toBe("3.1.0");
    const text = JSON.stringify(document);
    expect(JSON.parse(text)).toEqual(document);
  });

  it("has every request and response schema as a component, plus the error schema", () => {
    expect(Object.keys(document.components.schemas).sort()).toEqual([...Object.keys(requestSchemas), ...Object.keys(responseSchemas)].sort());
    expect(document.components.schemas.Error).toMatchObject({ type: "object", required: ["error"] });
  });

  it("resolves every $ref inside the document", () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((match) => match[1]!);
    expect(refs.length).toBeGreaterThan(50);
    const unresolved = refs.filter((ref) => ref.split("/").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document) === undefined);
    expect(unresolved).toEqual([]);
  });

  it("secures the API with bearer keys and leaves only the document itself public", () => {
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(document.security).toEqual([{ apiKey: [] }]);
    const publicOperations = apiOperations.filter((operation) => operation.kinds === null).map((operation) => `${operation.method} ${operation.path}`);
    expect(publicOperations).toEqual(["GET /api/v1/openapi.json"]);
    expect(document.paths["/api/v1/openapi.json"]?.get).toMatchObject({ security: [] });
  });

  it.each(apiOperations.filter((operation) => operation.kinds !== null).map((operation) => [`${operation.method} ${operation.path}`, operation] as const))(
    "%s: answers 401, 403 and 429 with the error schema, and its success",
    (_name, operation) => {
      const responses = document.paths[operation.path]?.[operation.method.toLowerCase()] as { responses: Record<string, unknown> };
      expect(responses.responses).toMatchObject({
        401: { $ref: "#/components/responses/Unauthorized" },
        403: { $ref: "#/components/responses/Forbidden" },
        429: { $ref: "#/components/responses/TooManyRequests" },
      });
      expect(Object.keys(responses.responses)).toContain(String(operation.success.status));
    },
  );

  it.each(apiOperations.filter((operation) => operation.kinds !== null).map((operation) => [`${operation.method} ${operation.path}`, operation] as const))(
    "%s: names the permission it needs, and which keys have it",
    (_name, operation) => {
      const documented = document.paths[operation.path]?.[operation.method.toLowerCase()] as { description: string; "x-permission": string };
      expect(operation.permission).not.toBeNull();
      expect(documented["x-permission"]).toBe(operation.permission);
      expect(documented.description).toContain(permissionSentence(operation.permission!));
    },
  );

  it("says which keys may pause a campaign: read-and-write keys of members who may write campaigns", () => {
    const pause = document.paths["/api/v1/campaigns/{id}/pause"]?.post as { description: string };
    expect(pause.description).toContain(
      "**Permission** `campaigns:write` (create, edit, pause, resume and archive campaigns and creatives): a read-and-write key whose creator is Owner, Admin, Member.",
    );
    const report = document.paths["/api/v1/reports/advertiser"]?.get as { description: string };
    expect(report.description).toContain("**Permission** `reports:read` (read reports and the overview): any key whose creator is Owner, Admin, Member, Read-only.");
  });

  it("explains 401 (revoked, expired, creator gone) and 403 (kind, read-only key, creator's role)", () => {
    const { Unauthorized, Forbidden } = document.components.responses as Record<string, { description: string }>;
    expect(Unauthorized!.description).toMatch(/revoked or expired, or whose creator is no longer a member/);
    expect(Forbidden!.description).toMatch(/read-only and the operation writes, or its creator's current role lacks/);
  });

  it.each(apiOperations.filter((operation) => operation.body).map((operation) => [`${operation.method} ${operation.path}`, operation] as const))(
    "%s: takes its JSON body schema and answers 400 and 422",
    (_name, operation) => {
      const documented = document.paths[operation.path]?.[operation.method.toLowerCase()] as { requestBody: unknown; responses: Record<string, unknown> };
      expect(documented.requestBody).toEqual({ required: true, content: { "application/json": { schema: { $ref: `#/components/schemas/${operation.body}` } } } });
      expect(documented.responses).toMatchObject({ 400: { $ref: "#/components/responses/BadRequest" }, 422: { $ref: "#/components/responses/UnprocessableEntity" } });
    },
  );

  it("points every error response at the error schema, with Retry-After on 429", () => {
    for (const response of Object.values(document.components.responses) as Array<{ content: unknown }>) {
      expect(response.content).toEqual({ "application/json": { schema: { $ref: "#/components/schemas/Error" } } });
    }
    expect(document.components.responses.TooManyRequests).toMatchObject({ headers: { "Retry-After": { schema: { type: "integer" } } } });
  });

  it("describes money as decimal strings and request dates as ISO 8601 with an offset", () => {
    const create = document.components.schemas.CampaignCreate as { properties: Record<string, { type?: string; format?: string }>; required: string[]; additionalProperties: boolean };
    expect(create.properties.price).toMatchObject({ type: "string" });
    expect(create.properties.startsAt).toMatchObject({ type: "string", format: "date-time" });
    expect(create.required.sort()).toEqual(["name", "price", "pricingModel", "startsAt", "totalBudget"]);
    expect(create.additionalProperties).toBe(false);
    const campaign = document.components.schemas.Campaign as { properties: Record<string, { type?: string }> };
    expect(campaign.properties.spent).toMatchObject({ type: "string" });
  });

  it("documents each report's query parameters", () => {
    const report = document.paths["/api/v1/reports/advertiser"]?.get as { parameters: Array<{ name: string; in: string }> };
    expect(report.parameters.map((parameter) => `${parameter.in}:${parameter.name}`)).toEqual(["query:from", "query:to", "query:timeZone", "query:granularity", "query:campaignId"]);
  });

  it.each(["AdvertiserReport", "PublisherReport"])("%s: invalid impressions and clicks beside the billed ones in the totals and every row, and by reason in the totals", (name) => {
    interface ObjectSchema {
      properties: Record<string, ObjectSchema>;
      items?: ObjectSchema;
      required?: string[];
      type?: string;
      description?: string;
    }
    const report = document.components.schemas[name] as unknown as ObjectSchema;
    const totals = report.properties.totals!;
    const lists = Object.values(report.properties).flatMap((property) => (property.items ? [property.items] : []));
    const breakdowns = Object.values(report.properties.breakdowns?.properties ?? {}).flatMap((list) => (list.items ? [list.items] : []));
    // Every list of traffic rows (not the pacing's money): series, breakdowns, placements, sites, detail.
    const rows = [totals, ...lists, ...breakdowns].filter((row) => row.properties.impressions);
    expect(rows.length).toBe(name === "AdvertiserReport" ? 7 : 5);
    for (const row of rows) {
      expect(row.required).toEqual(expect.arrayContaining(["impressions", "clicks", "invalidImpressions", "invalidClicks"]));
      expect(row.properties.impressions?.description).toMatch(/valid traffic only/);
      expect(row.properties.invalidImpressions).toMatchObject({ type: "integer" });
    }
    const byReason = totals.properties.invalidByReason;
    expect(totals.required).toContain("invalidByReason");
    expect(byReason?.required).toEqual(["BOT", "CLIENT_MISMATCH", "RATE_LIMIT", "OFF_DOMAIN"]);
    expect(byReason?.properties.BOT).toMatchObject({ type: "object", required: ["impressions", "clicks"], description: "Bots and non-browser clients." });
  });

  it("documents the serving status, with every state, on one campaign and in the list", () => {
    type WithServing = { properties: Record<string, { properties?: { state?: { enum?: string[] } }; description?: string }>; required: string[] };
    for (const name of ["Campaign", "CampaignSummary"]) {
      const schema = document.components.schemas[name] as WithServing;
      expect(schema.required).toContain("servingStatus");
      expect(schema.properties.servingStatus?.properties?.state?.enum).toEqual(expect.arrayContaining(["serving", "no-approved-creative", "unverified"]));
      expect(schema.properties.servingStatus?.description).toContain("confirmed their e-mail address");
    }
  });

  it("documents a site's extra domains, in requests and responses", () => {
    const site = document.components.schemas.Site as { properties: Record<string, { type?: string }>; required: string[] };
    expect(site.properties.extraDomains).toMatchObject({ type: "array" });
    expect(site.required).toContain("extraDomains");
    const create = document.components.schemas.SiteCreate as { properties: Record<string, { type?: string; description?: string }>; required: string[] } | undefined;
    expect(create?.properties.extraDomains).toMatchObject({ type: "array", description: expect.stringContaining("at most 20") });
    expect(create?.required).not.toContain("extraDomains");
  });
});
