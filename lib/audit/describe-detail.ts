// An event's detail in words, for the dashboard's table: one short line per fact. The stored
// JSON is whatever the writer recorded (changed-fields.ts for edits), read defensively: an
// old or unknown shape is shown as JSON rather than dropped.

const MAX_VALUE_LENGTH = 80;

function valueText(value: unknown): string {
  if (value === null) return "none";
  if (typeof value === "object" && !Array.isArray(value) && typeof (value as { length?: unknown }).length === "number") {
    return `${(value as { length: number }).length.toLocaleString("en-GB")} characters`;
  }
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map((item) => (typeof item === "string" ? item : JSON.stringify(item))).join(", ");
  if (typeof value === "object") {
    const named = value as { name?: unknown };
    if (typeof named.name === "string") return named.name;
  }
  const text = typeof value === "string" ? `“${value}”` : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

export function describeAuditDetail(detail: unknown): string[] {
  if (detail === null || typeof detail !== "object" || Array.isArray(detail)) return detail == null ? [] : [JSON.stringify(detail)];
  const lines: string[] = [];
  for (const [key, value] of Object.entries(detail)) {
    if (key === "changes" && value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [field, changed] of Object.entries(value)) lines.push(`${field} → ${valueText(changed)}`);
    } else if (key === "resubmittedForReview") {
      if (value === true) lines.push("sent back to review");
    } else {
      lines.push(`${key}: ${valueText(value)}`);
    }
  }
  return lines;
}
