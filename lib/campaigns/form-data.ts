/**
 * FormData → a plain object for a zod schema: the named list fields (checkbox groups) as
 * arrays of every value, the rest as their one value. Files and React's own fields are left out.
 */
export function formFields(formData: FormData, listFields: readonly string[] = []): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const name of listFields) fields[name] = [];
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string" || name.startsWith("$ACTION")) continue;
    const list = fields[name];
    if (listFields.includes(name) && Array.isArray(list)) list.push(value);
    else fields[name] = value;
  }
  return fields;
}
