import "server-only";
import { activeCampaigns, invalidateActiveCampaigns } from "@/lib/cache";
import { env } from "@/lib/config/env";
import type { Defer } from "@/lib/http/after-response";
import { prisma } from "@/lib/db";
import { log as processLog } from "@/lib/log/logger";
import { sendEach } from "@/lib/mail/send-mail";
import type { RequestLog } from "@/lib/log/request-log";
import { describeError, throttledLog, withFields } from "@/lib/log/throttled-log";
import { publicLimiter } from "@/lib/rate-limit";
import { store } from "@/lib/redis";
import { budgetExhaustedNotifier, deliversCampaign } from "./budget-exhausted";
import { budgetSpentMailer } from "./budget-spent-mail";
import type { ClickContext } from "./track-click";

// The process-wide parts of the tracking routes' dependencies, made once.
// A spent campaign: every instance drops its set — not when the set this instance serves from
// (≤ 1 s old) already stops it — and the advertiser is told if the total budget ran out.
const stopDelivery = budgetExhaustedNotifier(() => invalidateActiveCampaigns(), {
  stillDelivered: async (campaignId) => deliversCampaign(await activeCampaigns().get(), campaignId, Date.now()),
});
const tellAdvertiser = budgetSpentMailer({ prisma, send: sendEach }, (campaignId, error) =>
  processLog().error({ outcome: "budget_mail_failed", campaignId, error: describeError(error) }, "The advertiser could not be told that a campaign's budget is spent"),
);
const onBudgetExhausted = (campaignId: string) => Promise.all([stopDelivery(campaignId), tellAdvertiser(campaignId)]).then(() => undefined);
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
