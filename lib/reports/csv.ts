// CSV as RFC 4180 describes it: CRLF line ends, a field quoted when it holds a comma, a
// double quote, CR or LF, and double quotes doubled inside quotes.

const NEEDS_QUOTES = /[",\r\n]/;
/**
 * A text cell starting with one of these is a formula to Excel and its kin ("CSV
 * injection"): campaign and placement names are typed by other people. Such a cell gets a
 * leading apostrophe, which spreadsheets show as text. Numbers of the reports never start so.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows (the first one the header) as a CSV document, each line ended by CRLF. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return rows.map((row) => `${row.map(csvField).join(",")}\r\n`).join("");
}
