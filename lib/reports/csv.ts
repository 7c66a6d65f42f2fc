// CSV as RFC 4180 describes it: CRLF line ends, a field quoted when it holds a comma, a
// double quote, CR or LF, and double quotes doubled inside quotes. Also quoted: a field with
// a semicolon, the delimiter of spreadsheets set to a semicolon locale (German, French, …).

const NEEDS_QUOTES = /[",;\r\n]/;
/**
 * A text cell starting with one of these is a formula to Excel and its kin ("CSV
 * injection"): campaign and placement names are typed by other people. Such a cell gets a
 * leading apostrophe, which spreadsheets show as text. Numbers of the reports never start so.
 * A semicolon-locale spreadsheet splits our lines at every semicolon and ignores quotes that
 * do not open its cell (so a line break in a quoted field ends its row there), so each piece
 * after a semicolon, CR or LF starts a cell too and is defused the same way. Spaces before
 * the character count as well, for importers that trim them.
 */
const FORMULA_STARTS = /(?<=^|[;\r\n])(?=[ ]*[=+\-@\t\r])/g;

export function csvField(value: string): string {
  const safe = value.replace(FORMULA_STARTS, "'");
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows (the first one the header) as a CSV document, each line ended by CRLF. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return rows.map((row) => `${row.map(csvField).join(",")}\r\n`).join("");
}
