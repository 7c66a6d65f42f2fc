// `npm run redis:dev`: a local stand-in for Upstash Redis during development.
//
// Starts a throwaway redis-server on a free loopback port (nothing is kept on disk: data is gone
// when this stops) — or uses $REDIS_URL when set — plus the Upstash REST bridge on port 8079
// ($BRIDGE_PORT), and prints the two lines to put in `.env.local`. Ctrl-C stops both.
//
//   BRIDGE_PORT=8080 BRIDGE_TOKEN=secret npm run redis:dev
//   REDIS_URL=redis://127.0.0.1:6379 npm run redis:dev     # bridge only, in front of that Redis
import { startRedis } from "./services/redis.mjs";
import { startUpstashBridge } from "./upstash-bridge/bridge.mjs";

const port = Number(process.env.BRIDGE_PORT || 8079);
const token = process.env.BRIDGE_TOKEN || "dev-token";

async function main() {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid BRIDGE_PORT: ${process.env.BRIDGE_PORT}`);

  const redis = process.env.REDIS_URL ? undefined : await startRedis();
  const redisUrl = process.env.REDIS_URL || redis.url;
  let bridge;
  try {
    bridge = await startUpstashBridge({ redisUrl, token, port });
  } catch (error) {
    await redis?.stop();
    if (error.code === "EADDRINUSE") throw new Error(`Port ${port} is in use: set BRIDGE_PORT to another port`);
    throw error;
  }

  console.log(`redis-server:         ${redisUrl}${redis ? " (throwaway, not persisted)" : ""}`);
  console.log(`Upstash REST bridge:  ${bridge.url}`);
  console.log("\nPut these in .env.local:\n");
  console.log(`UPSTASH_REDIS_REST_URL=${bridge.url}`);
  console.log(`UPSTASH_REDIS_REST_TOKEN=${bridge.token}`);
  console.log("\nCtrl-C stops both.");

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await bridge.close();
    await redis?.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(`redis:dev failed: ${error.message}`);
  process.exit(1);
});
