import type { Prisma } from "@/lib/generated/prisma/client";

// An edit's detail in the audit log: the fields that changed and their new values, as JSON
// (money columns are BigInt micro-units, written as strings; dates as ISO strings). Large
// text the log should not copy (a creative's HTML) is recorded by its length only.

export type AuditDetail = { [key: string]: Prisma.InputJsonValue | null };

/** An edit's detail: `{ changes: { field: newValue } }` (a type, not an interface: it is an AuditDetail too). */
export type ChangedFields = { changes: AuditDetail };

type Comparable = string | number | boolean | bigint | Date | null | undefined | readonly unknown[];

function jsonOf(value: unknown): Prisma.InputJsonValue | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => jsonOf(item));
  return value as Prisma.InputJsonValue;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(jsonOf(a)) === JSON.stringify(jsonOf(b));
}

/**
 * The fields of `after` whose value differs from `before`, with their new values; null when
 * nothing changed (a save without changes is not an event). Fields in `lengthOnly` are given
 * as `{ length }` of the new text.
 */
export function changedFields<Fields extends Record<string, Comparable>>(
  before: Fields,
  after: Fields,
  options: { lengthOnly?: readonly (keyof Fields)[] } = {},
): ChangedFields | null {
  const changes: AuditDetail = {};
  for (const field of Object.keys(after) as (keyof Fields & string)[]) {
    if (same(before[field], after[field])) continue;
    const value = after[field];
    changes[field] = options.lengthOnly?.includes(field) && typeof value === "string" ? { length: value.length } : jsonOf(value);
  }
  return Object.keys(changes).length > 0 ? { changes } : null;
}
