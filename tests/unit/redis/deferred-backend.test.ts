import { describe, expect, it } from "vitest";
import { DeferredBackend } from "@/lib/redis/deferred-backend";
import type { StoreBackend, StoreCommand } from "@/lib/redis/store";

function recordingBackend(log: string[]): StoreBackend {
  return {
    kind: "redis",
    exec: async (commands: readonly StoreCommand[]) => {
      log.push(`exec ${commands.map((command) => command.op).join(",")}`);
      return commands.map(() => "OK");
    },
    ping: async () => {
      log.push("ping");
    },
    close: async () => {
      log.push("close");
    },
  };
}

describe("DeferredBackend", () => {
  it("starts loading at construction, once, and hands every call to what it loaded", async () => {
    const log: string[] = [];
    let loads = 0;
    const backend = new DeferredBackend("redis", async () => {
      loads += 1;
      return recordingBackend(log);
    });
    expect(loads).toBe(1);
    expect(backend.kind).toBe("redis");
    await expect(backend.exec([{ op: "get", key: "a" }])).resolves.toEqual(["OK"]);
    await backend.ping();
    await backend.close();
    expect(loads).toBe(1);
    expect(log).toEqual(["exec get", "ping", "close"]);
  });

  it("a failed load rejects each call with its error, and nothing is left unhandled", async () => {
    const backend = new DeferredBackend("redis", () => Promise.reject(new Error("module not found")));
    // Give an unhandled rejection the chance to surface before anything awaits the load.
    await new Promise((resolve) => setImmediate(resolve));
    await expect(backend.exec([{ op: "get", key: "a" }])).rejects.toThrow("module not found");
    await expect(backend.ping()).rejects.toThrow("module not found");
  });
});
