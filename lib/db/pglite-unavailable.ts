// What `@electric-sql/pglite` and `pglite-prisma-adapter` resolve to in a Vercel build
// (next.config.js): the embedded database never runs there — a deployment without a database
// URL refuses to start (lib/config/env.ts) — so its WebAssembly and data files (~17 MB) stay
// out of every function. Reached anyway, it says why instead of failing to find a module.
const MESSAGE = "The embedded database (PGlite) is not part of a Vercel build: set DATABASE_URL or add a Postgres integration";

export class PGlite {
  constructor() {
    throw new Error(MESSAGE);
  }
}

export class PrismaPGlite {
  constructor() {
    throw new Error(MESSAGE);
  }
}
