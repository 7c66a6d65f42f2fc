import { AppError } from "@/lib/errors";
import { parseReportQuery, type ReportQuery } from "@/lib/reports/report-query";
import { reportParamNames, reportSearchParams } from "./schemas/reports";

/**
 * A report endpoint's query string, read by the report pages' own parser (dates and days in
 * `timeZone` when given, else the organisation's zone); 422 with details otherwise.
 */
export function parseApiReportQuery(request: Request, now: Date, organizationTimeZone: string): ReportQuery {
  const parsed = parseReportQuery(reportSearchParams(new URL(request.url).searchParams), now, organizationTimeZone);
  if (parsed.ok) return parsed.query;
  const details = Object.entries(parsed.errors).flatMap(([field, messages]) => {
    const path = reportParamNames[field] ?? field;
    // The pages' field messages read after the field's name ("must be a date"); sentences stay as they are.
    return messages.map((message) => ({ path, message: /^[a-z]/.test(message) ? `${path} ${message}` : message }));
  });
  throw new AppError("unprocessable_entity", "The report's parameters are not valid.", { details });
}
