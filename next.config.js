/** @type {import('next').NextConfig} */
const nextConfig = {
  // Separate build folders let several builds run side by side (e.g. parallel test runs).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // PGlite loads its WebAssembly and data files from its own package folder at run time,
  // and Prisma's driver adapters must not be bundled twice: keep them as plain Node modules.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "pg",
    "ioredis",
  ],
  poweredByHeader: false,
  reactStrictMode: true,
};

module.exports = nextConfig;
