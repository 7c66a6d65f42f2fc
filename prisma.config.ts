import { defineConfig } from "prisma/config";

// The Prisma CLI is used for `prisma generate` (offline) and, on machines that reach
// Prisma's binaries host (e.g. a Vercel build), `prisma migrate deploy`.
// Locally, migrations run through scripts/db (Prisma's WebAssembly schema engine).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
