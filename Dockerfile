# syntax=docker/dockerfile:1
# Marquee's self-hosted image (README, "Self-host with Docker"):
#
#   docker build -t marquee .
#   docker run -p 3000:3000 -e DATABASE_URL=… -e REDIS_URL=… -e MARQUEE_SECRET=… marquee
#
# The runtime stage holds only the folder scripts/standalone/assemble.mjs makes from the build
# (Next's standalone output, Marquee's server, the bundled database preparation, migrations):
# tests/e2e/standalone.spec.ts assembles the same folder and runs it with this file's ENV, CMD
# and HEALTHCHECK, read from here.
#
# Node.js 24, an LTS line (security releases until April 2028), the major Vercel's functions
# run (package.json engines). Node 20 reached its end of life on 2026-04-30; on the same build,
# Node 24 took 10-40 % less of the server's CPU a request (README, Benchmark).
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /src
ENV CHECKPOINT_DISABLE=1 NEXT_TELEMETRY_DISABLED=1
# npm ci's postinstall generates the Prisma client: it reads the schema and its config.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma/schema.prisma prisma/
COPY scripts/prisma-generate.mjs scripts/
RUN npm ci

FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV CHECKPOINT_DISABLE=1 NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /src/node_modules node_modules
COPY . .
RUN npm run build && node scripts/standalone/assemble.mjs /marquee

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# HOSTNAME: Docker sets it to the container's name, on which the server would listen alone.
ENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0 NEXT_TELEMETRY_DISABLED=1
# Owned by root and read-only to the server; .data is where an embedded database would live.
COPY --from=build /marquee ./
RUN mkdir .data && chown node:node .data
USER node
EXPOSE 3000
# Node's own fetch: the slim image has no curl.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Pending migrations (MIGRATE_ON_START=0 skips them), then Marquee's server.
CMD ["node", "scripts/standalone/start.mjs"]
