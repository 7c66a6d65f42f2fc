import path from "node:path";
import type { DatabaseTarget } from "@/lib/db/adapter";
import { migrationPaths, type MigrationPaths } from "./migration-paths";
import { MigrationError } from "./migration-error";
import { readSchema } from "./read-schema";
import { NO_EXTERNAL_ENTITIES, withSchemaEngine } from "./with-schema-engine";

/**
 * The SQL that would bring the database at `target` to schema.prisma, as the engine
 * computes it from the live catalog (`prisma migrate diff --from-config-datasource
 * --to-schema`). Empty string: no drift. `_prisma_migrations` is ignored by the engine.
 */
export async function schemaDrift(target: DatabaseTarget, paths: Partial<MigrationPaths> = {}): Promise<string> {
  const { schemaPath } = migrationPaths(paths);
  const files = await readSchema(schemaPath);
  return withSchemaEngine(target, async (engine) => {
    const result = await engine
      .diff({
        from: { tag: "schemaDatasource", files, configDir: path.dirname(schemaPath) },
        to: { tag: "schemaDatamodel", files },
        script: true,
        exitCode: true, // 0: no difference, 2: a difference
        filters: NO_EXTERNAL_ENTITIES,
      })
      .catch((error: unknown) => {
        throw MigrationError.fromEngine(error, "Could not compare the database with schema.prisma");
      });
    return result.exitCode === 0 ? "" : (result.stdout ?? "");
  });
}
