import type { StoreCommand } from "./store";

/**
 * A Redis reply → the store's result type for the command, the same for every client:
 * ioredis and @upstash/redis differ only in how HGETALL arrives (an object, or the flat
 * RESP2 array when automatic deserialization is off).
 */
export function translateReply(command: StoreCommand, result: unknown): unknown {
  switch (command.op) {
    case "get":
      return result ?? null;
    case "mget":
      return (result as (string | null)[]).map((value) => value ?? null);
    case "set":
      return true;
    case "setIfAbsent":
      return result !== null; // "OK" when created, null when the key existed
    case "del":
    case "incrBy":
    case "hincrBy":
    case "hset":
    case "hsetIfAbsent":
    case "hdel":
    case "exists":
    case "hlen":
      return Number(result);
    case "getRange":
      return result === null || result === undefined ? "" : String(result);
    case "hgetAll":
      return toRecord(result);
    case "hscanFirst":
      // [next cursor, flat field/value array]: the page only (the caller starts from 0 again).
      return toRecord(Array.isArray(result) ? result[1] : []);
  }
}

function toRecord(result: unknown): Record<string, string> {
  if (!Array.isArray(result)) return result && typeof result === "object" ? { ...(result as Record<string, string>) } : {};
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < result.length; i += 2) record[String(result[i])] = String(result[i + 1]);
  return record;
}
