// A server action is a public endpoint: a direct POST can put anything where the form's
// FormData belongs (a string, nothing, extra arguments) and text with NUL characters, which
// PostgreSQL cannot store. Actions read their form through these, so such a post reads as a
// form with those fields missing, and the schema says what is missing, instead of throwing.

/**
 * FormData → a plain object for a zod schema: the named list fields (checkbox groups) as
 * arrays of every value, the rest as their one value (the last of repeated ones). Files and
 * React's own fields are left out; anything that is not FormData reads as an empty form.
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

/**
 * The named file fields' bytes. A file input with nothing chosen (it posts a nameless, empty
 * file) and a text value in a file field's place are left out, as if the field were absent.
 */
export async function formFiles(formData: unknown, names: readonly string[]): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = {};
  if (!(formData instanceof FormData)) return files;
  for (const name of names) {
    const file = formData.get(name);
    if (file instanceof File && !(file.size === 0 && file.name === "")) files[name] = new Uint8Array(await file.arrayBuffer());
  }
  return files;
}

/** One submitted text field (the first of repeated ones), or null. */
export function formEntry(formData: unknown, name: string): string | null {
  const value = formData instanceof FormData ? formData.get(name) : null;
  return typeof value === "string" ? withoutNul(value) : null;
}

/** NUL never belongs in text (and PostgreSQL refuses it): removed, like surrounding spaces are trimmed. */
export function withoutNul(value: string): string {
  return value.includes("\u0000") ? value.replaceAll("\u0000", "") : value;
}
