import { defineConfig } from "prisma/config";
import { parseEnv } from "./lib/config/env";

// The Prisma CLI is used for `prisma generate` (offline) and, on machines that reach
// Prisma's binaries host, `prisma migrate deploy`. Locally and in the Vercel build, migrations
// run through scripts/db (Prisma's WebAssembly schema engine). Either way they go to the
// database's direct URL (DATABASE_URL_UNPOOLED, POSTGRES_URL_NON_POOLING…: lib/config/env.ts),
// never through a transaction pooler.
function migrationUrl(): string | undefined {
  try {
    const { database } = parseEnv(process.env, { startup: false });
    return database.kind === "postgres" ? database.migrationUrl : undefined;
  } catch {
    // A variable `prisma generate` does not need is invalid: the server names it when it starts.
    return process.env.DATABASE_URL;
  }
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: migrationUrl() ?? "postgresql://localhost:5432/unused" },
});
