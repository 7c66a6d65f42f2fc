import "server-only";
import { activeCampaigns, invalidateActiveCampaigns } from "@/lib/cache";
import { env } from "@/lib/config/env";
import type { Defer } from "@/lib/http/after-response";
import { prisma } from "@/lib/db";
import type { RequestLog } from "@/lib/log/request-log";
import { throttledLog, withFields } from "@/lib/log/throttled-log";
import { publicLimiter } from "@/lib/rate-limit";
import { store } from "@/lib/redis";
import { budgetExhaustedNotifier, deliversCampaign } from "./budget-exhausted";
import type { ClickContext } from "./track-click";

// The process-wide parts of the tracking routes' dependencies, made once.
// Not when the set this instance serves from (≤ 1 s old) already stops the campaign.
const onBudgetExhausted = budgetExhaustedNotifier(() => invalidateActiveCampaigns(), {
  stillDelivered: async (campaignId) => deliversCampaign(await activeCampaigns().get(), campaignId, Date.now()),
});
const log = throttledLog();

/**
 * Everything the impression and click handlers need, with `defer` the route's after() and
 * degraded outcomes logged (throttled) with the request's id and route.
 */
export function trackingContext(defer: Defer, request: RequestLog): ClickContext {
  const config = env();
  return {
    prisma,
    store: store(),
    policy: config.invalidTraffic,
    secret: config.MARQUEE_SECRET,
    limiter: publicLimiter(),
    onBudgetExhausted,
    defer,
    log: withFields(log, request.fields),
    activeSet: () => activeCampaigns().get(),
  };
}
