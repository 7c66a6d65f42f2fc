// Typed access, from tests, to the throwaway services of scripts/services (the same modules
// that `npm test` uses to start the suite's PostgreSQL and Redis).
//
//   const url = requireEnv("TEST_POSTGRES_URL");      // the suite's shared server
//   const redis = await startRedis();                 // a private one a test may kill/freeze
//   afterAll(() => redis.stop());
export { startPostgres } from "../../scripts/services/postgres.mjs";
export type { PostgresOptions, PostgresServer } from "../../scripts/services/postgres.mjs";
export { pingRedis, startRedis } from "../../scripts/services/redis.mjs";
export type { RedisOptions, RedisServer } from "../../scripts/services/redis.mjs";
export { findPostgresBin, freePort, sleep, waitFor } from "../../scripts/services/common.mjs";

/** Variables that `npm test` (scripts/test.mjs) sets for the test runners. */
export type TestEnvName = "TEST_POSTGRES_URL" | "TEST_REDIS_URL" | "E2E_PORT" | "E2E_PGLITE_DATA_DIR";

/** The value of a variable that `npm test` sets; a clear error when a test runs without it. */
export function requireEnv(name: TestEnvName | (string & {})): string {
  const value = process.env[name];
  if (!value) throw new Error(`Run the suite with npm test: ${name} is not set`);
  return value;
}
