import { readFile } from "node:fs/promises";
import type { SchemaContainer } from "@prisma/schema-engine-wasm/schema_engine_bg";

/** schema.prisma as the engine's list of schema files (Marquee keeps a single file). */
export async function readSchema(schemaPath: string): Promise<SchemaContainer[]> {
  return [{ path: schemaPath, content: await readFile(schemaPath, "utf8") }];
}
