import { reportCsvDownload } from "@/lib/reports/report-csv-download";

export const dynamic = "force-dynamic";

/** The advertiser report's table as CSV, for the signed-in advertiser (same query as /advertiser/reports). */
export function GET(request: Request): Promise<Response> {
  return reportCsvDownload("advertiser", request);
}
