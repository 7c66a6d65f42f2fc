// CPU of the invalid-traffic work in the request paths (issue 11), in this process, no I/O:
//  - serving: the two keyed hashes every /api/serve request computes whatever
//    INVALID_TRAFFIC_FILTER says — the viewer (lib/offers/viewer.ts viewerId: address +
//    User-Agent) and the offer's draw (HMAC of viewer, placement, slot, 5-second window, as in
//    lib/ads/serve-ad.ts), on top of the offer's signature that serving always had;
//  - tracking: judgeEvent (lib/tracking/invalid-traffic.ts) on a beacon's evidence with the
//    filter on (isbot, the viewer hash, the page's host tag) and off (the client hash only).
// The database's per-client rate check is not here: it is measured with the servers
// (the filter-cost scenario of bench/run.ts).
import { createHmac } from "node:crypto";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { viewerId } from "@/lib/offers/viewer";
import { hostTag } from "@/lib/http/page";
import { judgeEvent } from "@/lib/tracking/invalid-traffic";
import type { Offer } from "@/lib/offers/offer-token";
import { BENCH_SITE_DOMAIN } from "@/bench/data/bench-data-set";
import { browserHeaders, randomClient } from "@/bench/load/browser-headers";
import { median } from "@/bench/load/statistics";

export interface FilterCpuResult {
  /** viewerId + the draw's HMAC, per serve request. */
  serveHashesMicroseconds: number;
  /** judgeEvent of a valid beacon, filter on. */
  judgeOnMicroseconds: number;
  /** judgeEvent, filter off (what remains: the client hash for the database). */
  judgeOffMicroseconds: number;
}

const VARIANTS = 1_024;

export async function measureFilterCpu(options: { secret: string; rounds: number; iterations: number; signal?: AbortSignal }): Promise<FilterCpuResult> {
  const now = Math.floor(Date.now() / 1000);
  const requests = Array.from({ length: VARIANTS }, () => {
    const client = randomClient();
    const issuedAt = now - (now % 5);
    const offer: Offer = {
      offerId: "bench-offer-id-0123456",
      campaignId: "bench-c-00001",
      creativeId: "bench-c-00001-k1",
      placementId: "bench-p-001",
      pricingModel: "CPM",
      priceMicros: 2_000_000,
      issuedAt,
      country: "US",
      device: "DESKTOP",
      viewer: viewerId({ address: client.address, userAgent: client.userAgent, atSeconds: issuedAt }, options.secret),
      capPeriodSeconds: 0,
      page: hostTag(BENCH_SITE_DOMAIN),
    };
    return { client, offer, headers: new Headers(browserHeaders(client, "origin")) };
  });

  let sink = 0;
  const serveHashes = (i: number) => {
    const { client, offer } = requests[i % VARIANTS]!;
    const viewer = viewerId({ address: client.address, userAgent: client.userAgent, atSeconds: offer.issuedAt }, options.secret);
    const draw = createHmac("sha256", options.secret).update(`offer\n${viewer}\n${offer.placementId}\n0\n${offer.issuedAt}`).digest();
    sink += draw[0]!;
  };
  const judge = (enabled: boolean) => (i: number) => {
    const { client, offer, headers } = requests[i % VARIANTS]!;
    const verdict = judgeEvent({ kind: "impression", headers, address: client.address, offer, secret: options.secret, enabled });
    if (verdict.validity !== "VALID") throw new Error(`The bench's beacon was judged ${verdict.validity}`);
    sink += verdict.client.length;
  };

  const time = async (work: (i: number) => void) => {
    for (let i = 0; i < options.iterations; i += 1) work(i); // warm-up
    const rounds: number[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      if (options.signal?.aborted) throw new Error("aborted");
      await yieldToEventLoop();
      const started = process.hrtime.bigint();
      for (let i = 0; i < options.iterations; i += 1) work(i);
      rounds.push(Number(process.hrtime.bigint() - started) / 1e3 / options.iterations);
    }
    return median(rounds);
  };

  const result = {
    serveHashesMicroseconds: await time(serveHashes),
    judgeOnMicroseconds: await time(judge(true)),
    judgeOffMicroseconds: await time(judge(false)),
  };
  if (sink === -1) console.log(sink); // keep the work observable
  return result;
}
