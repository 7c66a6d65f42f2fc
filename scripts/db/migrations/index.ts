// Migrations through Prisma's schema engine compiled to WebAssembly: the same folders,
// SQL and `_prisma_migrations` history as the Prisma CLI, without its native engine
// (which it downloads from a host that offline machines cannot reach).
export { migrateDatabase, type MigrateResult } from "./migrate-database";
export { schemaDrift } from "./schema-drift";
export { diffMigrationsToSchema } from "./diff-migrations-to-schema";
export {
  createMigration,
  MIGRATION_NAME_PATTERN,
  type CreatedMigration,
  type CreateMigrationOptions,
} from "./create-migration";
export { MigrationError } from "./migration-error";
export { migrationPaths, type MigrationPaths } from "./migration-paths";
export { withSchemaEngine } from "./with-schema-engine";
