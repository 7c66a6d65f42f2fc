import { withoutNul } from "@/lib/forms/form-entries";

/**
 * FormData → a plain object for a zod schema: the named list fields (checkbox groups) as
 * arrays of every value, the rest as their one value. Files and React's own fields are left
 * out; anything that is not FormData (a direct POST to the action) reads as an empty form.
 */
export function formFields(formData: unknown, listFields: readonly string[] = []): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const name of listFields) fields[name] = [];
  if (!(formData instanceof FormData)) return fields;
  for (const [name, raw] of formData.entries()) {
    if (typeof raw !== "string" || name.startsWith("$ACTION")) continue;
    const value = withoutNul(raw);
    const list = fields[name];
    if (listFields.includes(name) && Array.isArray(list)) list.push(value);
    else fields[name] = value;
  }
  return fields;
}
