// Load on the tracking endpoints as browsers make it: every impression beacon is a NEW
// offer of a bench campaign, minted and signed here with the deployment's secret exactly as
// /api/serve would have minted it for the client that then sends the beacon — its viewer is
// the keyed hash of that client's address and User-Agent, its page the tag of the bench
// site's host — and POSTed from that client (its address in the platform's header, its
// User-Agent, `Origin: https://bench.example`) the way navigator.sendBeacon does. Every click
// is a GET of the redirect for an offer whose impression was counted, from the same client,
// with the page as Referer. So every event passes the invalid-traffic checks and is billed as
// real traffic is. The answers are kept, to check afterwards that what the server
// acknowledged is in the database, and VALID.
import { clickUrl, impressionUrl } from "@/lib/offers/offer-urls";
import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { ActivePlacement, ActiveSet } from "@/lib/ads/active-set";
import { viewerId } from "@/lib/offers/viewer";
import { hostTag } from "@/lib/http/page";
import { signOffer, type Offer } from "@/lib/offers/offer-token";
import { sleep } from "@/scripts/services/common.mjs";
import { BENCH_SITE_DOMAIN } from "@/bench/data/bench-data-set";
import { browserHeaders, randomClient, randomCountry, VISITORS, type BenchClient } from "./browser-headers";
import type { LoadTarget } from "./measure-against-ping";
import { runLoad } from "./run-load";

/** The page tag /api/serve signs into offers served on a page of the bench site. */
const BENCH_PAGE_TAG = hostTag(BENCH_SITE_DOMAIN);

export interface TrackingOutcome {
  impressions: {
    /** Beacons answered 204 + `Marquee-Event: counted`. */
    acknowledged: number;
    /** Of those, rows in the impression table. */
    persisted: number;
    /** All rows in the impression table (every beacon of the run so far; nothing else writes there). */
    rowsInTable: number;
    /** Marquee-Event values and statuses of all beacons. */
    events: Record<string, number>;
    /** Rows of the acknowledged impressions by validity (all VALID expected: the load is a browser on the site). */
    validity: Record<string, number>;
  };
  clicks: {
    /** Redirects answered 302 + `Marquee-Event: accepted`, distinct offers. */
    accepted: number;
    /** Of those, rows in the click table once the server's after() work has drained. */
    persisted: number;
    /** Click requests for an offer clicked before (only when the counted impressions ran out). */
    repeated: number;
    events: Record<string, number>;
    secondsToDrain: number;
    /** Rows of the accepted clicks by validity (all VALID expected). */
    validity: Record<string, number>;
  };
}

/** Whether every acknowledged event is persisted and VALID: what the tracking scenario must show. */
export function trackingSound(outcome: TrackingOutcome): boolean {
  const { impressions, clicks } = outcome;
  const allValid = (validity: Record<string, number>, expected: number) =>
    (validity.VALID ?? 0) === expected && Object.entries(validity).every(([name, rows]) => name === "VALID" || rows === 0);
  return (
    impressions.acknowledged === impressions.persisted &&
    clicks.accepted === clicks.persisted &&
    allValid(impressions.validity, impressions.persisted) &&
    allValid(clicks.validity, clicks.persisted)
  );
}

export class TrackingLoad {
  private readonly countedOffers: { offerId: string; token: string; client: BenchClient }[] = [];
  private readonly countedIds = new Set<string>();
  private readonly acceptedClicks = new Set<string>();
  private readonly impressionEvents: Record<string, number> = {};
  private readonly clickEvents: Record<string, number> = {};
  private clickCursor = 0;
  private repeatedClicks = 0;
  private clicksPerSecond = 300;
  private windowStarted = { at: Date.now(), cursor: 0 };
  private readonly placementsBySize = new Map<string, ActivePlacement[]>();

  constructor(
    private readonly set: ActiveSet,
    private readonly secret: string,
    private readonly concurrency: number,
  ) {
    for (const placement of set.placements) {
      const size = `${placement.width}x${placement.height}`;
      this.placementsBySize.set(size, [...(this.placementsBySize.get(size) ?? []), placement]);
    }
  }

  readonly impressions: LoadTarget = {
    id: "impressions",
    next: () => {
      const client = randomClient(VISITORS);
      const offer = this.mintOffer(client);
      const token = signOffer(offer, this.secret);
      return {
        method: "POST",
        path: impressionUrl("", token),
        headers: { ...browserHeaders(client, "origin"), "content-type": "text/plain;charset=UTF-8" },
        body: "",
        onResponse: (status, headers) => {
          const event = String(headers["marquee-event"] ?? `status ${status}`);
          this.impressionEvents[event] = (this.impressionEvents[event] ?? 0) + 1;
          if (status === 204 && event === "counted") {
            this.countedIds.add(offer.offerId);
            this.countedOffers.push({ offerId: offer.offerId, token, client });
          }
        },
      };
    },
  };

  private duplicateCursor = 0;

  /**
   * Beacons sent again for impressions counted before, as a browser retrying a beacon whose
   * answer it lost would: each should be answered "duplicate" (command-cost.ts counts them).
   * Their answers are not part of the outcome that verify() reports.
   */
  readonly duplicates: LoadTarget = {
    id: "duplicates",
    next: () => {
      const counted = this.countedOffers[this.duplicateCursor++ % Math.max(1, this.countedOffers.length)];
      if (!counted) throw new Error("No counted impression to send again yet");
      return {
        method: "POST",
        path: impressionUrl("", counted.token),
        headers: { ...browserHeaders(counted.client, "origin"), "content-type": "text/plain;charset=UTF-8" },
        body: "",
      };
    },
  };

  readonly clicks: LoadTarget = {
    id: "clicks",
    // Every click should be the first of its offer: before each window, beacons (untimed)
    // until there are more counted impressions than the window is expected to click.
    prepare: async (origin, windowSeconds) => {
      const needed = Math.ceil(this.clicksPerSecond * windowSeconds * 1.6);
      while (this.unclickedImpressions < needed) {
        const before = this.countedOffers.length;
        await runLoad({ origin, concurrency: this.concurrency, durationMs: 1_000, next: this.impressions.next });
        if (this.countedOffers.length === before) throw new Error(`Beacons are not being counted: ${JSON.stringify(this.impressionEvents)}`);
      }
      this.windowStarted = { at: Date.now(), cursor: this.clickCursor + this.repeatedClicks };
    },
    next: () => {
      this.noteClickRate();
      let clicked = this.countedOffers[this.clickCursor];
      if (clicked) {
        this.clickCursor += 1;
      } else {
        // More clicks than counted impressions so far: click one again (a duplicate).
        this.repeatedClicks += 1;
        clicked = this.countedOffers[Math.floor(Math.random() * this.countedOffers.length)];
        if (!clicked) throw new Error("No counted impression to click yet");
      }
      const { offerId, token, client } = clicked;
      return {
        path: clickUrl("", token),
        // A click is a navigation from the page: Referer, not Origin.
        headers: browserHeaders(client, "referer"),
        onResponse: (status, headers) => {
          const event = String(headers["marquee-event"] ?? `status ${status}`);
          this.clickEvents[event] = (this.clickEvents[event] ?? 0) + 1;
          if (status === 302 && event === "accepted") this.acceptedClicks.add(offerId);
        },
      };
    },
  };

  /** Click rate of the last window (a guess of 300/s before the first). */
  private noteClickRate() {
    const { at, cursor } = this.windowStarted;
    const seconds = (Date.now() - at) / 1000;
    if (seconds >= 1) this.clicksPerSecond = (this.clickCursor + this.repeatedClicks - cursor) / seconds;
  }

  /** Impressions counted and not clicked yet. */
  get unclickedImpressions(): number {
    return this.countedOffers.length - this.clickCursor;
  }

  /**
   * Compares the answers with the database. Clicks are recorded after the redirect was sent
   * (Next.js `after()`), so their rows are awaited until the count stops moving.
   */
  async verify(db: pg.Pool, options: { drainTimeoutMs?: number } = {}): Promise<TrackingOutcome> {
    const counted = [...this.countedIds];
    const accepted = [...this.acceptedClicks];
    const count = async (sql: string, values: unknown[] = []) => Number((await db.query<{ n: string }>(sql, values)).rows[0]!.n);

    const started = Date.now();
    const deadline = started + (options.drainTimeoutMs ?? 30_000);
    let clicksPersisted = -1;
    for (;;) {
      const now = await count(`SELECT count(*) AS n FROM "click" WHERE "offerId" = ANY($1::text[])`, [accepted]);
      if (now === accepted.length || now === clicksPersisted || Date.now() > deadline) {
        clicksPersisted = now;
        break;
      }
      clicksPersisted = now;
      await sleep(1_000);
    }
    const secondsToDrain = (Date.now() - started) / 1000;
    const byValidity = async (table: "impression" | "click", offerIds: string[]) =>
      Object.fromEntries(
        (
          await db.query<{ validity: string; n: string }>(
            `SELECT "validity"::text AS validity, count(*) AS n FROM "${table}" WHERE "offerId" = ANY($1::text[]) GROUP BY 1 ORDER BY 1`,
            [offerIds],
          )
        ).rows.map((row) => [row.validity, Number(row.n)]),
      );
    return {
      impressions: {
        acknowledged: counted.length,
        persisted: await count(`SELECT count(*) AS n FROM "impression" WHERE "offerId" = ANY($1::text[])`, [counted]),
        rowsInTable: await count(`SELECT count(*) AS n FROM "impression"`),
        events: { ...this.impressionEvents },
        validity: await byValidity("impression", counted),
      },
      clicks: {
        accepted: accepted.length,
        persisted: clicksPersisted,
        repeated: this.repeatedClicks,
        events: { ...this.clickEvents },
        secondsToDrain,
        validity: await byValidity("click", accepted),
      },
    };
  }

  /** The offer /api/serve would hand `client` on a page of the bench site (issued now). */
  private mintOffer(client: BenchClient): Offer {
    const campaigns = this.set.campaigns;
    const campaign = campaigns[Math.floor(Math.random() * campaigns.length)]!;
    const creative = campaign.creatives[Math.floor(Math.random() * campaign.creatives.length)]!;
    const placements = this.placementsBySize.get(`${creative.width}x${creative.height}`) ?? this.set.placements;
    const issuedAt = Math.floor(Date.now() / 1000);
    return {
      offerId: randomBytes(12).toString("base64url"),
      campaignId: campaign.id,
      creativeId: creative.id,
      placementId: placements[Math.floor(Math.random() * placements.length)]!.id,
      pricingModel: campaign.pricingModel,
      priceMicros: campaign.priceMicros,
      issuedAt,
      country: randomCountry(),
      device: "DESKTOP",
      viewer: viewerId({ address: client.address, userAgent: client.userAgent, atSeconds: issuedAt }, this.secret),
      capPeriodSeconds: campaign.frequencyCap?.periodSeconds ?? 0,
      page: BENCH_PAGE_TAG,
    };
  }
}
