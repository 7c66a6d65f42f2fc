import type { StoreHandle } from "@/lib/redis/create-store";
import type { ProbeOutcome } from "./cached-probe";
import type { ComponentState } from "./check-health";

/**
 * Redis as this instance's circuit breaker sees it, without a round trip of its own: the
 * breaker watches every real call and, while open, probes in the background until Redis
 * answers. Only before the first call has answered ("unknown") is Redis asked, through the
 * shared `ping` probe. So a health check costs no Upstash command (they are billed), and says
 * what serving experiences; an idle instance learns of an outage with its next request.
 */
export async function cacheState(handle: StoreHandle, ping: () => Promise<ProbeOutcome>): Promise<ComponentState> {
  if (!handle.breaker) return "not-configured";
  const { state } = handle.breaker.snapshot();
  if (state === "closed") return "ok";
  if (state === "open") return "down";
  return ping();
}
