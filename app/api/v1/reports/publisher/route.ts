import { AppError } from "@/lib/errors";
import { withApiKey } from "@/lib/api/with-api-key";
import { prisma } from "@/lib/db";
import { getPlacement } from "@/lib/placements/get-placement";
import { publisherReport } from "@/lib/reports/publisher-report";
import { readDeps } from "@/lib/cache/deps";
import { json, publisherOnly } from "@/lib/api/v1/http";
import { parseApiReportQuery } from "@/lib/api/v1/parse-report-query";
import { organizationTimeZone } from "@/lib/campaigns/organization-time-zone";
import { publisherReportResource } from "@/lib/api/v1/schemas/reports";

/** The publisher report of the dashboard, as JSON (another organisation's placement is not found). */
export const GET = withApiKey(async ({ organization, request }) => {
  const query = parseApiReportQuery(request, new Date(), await organizationTimeZone(organization.id, readDeps()));
  if (query.placementId && !(await getPlacement(organization.id, query.placementId, readDeps()))) throw new AppError("not_found", "Placement not found.");
  return json(publisherReportResource(await publisherReport(prisma, organization.id, query)));
}, publisherOnly("reports:read"));
