import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { DatabaseTarget } from "@/lib/db/adapter";
import { withSchemaEngineModule } from "./load-schema-engine";
import { openMigrationAdapter } from "./migration-adapter";
import { MigrationError } from "./migration-error";

/** Marquee has no externally managed tables or enums (prisma.config.ts `tables.external`). */
export const NO_EXTERNAL_ENTITIES: SchemaFilter = { externalTables: [], externalEnums: [] };

/**
 * Runs `use` with a wasm schema engine connected to `target` through a migration-aware
 * driver adapter, then frees the engine and closes the connection (the engine never
 * disposes its main connection itself, and an open PGlite or pg pool would keep the
 * process alive).
 */
export function withSchemaEngine<T>(target: DatabaseTarget, use: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  return withSchemaEngineModule(async (wasm) => {
    const adapter = openMigrationAdapter(target);
    try {
      const engine = await wasm.SchemaEngine.new(
        { datamodels: undefined },
        () => {}, // the engine's tracing log lines; its errors reach us as rejections
        bindMigrationAwareSqlAdapterFactory(adapter.factory),
      ).catch((error: unknown) => {
        throw MigrationError.fromEngine(error, "Could not connect to the database");
      });
      try {
        return await use(engine);
      } finally {
        engine.free();
      }
    } finally {
      await adapter.close();
    }
  });
}
