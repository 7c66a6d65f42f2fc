// The time zones a report can be read in: a fixed list, not any name the browser sends —
// every entry is known to both Intl (labels, buckets) and Postgres/PGlite (`AT TIME ZONE`) —
// plus the organisation's own zone (checked against Intl when it was chosen), the default.

export const REPORT_TIME_ZONES = [
  { id: "UTC", label: "UTC" },
  { id: "Europe/London", label: "London" },
  { id: "Europe/Berlin", label: "Berlin, Paris, Madrid, Rome" },
  { id: "Europe/Helsinki", label: "Helsinki, Kyiv, Athens" },
  { id: "America/New_York", label: "New York (Eastern)" },
  { id: "America/Chicago", label: "Chicago (Central)" },
  { id: "America/Denver", label: "Denver (Mountain)" },
  { id: "America/Los_Angeles", label: "Los Angeles (Pacific)" },
  { id: "America/Sao_Paulo", label: "São Paulo" },
  { id: "Asia/Dubai", label: "Dubai" },
  { id: "Asia/Kolkata", label: "India (UTC+05:30)" },
  { id: "Asia/Singapore", label: "Singapore" },
  { id: "Asia/Tokyo", label: "Tokyo" },
  { id: "Australia/Sydney", label: "Sydney" },
] as const;

export type ReportTimeZone = (typeof REPORT_TIME_ZONES)[number]["id"];

export const REPORT_TIME_ZONE_IDS = REPORT_TIME_ZONES.map((zone) => zone.id) as [ReportTimeZone, ...ReportTimeZone[]];

/** Whether a report may be read in `timeZone`: a listed zone, or the organisation's own. */
export function isReportTimeZone(timeZone: string, organizationTimeZone: string): boolean {
  return timeZone === organizationTimeZone || (REPORT_TIME_ZONE_IDS as readonly string[]).includes(timeZone);
}

/** The zone picker's options: the organisation's zone first (marked), then the list. */
export function reportTimeZoneOptions(organizationTimeZone: string): { value: string; label: string }[] {
  const listed = REPORT_TIME_ZONES.map((zone) => ({ value: zone.id as string, label: zone.id === "UTC" ? "UTC" : `${zone.id} — ${zone.label}` }));
  const own = listed.find((zone) => zone.value === organizationTimeZone);
  const first = { value: organizationTimeZone, label: `${own?.label ?? organizationTimeZone} (your organisation's zone)` };
  return [first, ...listed.filter((zone) => zone.value !== organizationTimeZone)];
}
