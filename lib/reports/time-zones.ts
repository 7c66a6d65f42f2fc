// The time zones a report can be read in. A fixed list, not any name the browser sends:
// every entry is known to both Intl (labels, buckets) and Postgres/PGlite (`AT TIME ZONE`).

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
