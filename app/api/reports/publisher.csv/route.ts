import { reportCsvDownload } from "@/lib/reports/report-csv-download";

export const dynamic = "force-dynamic";

/** The publisher report's table as CSV, for the signed-in publisher (same query as /publisher/reports). */
export function GET(request: Request): Promise<Response> {
  return reportCsvDownload("publisher", request);
}
