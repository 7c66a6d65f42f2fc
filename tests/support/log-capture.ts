// A structured logger (lib/log/logger.ts) whose lines a test reads back: as written, and parsed.
import { Writable } from "node:stream";
import { createLogger, type LogLevel } from "@/lib/log/logger";

export function captureLog(level: LogLevel = "info") {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { logger: createLogger({ level, destination }), lines, raw };
}
