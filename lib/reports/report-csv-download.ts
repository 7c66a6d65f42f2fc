import "server-only";
import { AppError } from "@/lib/errors";
import { toErrorResponse } from "@/lib/http/error-response";
import { currentOrganization } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { advertiserReport } from "./advertiser-report";
import { publisherReport } from "./publisher-report";
import { parseReportQuery } from "./report-query";
import { ADVERTISER_TABLE_IDS, advertiserTables, PUBLISHER_TABLE_IDS, publisherTables, tableCsv, type ReportTable } from "./report-tables";

// GET /api/reports/advertiser.csv and /api/reports/publisher.csv: the report page's query
// string (plus `table`, default the page's main table) → that table as a CSV file. The
// session decides the organisation, as on the page; nothing in the query can widen it.

export type ReportKind = "advertiser" | "publisher";

export async function reportCsvDownload(kind: ReportKind, request: Request): Promise<Response> {
  try {
    const context = await currentOrganization();
    if (!context) throw new AppError("unauthorized", "Sign in to download reports.");
    if (context.organization.kind !== (kind === "advertiser" ? "ADVERTISER" : "PUBLISHER")) {
      throw new AppError("forbidden", `Only ${kind} organisations have ${kind} reports.`);
    }
    const params = new URL(request.url).searchParams;
    const parsed = parseReportQuery(params, new Date(), context.organization.timeZone);
    if (!parsed.ok) {
      const details = Object.entries(parsed.errors).flatMap(([path, messages]) => messages.map((message) => ({ path, message })));
      throw new AppError("unprocessable_entity", "The report's parameters are not valid.", { details });
    }
    const tableId = params.get("table") ?? (kind === "advertiser" ? "series" : "detail");
    const organizationId = context.organization.id;

    let table: ReportTable | undefined;
    if (kind === "advertiser") {
      if (!isOneOf(ADVERTISER_TABLE_IDS, tableId)) throw unknownTable(ADVERTISER_TABLE_IDS);
      table = advertiserTables(await advertiserReport(prisma, organizationId, parsed.query))[tableId];
    } else {
      if (!isOneOf(PUBLISHER_TABLE_IDS, tableId)) throw unknownTable(PUBLISHER_TABLE_IDS);
      table = publisherTables(await publisherReport(prisma, organizationId, parsed.query))[tableId];
    }

    const { from, to } = parsed.query.range;
    const filename = `marquee-${kind}-${tableId}-${from}-to-${to}.csv`;
    return new Response(tableCsv(table), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

function unknownTable(values: readonly string[]): AppError {
  return new AppError("unprocessable_entity", `table must be one of: ${values.join(", ")}.`);
}
