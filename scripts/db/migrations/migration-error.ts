// Errors the migration commands report to people: one line, no Rust backtrace, naming
// the migration concerned when there is one.
export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MigrationError";
  }

  /**
   * The useful part of an error thrown by the wasm schema engine. Its messages carry a
   * Rust span trace ("   0: sql_schema_connector::…") after the text, and a Prisma error
   * code (`P3009`, …) as a `code` property.
   */
  static fromEngine(error: unknown, context?: string): MigrationError {
    if (error instanceof MigrationError) return error;
    const raw = error instanceof Error ? error.message : String(error);
    const lines: string[] = [];
    for (const line of raw.split("\n")) {
      if (/^\s*\d+: /.test(line)) break; // start of the span trace
      if (line.trim() !== "") lines.push(line.trim());
    }
    // Errors from our driver adapter come as "external connector error" + the database's words.
    if (lines.length > 1 && lines[0] === "external connector error") lines.shift();
    const code = (error as { code?: unknown } | null)?.code;
    const text = (typeof code === "string" && /^P\d{4}$/.test(code) ? `${code}: ` : "") + lines.join(" ");
    return new MigrationError(context ? `${context}: ${text}` : text, { cause: error });
  }
}
