import path from "node:path";

/** Where the Prisma schema and the migrations folder are (as in prisma.config.ts). */
export interface MigrationPaths {
  schemaPath: string;
  migrationsDir: string;
}

/**
 * Prisma's layout, relative to the working directory like prisma.config.ts is: npm
 * scripts and the test runner run from the repository root. Tests pass their own folders.
 */
export function migrationPaths(overrides: Partial<MigrationPaths> = {}): MigrationPaths {
  return {
    schemaPath: path.resolve(overrides.schemaPath ?? "prisma/schema.prisma"),
    migrationsDir: path.resolve(overrides.migrationsDir ?? "prisma/migrations"),
  };
}
