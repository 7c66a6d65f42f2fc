/**
 * A UTC instant as the text of a timestamp without time zone, the type Prisma stores DateTime
 * in: written `${timestampParameter(instant)}::timestamp` in raw SQL. Compared as such (not as
 * a timestamptz parameter), the result never depends on the session's TimeZone setting.
 */
export function timestampParameter(instant: Date): string {
  return instant.toISOString().replace("T", " ").replace("Z", "");
}
