/** @type {import('next').NextConfig} */
const nextConfig = {
  // Separate build folders let several builds run side by side (e.g. parallel test runs).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // A self-contained server folder (<distDir>/standalone) with only the files the server needs:
  // the Docker image is assembled from it (scripts/standalone/assemble.mjs).
  output: "standalone",
  // PGlite loads its WebAssembly and data files from its own package folder at run time,
  // and Prisma's driver adapters must not be bundled twice: keep them as plain Node modules.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "pg",
    // DATABASE_DRIVER=neon (lib/db/adapter.ts): ws has optional native helpers a bundle breaks.
    "@prisma/adapter-neon",
    "@neondatabase/serverless",
    "ws",
    "ioredis",
  ],
  // On Vercel the embedded database never runs (a database URL is required there): PGlite is
  // replaced by a stub, so its WebAssembly and data files (~17 MB) ride in no function. (Tracing
  // excludes would not do: Turbopack applies none to instrumentation's trace, which every
  // function includes.)
  ...(process.env.VERCEL && {
    turbopack: {
      resolveAlias: {
        "@electric-sql/pglite": "./lib/db/pglite-unavailable.ts",
        "pglite-prisma-adapter": "./lib/db/pglite-unavailable.ts",
      },
    },
  }),
  poweredByHeader: false,
  experimental: {
    // Next loads every page's code right after a server starts, in the background; a new
    // instance's first ads then wait behind the dashboard's modules (a cold start measured
    // 1.9× the empty route's with it, in npm run bench). Each route loads on its first request
    // instead, as on Vercel, where a function holds its own routes only.
    preloadEntriesOnStart: false,
  },
  // The build type-checks what it ships (app/, components/, lib/); the tests, benchmark and
  // scripts are type-checked by the suite (tests/unit/typecheck.test.ts).
  typescript: { tsconfigPath: "tsconfig.build.json" },
  async headers() {
    return [
      { source: "/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }] },
      {
        // The dashboard and every page for people (not the public ad endpoints, which
        // publisher pages call and embed): never framed elsewhere, referrers trimmed. Their
        // Content-Security-Policy carries a per-request script nonce: see proxy.ts.
        source: "/((?!api/|c(?:/|$)|embed\\.js).*)",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
  reactStrictMode: true,
};

module.exports = nextConfig;
