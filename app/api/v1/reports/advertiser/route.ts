import { withApiKey } from "@/lib/api/with-api-key";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { prisma } from "@/lib/db";
import { advertiserReport } from "@/lib/reports/advertiser-report";
import { readDeps } from "@/lib/cache/deps";
import { advertiserOnly, json } from "@/lib/api/v1/http";
import { parseApiReportQuery } from "@/lib/api/v1/parse-report-query";
import { organizationTimeZone } from "@/lib/campaigns/organization-time-zone";
import { advertiserReportResource } from "@/lib/api/v1/schemas/reports";

/** The advertiser report of the dashboard, as JSON (another organisation's campaign is not found). */
export const GET = withApiKey(async ({ organization, request }) => {
  const query = parseApiReportQuery(request, new Date(), await organizationTimeZone(organization.id, readDeps()));
  if (query.campaignId) await getCampaign(organization.id, query.campaignId, readDeps());
  return json(advertiserReportResource(await advertiserReport(prisma, organization.id, query)));
}, advertiserOnly("reports:read"));
