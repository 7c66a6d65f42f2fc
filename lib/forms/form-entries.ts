// A server action is a public endpoint: a direct POST can put anything where the form's
// FormData belongs (a string, nothing, extra arguments) and text with NUL characters, which
// PostgreSQL cannot store. Actions read their form through these, so such a post reads as a
// form with those fields missing, and the schema says what is missing, instead of throwing.

/** The submitted text fields by name (the last of repeated ones); files and React's own fields are left out. */
export function formEntries(formData: unknown): Record<string, string> {
  const entries: Record<string, string> = {};
  if (!(formData instanceof FormData)) return entries;
  for (const [name, value] of formData.entries()) {
    if (typeof value === "string" && !name.startsWith("$ACTION")) entries[name] = withoutNul(value);
  }
  return entries;
}

/** One submitted text field, or null. */
export function formEntry(formData: unknown, name: string): string | null {
  const value = formData instanceof FormData ? formData.get(name) : null;
  return typeof value === "string" ? withoutNul(value) : null;
}

/** NUL never belongs in text (and PostgreSQL refuses it): removed, like surrounding spaces are trimmed. */
export function withoutNul(value: string): string {
  return value.includes("\u0000") ? value.replaceAll("\u0000", "") : value;
}
