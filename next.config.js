/** @type {import('next').NextConfig} */
const nextConfig = {
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
