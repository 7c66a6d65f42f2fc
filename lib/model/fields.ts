// What the record ↔ domain mappings (./campaign.ts, ./creative.ts, ./placement.ts) share.

/**
 * Each column of a stored record that people set, with the field of the form (and of the
 * API's JSON, which uses the same names) that carries it. Several columns may share a field
 * (width and height are one "size").
 */
export type SettingFields<Record> = { readonly [Column in keyof Record]?: string };

/** The named fields of `record`, in the order given: a new object with only those. */
export function pickFields<Source, Field extends keyof Source>(record: Source, fields: readonly Field[]): Pick<Source, Field> {
  const picked = {} as Pick<Source, Field>;
  for (const field of fields) picked[field] = record[field];
  return picked;
}

/** The keys of a table, typed (Object.keys widens them to string). */
export function keysOf<Table extends object>(table: Table): (keyof Table)[] {
  return Object.keys(table) as (keyof Table)[];
}
