import { z } from "zod";
import type { OrganizationKind } from "@/lib/generated/prisma/enums";
import type { Permission } from "@/lib/model/permissions";
import { auditLogQuerySchema, auditLogSchema } from "./schemas/audit-events";
import { campaignListQuerySchema, campaignListSchema, campaignResourceSchema, campaignSummarySchema, createCampaignBodySchema, updateCampaignBodySchema } from "./schemas/campaigns";
import { errorSchema } from "./schemas/common";
import { createCreativeBodySchema, creativeListSchema, creativeResourceSchema, updateCreativeBodySchema } from "./schemas/creatives";
import { createPlacementBodySchema, placementListSchema, placementResourceSchema, updatePlacementBodySchema } from "./schemas/placements";
import { advertiserReportQuerySchema, advertiserReportSchema, publisherReportQuerySchema, publisherReportSchema } from "./schemas/reports";
import { createSiteBodySchema, siteListSchema, siteResourceSchema, updateSiteBodySchema } from "./schemas/sites";

// Every operation of /api/v1, described once for the OpenAPI document (lib/api/openapi.ts).
// The schemas are the ones the handlers parse with; a unit test checks that every route
// file under app/api/v1 is listed here, and the integration tests check the answers
// against the response schemas.

/** Request bodies, as the client sends them (converted with io: "input"). */
export const requestSchemas = {
  CampaignCreate: createCampaignBodySchema,
  CampaignUpdate: updateCampaignBodySchema,
  CreativeCreate: createCreativeBodySchema,
  CreativeUpdate: updateCreativeBodySchema,
  SiteCreate: createSiteBodySchema,
  SiteUpdate: updateSiteBodySchema,
  PlacementCreate: createPlacementBodySchema,
  PlacementUpdate: updatePlacementBodySchema,
} as const satisfies Record<string, z.ZodType>;

/** Response bodies, as the server sends them (converted with io: "output"). */
export const responseSchemas = {
  Campaign: campaignResourceSchema,
  CampaignSummary: campaignSummarySchema,
  CampaignList: campaignListSchema,
  Creative: creativeResourceSchema,
  CreativeList: creativeListSchema,
  Site: siteResourceSchema,
  SiteList: siteListSchema,
  Placement: placementResourceSchema,
  PlacementList: placementListSchema,
  AdvertiserReport: advertiserReportSchema,
  PublisherReport: publisherReportSchema,
  AuditLog: auditLogSchema,
  Error: errorSchema,
} as const satisfies Record<string, z.ZodType>;

export type RequestSchemaName = keyof typeof requestSchemas;
export type ResponseSchemaName = keyof typeof responseSchemas;
export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

export interface ApiOperation {
  method: HttpMethod;
  /** OpenAPI path: `{id}` where the route folder has `[id]`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: "Campaigns" | "Creatives" | "Sites" | "Placements" | "Reports" | "Audit" | "Meta";
  /** Organisation kinds whose keys may call it; null: no API key (public). */
  kinds: readonly OrganizationKind[] | null;
  /**
   * What the key must be allowed (lib/model/permissions.ts): its access, within its creator's
   * current role; the route declares the same to withApiKey. null: public.
   */
  permission: Permission | null;
  query?: z.ZodObject;
  body?: RequestSchemaName;
  success: { status: 200 | 201 | 204; description: string; schema?: ResponseSchemaName };
  /** Refusals besides the ones every authenticated operation has (401, 403, 429). */
  errors: ReadonlyArray<400 | 404 | 409 | 422>;
}

const ADVERTISER = ["ADVERTISER"] as const;
const PUBLISHER = ["PUBLISHER"] as const;
const WITH_BODY = [400, 422] as const;

export const apiOperations: readonly ApiOperation[] = [
  {
    method: "GET",
    path: "/api/v1/openapi.json",
    operationId: "getOpenApiDocument",
    summary: "This document",
    tag: "Meta",
    kinds: null,
    permission: null,
    success: { status: 200, description: "The OpenAPI 3.1 document of /api/v1." },
    errors: [],
  },
  // ─── Advertisers ───────────────────────────────────────────────────────────
  {
    method: "GET",
    path: "/api/v1/campaigns",
    operationId: "listCampaigns",
    summary: "List campaigns",
    description: "Running ones first (ACTIVE, PAUSED, DRAFT, COMPLETED, ARCHIVED), newest first within a status. Page with `nextCursor`.",
    tag: "Campaigns",
    kinds: ADVERTISER,
    permission: "campaigns:read",
    query: campaignListQuerySchema,
    success: { status: 200, description: "A page of your campaigns.", schema: "CampaignList" },
    errors: [400, 422],
  },
  {
    method: "POST",
    path: "/api/v1/campaigns",
    operationId: "createCampaign",
    summary: "Create a campaign",
    description: "Starts as DRAFT unless `status` is ACTIVE. It serves once it is active and a creative is approved.",
    tag: "Campaigns",
    kinds: ADVERTISER,
    permission: "campaigns:write",
    body: "CampaignCreate",
    success: { status: 201, description: "The new campaign.", schema: "Campaign" },
    errors: [...WITH_BODY, 409],
  },
  {
    method: "GET",
    path: "/api/v1/campaigns/{id}",
    operationId: "getCampaign",
    summary: "Get a campaign",
    tag: "Campaigns",
    kinds: ADVERTISER,
    permission: "campaigns:read",
    success: { status: 200, description: "The campaign.", schema: "Campaign" },
    errors: [404],
  },
  {
    method: "PATCH",
    path: "/api/v1/campaigns/{id}",
    operationId: "updateCampaign",
    summary: "Update a campaign",
    description:
      "Send only the fields to change; the result is validated as a whole. Status changes follow the same rules as pause/resume; an archived campaign cannot be changed (409).",
    tag: "Campaigns",
    kinds: ADVERTISER,
    permission: "campaigns:write",
    body: "CampaignUpdate",
    success: { status: 200, description: "The updated campaign.", schema: "Campaign" },
    errors: [...WITH_BODY, 404, 409],
  },
  {
    method: "DELETE",
    path: "/api/v1/campaigns/{id}",
    operationId: "archiveCampaign",
    summary: "Archive a campaign",
    description: "It stops serving; it and its reports are kept, and POST /campaigns/{id}/restore brings it back paused. Archiving twice succeeds.",
    tag: "Campaigns",
    kinds: ADVERTISER,
    permission: "campaigns:write",
    success: { status: 204, description: "Archived." },
    errors: [404],
  },
  {
    method: "POST",
    path: "/api/v1/campaigns/{id}/restore",
    operationId: "restoreCampaign",
    summary: "Restore an archived campaign",
    description: "It comes back PAUSED, whatever it was before, so nothing spends until it is resumed. Restoring a campaign that is not archived changes nothing and succeeds.",
    tag: "Campaigns",
    kinds: ADVERTISER,
    permission: "campaigns:write",
    success: { status: 200, description: "The campaign, as it is now.", schema: "Campaign" },
    errors: [404],
  },
  {
    method: "POST",
    path: "/api/v1/campaigns/{id}/pause",
    operationId: "pauseCampaign",
    summary: "Pause a campaign",
    description: "Only an active campaign can be paused (409 otherwise; pausing a paused one succeeds). It stops serving within a second.",
    tag: "Campaigns",
    kinds: ADVERTISER,
    permission: "campaigns:write",
    success: { status: 200, description: "The paused campaign.", schema: "Campaign" },
    errors: [404, 409],
  },
  {
    method: "POST",
    path: "/api/v1/campaigns/{id}/resume",
    operationId: "resumeCampaign",
    summary: "Resume (or start) a campaign",
    description: "A paused campaign resumes, a draft starts; archived and completed ones cannot (409).",
    tag: "Campaigns",
    kinds: ADVERTISER,
    permission: "campaigns:write",
    success: { status: 200, description: "The active campaign.", schema: "Campaign" },
    errors: [404, 409],
  },
  {
    method: "GET",
    path: "/api/v1/campaigns/{id}/creatives",
    operationId: "listCreatives",
    summary: "List a campaign's creatives",
    description: "Live ones first, newest first; archived ones too.",
    tag: "Creatives",
    kinds: ADVERTISER,
    permission: "campaigns:read",
    success: { status: 200, description: "The campaign's creatives.", schema: "CreativeList" },
    errors: [404],
  },
  {
    method: "POST",
    path: "/api/v1/campaigns/{id}/creatives",
    operationId: "createCreative",
    summary: "Add a creative",
    description: "It waits for review (PENDING) and serves once an operator approves it.",
    tag: "Creatives",
    kinds: ADVERTISER,
    permission: "campaigns:write",
    body: "CreativeCreate",
    success: { status: 201, description: "The new creative.", schema: "Creative" },
    errors: [...WITH_BODY, 404, 409],
  },
  {
    method: "GET",
    path: "/api/v1/creatives/{id}",
    operationId: "getCreative",
    summary: "Get a creative",
    tag: "Creatives",
    kinds: ADVERTISER,
    permission: "campaigns:read",
    success: { status: 200, description: "The creative.", schema: "Creative" },
    errors: [404],
  },
  {
    method: "PATCH",
    path: "/api/v1/creatives/{id}",
    operationId: "updateCreative",
    summary: "Update a creative",
    description: "Send only the fields to change. New content (not a new name) goes back to review and stops serving until approved.",
    tag: "Creatives",
    kinds: ADVERTISER,
    permission: "campaigns:write",
    body: "CreativeUpdate",
    success: { status: 200, description: "The updated creative.", schema: "Creative" },
    errors: [...WITH_BODY, 404, 409],
  },
  {
    method: "DELETE",
    path: "/api/v1/creatives/{id}",
    operationId: "archiveCreative",
    summary: "Archive a creative",
    description: "It stops serving for good; it and its reports are kept.",
    tag: "Creatives",
    kinds: ADVERTISER,
    permission: "campaigns:write",
    success: { status: 204, description: "Archived." },
    errors: [404],
  },
  {
    method: "GET",
    path: "/api/v1/reports/advertiser",
    operationId: "getAdvertiserReport",
    summary: "Advertiser report",
    description: "Impressions, clicks and spend by day or hour, with breakdowns by campaign, creative, placement, country and device, and budget pacing.",
    tag: "Reports",
    kinds: ADVERTISER,
    permission: "reports:read",
    query: advertiserReportQuerySchema,
    success: { status: 200, description: "The report.", schema: "AdvertiserReport" },
    errors: [404, 422],
  },
  // ─── Publishers ────────────────────────────────────────────────────────────
  {
    method: "GET",
    path: "/api/v1/sites",
    operationId: "listSites",
    summary: "List sites",
    tag: "Sites",
    kinds: PUBLISHER,
    permission: "inventory:read",
    success: { status: 200, description: "Your sites, oldest first.", schema: "SiteList" },
    errors: [],
  },
  {
    method: "POST",
    path: "/api/v1/sites",
    operationId: "createSite",
    summary: "Add a site",
    tag: "Sites",
    kinds: PUBLISHER,
    permission: "inventory:write",
    body: "SiteCreate",
    success: { status: 201, description: "The new site.", schema: "Site" },
    errors: [...WITH_BODY, 409],
  },
  {
    method: "GET",
    path: "/api/v1/sites/{id}",
    operationId: "getSite",
    summary: "Get a site",
    tag: "Sites",
    kinds: PUBLISHER,
    permission: "inventory:read",
    success: { status: 200, description: "The site.", schema: "Site" },
    errors: [404],
  },
  {
    method: "PATCH",
    path: "/api/v1/sites/{id}",
    operationId: "updateSite",
    summary: "Update a site",
    description: "Send only the fields to change. A domain that is already one of your sites is refused (409).",
    tag: "Sites",
    kinds: PUBLISHER,
    permission: "inventory:write",
    body: "SiteUpdate",
    success: { status: 200, description: "The updated site.", schema: "Site" },
    errors: [...WITH_BODY, 404, 409],
  },
  {
    method: "GET",
    path: "/api/v1/sites/{id}/placements",
    operationId: "listPlacements",
    summary: "List a site's placements",
    description: "Live ones first; archived ones too.",
    tag: "Placements",
    kinds: PUBLISHER,
    permission: "inventory:read",
    success: { status: 200, description: "The site's placements.", schema: "PlacementList" },
    errors: [404],
  },
  {
    method: "POST",
    path: "/api/v1/sites/{id}/placements",
    operationId: "createPlacement",
    summary: "Add a placement",
    description: "The answer carries the embed snippet to paste into the site's pages.",
    tag: "Placements",
    kinds: PUBLISHER,
    permission: "inventory:write",
    body: "PlacementCreate",
    success: { status: 201, description: "The new placement.", schema: "Placement" },
    errors: [...WITH_BODY, 404],
  },
  {
    method: "GET",
    path: "/api/v1/placements/{id}",
    operationId: "getPlacement",
    summary: "Get a placement",
    tag: "Placements",
    kinds: PUBLISHER,
    permission: "inventory:read",
    success: { status: 200, description: "The placement.", schema: "Placement" },
    errors: [404],
  },
  {
    method: "PATCH",
    path: "/api/v1/placements/{id}",
    operationId: "updatePlacement",
    summary: "Update a placement",
    description: "Send only the fields to change. An archived placement cannot be changed (409).",
    tag: "Placements",
    kinds: PUBLISHER,
    permission: "inventory:write",
    body: "PlacementUpdate",
    success: { status: 200, description: "The updated placement.", schema: "Placement" },
    errors: [...WITH_BODY, 404, 409],
  },
  {
    method: "DELETE",
    path: "/api/v1/placements/{id}",
    operationId: "archivePlacement",
    summary: "Archive a placement",
    description: "Its snippet stops filling; it and its reports are kept.",
    tag: "Placements",
    kinds: PUBLISHER,
    permission: "inventory:write",
    success: { status: 204, description: "Archived." },
    errors: [404],
  },
  {
    method: "GET",
    path: "/api/v1/reports/publisher",
    operationId: "getPublisherReport",
    summary: "Publisher report",
    description: "Impressions, clicks and earnings by day or hour, per site and placement.",
    tag: "Reports",
    kinds: PUBLISHER,
    permission: "reports:read",
    query: publisherReportQuerySchema,
    success: { status: 200, description: "The report.", schema: "PublisherReport" },
    errors: [404, 422],
  },
  // ─── Either kind ───────────────────────────────────────────────────────────
  {
    method: "GET",
    path: "/api/v1/audit-log",
    operationId: "listAuditEvents",
    summary: "Audit log",
    description:
      "Who did what to which campaign, creative, site, placement, member or key of your organisation, when, and through the dashboard or which API key; newest first. Page with `nextCursor`.",
    tag: "Audit",
    kinds: ["ADVERTISER", "PUBLISHER"],
    permission: "audit:read",
    query: auditLogQuerySchema,
    success: { status: 200, description: "A page of events.", schema: "AuditLog" },
    errors: [400, 422],
  },
];
