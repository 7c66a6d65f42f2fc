-- CreateEnum
CREATE TYPE "EventValidity" AS ENUM ('VALID', 'BOT', 'CLIENT_MISMATCH', 'RATE_LIMIT', 'OFF_DOMAIN');

-- AlterTable
ALTER TABLE "click" ADD COLUMN     "pageHost" TEXT,
ADD COLUMN     "validity" "EventValidity" NOT NULL DEFAULT 'VALID',
ADD COLUMN     "client" TEXT;

-- AlterTable
ALTER TABLE "hourly_stat" DROP CONSTRAINT "hourly_stat_pkey",
ADD COLUMN     "validity" "EventValidity" NOT NULL DEFAULT 'VALID',
ADD CONSTRAINT "hourly_stat_pkey" PRIMARY KEY ("hour", "campaignId", "creativeId", "placementId", "country", "device", "validity");

-- AlterTable
ALTER TABLE "impression" ADD COLUMN     "pageHost" TEXT,
ADD COLUMN     "validity" "EventValidity" NOT NULL DEFAULT 'VALID',
ADD COLUMN     "client" TEXT;

-- AlterTable
ALTER TABLE "site" ADD COLUMN     "extraDomains" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "rate_counter" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "rate_counter_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "off_domain_stat" (
    "day" DATE NOT NULL,
    "placementId" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "impressions" INTEGER NOT NULL DEFAULT 0,
    "clicks" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "off_domain_stat_pkey" PRIMARY KEY ("day","placementId","host")
);

-- CreateIndex
CREATE INDEX "rate_counter_expiresAt_idx" ON "rate_counter"("expiresAt");

-- CreateIndex
CREATE INDEX "off_domain_stat_placementId_day_idx" ON "off_domain_stat"("placementId", "day");

-- CreateIndex
CREATE INDEX "click_client_occurredAt_idx" ON "click"("client", "occurredAt");

-- CreateIndex
CREATE INDEX "impression_client_placementId_occurredAt_idx" ON "impression"("client", "placementId", "occurredAt");

-- Tracking with validity. Each event is VALID (billed) or invalid with a reason; invalid
-- events are stored and rolled up (for the reports) but charge nothing. The request-level
-- reasons (bot, client mismatch, off-domain page) are decided by the app and passed in; the
-- rate reason is decided here, against the events of the same client already stored, so it
-- holds across any number of instances, with or without Redis.
DROP FUNCTION marquee_record_click(TEXT, TIMESTAMP(3), BIGINT);
DROP FUNCTION marquee_record_impression(TEXT, TEXT, TEXT, TEXT, TIMESTAMP(3), TEXT, "DeviceType", BIGINT);

-- Records an impression once: the insert on the offer id decides (a concurrent duplicate
-- waits on the first one's row lock, then inserts nothing). A VALID impression becomes
-- RATE_LIMIT when the client already has p_view_limit impressions of this placement within
-- p_view_window_seconds (0 turns the check off). Only a VALID impression is charged, guarded
-- by the budgets (one redeemed after the budget ran out is kept, unbilled); the hourly rollup
-- row of its validity moves with it.
CREATE FUNCTION marquee_record_impression(p_offer_id TEXT, p_campaign_id TEXT, p_creative_id TEXT, p_placement_id TEXT,
                                          p_occurred_at TIMESTAMP(3), p_country TEXT, p_device "DeviceType", p_cost BIGINT,
                                          p_client TEXT, p_validity "EventValidity", p_page_host TEXT,
                                          p_view_limit INT, p_view_window_seconds INT,
                                          OUT counted BOOLEAN, OUT exhausted BOOLEAN, OUT event_validity "EventValidity")
LANGUAGE plpgsql AS $$
DECLARE
  v_charged BOOLEAN := false;
BEGIN
  exhausted := false;
  event_validity := p_validity;
  IF event_validity = 'VALID' AND p_client IS NOT NULL AND p_view_limit > 0 THEN
    IF (SELECT count(*) FROM (SELECT 1 FROM "impression" i
                              WHERE i."client" = p_client AND i."placementId" = p_placement_id
                                AND i."occurredAt" > p_occurred_at - make_interval(secs => p_view_window_seconds)
                              LIMIT p_view_limit) recent) >= p_view_limit THEN
      event_validity := 'RATE_LIMIT';
    END IF;
  END IF;

  INSERT INTO "impression" ("offerId", "campaignId", "creativeId", "placementId", "occurredAt", "country", "device",
                            "costMicros", "billable", "validity", "client", "pageHost")
  VALUES (p_offer_id, p_campaign_id, p_creative_id, p_placement_id, p_occurred_at, p_country, p_device,
          CASE WHEN event_validity = 'VALID' THEN p_cost ELSE 0 END, event_validity = 'VALID', event_validity, p_client,
          CASE WHEN event_validity = 'OFF_DOMAIN' THEN p_page_host END)
  ON CONFLICT ("offerId") DO NOTHING;
  IF NOT FOUND THEN
    counted := false;
    RETURN;
  END IF;
  counted := true;

  -- Free impressions (house ads, CPC campaigns) and invalid ones take no lock on the campaign row.
  IF event_validity = 'VALID' AND p_cost > 0 THEN
    SELECT c.charged, c.exhausted INTO v_charged, exhausted FROM marquee_charge_campaign(p_campaign_id, p_cost, p_occurred_at::date) c;
    IF NOT v_charged THEN
      UPDATE "impression" SET "billable" = false, "costMicros" = 0 WHERE "offerId" = p_offer_id;
    END IF;
  END IF;

  INSERT INTO "hourly_stat" ("hour", "campaignId", "creativeId", "placementId", "country", "device", "validity", "impressions", "clicks", "spendMicros")
  VALUES (date_trunc('hour', p_occurred_at), p_campaign_id, p_creative_id, p_placement_id, p_country, p_device, event_validity,
          1, 0, CASE WHEN v_charged THEN p_cost ELSE 0 END)
  ON CONFLICT ("hour", "campaignId", "creativeId", "placementId", "country", "device", "validity")
  DO UPDATE SET "impressions" = "hourly_stat"."impressions" + 1,
                "spendMicros" = "hourly_stat"."spendMicros" + EXCLUDED."spendMicros";

  IF event_validity = 'OFF_DOMAIN' THEN
    INSERT INTO "off_domain_stat" ("day", "placementId", "host", "impressions", "clicks")
    VALUES (p_occurred_at::date, p_placement_id, coalesce(p_page_host, ''), 1, 0)
    ON CONFLICT ("day", "placementId", "host") DO UPDATE SET "impressions" = "off_domain_stat"."impressions" + 1;
  END IF;
END
$$;

-- Records a click once. A click proves its ad was on screen: when its impression was not
-- stored yet (a click within the view timer's first second), both are recorded, in this one
-- statement, with the click's validity. A click is VALID only if its impression is (so valid
-- clicks ≤ valid impressions in every rollup row), and becomes RATE_LIMIT when the client's
-- clicks exceed any (limit, window) pair of p_click_limits/p_click_windows_seconds. Only a
-- VALID click is charged (CPC, budget-guarded); it is rolled up in the impression's row
-- (its hour, country and device) of the click's validity.
-- outcome: 'counted' or 'duplicate'.
CREATE FUNCTION marquee_record_click(p_offer_id TEXT, p_occurred_at TIMESTAMP(3), p_cost BIGINT,
                                     p_client TEXT, p_validity "EventValidity", p_page_host TEXT,
                                     p_click_limits INT[], p_click_windows_seconds INT[],
                                     p_campaign_id TEXT, p_creative_id TEXT, p_placement_id TEXT,
                                     p_country TEXT, p_device "DeviceType", p_impression_cost BIGINT,
                                     OUT outcome TEXT, OUT exhausted BOOLEAN, OUT event_validity "EventValidity")
LANGUAGE plpgsql AS $$
DECLARE
  v_impression "impression"%ROWTYPE;
  v_charged BOOLEAN := false;
  v_exhausted BOOLEAN := false;
BEGIN
  exhausted := false;
  SELECT * INTO v_impression FROM "impression" WHERE "offerId" = p_offer_id;
  IF NOT FOUND THEN
    SELECT r.exhausted INTO v_exhausted
    FROM marquee_record_impression(p_offer_id, p_campaign_id, p_creative_id, p_placement_id, p_occurred_at, p_country, p_device,
                                   p_impression_cost, p_client, p_validity, p_page_host, 0, 0) r;
    exhausted := coalesce(v_exhausted, false);
    -- Ours, or a beacon's that committed meanwhile (the insert waited for it): either way there now.
    SELECT * INTO v_impression FROM "impression" WHERE "offerId" = p_offer_id;
  END IF;

  event_validity := p_validity;
  IF event_validity = 'VALID' AND v_impression."validity" <> 'VALID' THEN
    event_validity := v_impression."validity";
  END IF;
  IF event_validity = 'VALID' AND p_client IS NOT NULL AND EXISTS (
       SELECT 1 FROM unnest(p_click_limits, p_click_windows_seconds) AS w(click_limit, window_seconds)
       WHERE (SELECT count(*) FROM (SELECT 1 FROM "click" c
                                    WHERE c."client" = p_client
                                      AND c."occurredAt" > p_occurred_at - make_interval(secs => w.window_seconds)
                                    LIMIT w.click_limit) recent) >= w.click_limit) THEN
    event_validity := 'RATE_LIMIT';
  END IF;

  INSERT INTO "click" ("offerId", "campaignId", "creativeId", "placementId", "occurredAt", "country", "device",
                       "costMicros", "billable", "validity", "client", "pageHost")
  VALUES (p_offer_id, v_impression."campaignId", v_impression."creativeId", v_impression."placementId", p_occurred_at,
          v_impression."country", v_impression."device", CASE WHEN event_validity = 'VALID' THEN p_cost ELSE 0 END,
          event_validity = 'VALID', event_validity, p_client, CASE WHEN event_validity = 'OFF_DOMAIN' THEN p_page_host END)
  ON CONFLICT ("offerId") DO NOTHING;
  IF NOT FOUND THEN
    outcome := 'duplicate';
    RETURN;
  END IF;
  outcome := 'counted';

  IF event_validity = 'VALID' AND p_cost > 0 THEN
    SELECT c.charged, c.exhausted INTO v_charged, v_exhausted FROM marquee_charge_campaign(v_impression."campaignId", p_cost, p_occurred_at::date) c;
    exhausted := exhausted OR v_exhausted;
    IF NOT v_charged THEN
      UPDATE "click" SET "billable" = false, "costMicros" = 0 WHERE "offerId" = p_offer_id;
    END IF;
  END IF;

  INSERT INTO "hourly_stat" ("hour", "campaignId", "creativeId", "placementId", "country", "device", "validity", "impressions", "clicks", "spendMicros")
  VALUES (date_trunc('hour', v_impression."occurredAt"), v_impression."campaignId", v_impression."creativeId", v_impression."placementId",
          v_impression."country", v_impression."device", event_validity, 0, 1, CASE WHEN v_charged THEN p_cost ELSE 0 END)
  ON CONFLICT ("hour", "campaignId", "creativeId", "placementId", "country", "device", "validity")
  DO UPDATE SET "clicks" = "hourly_stat"."clicks" + 1,
                "spendMicros" = "hourly_stat"."spendMicros" + EXCLUDED."spendMicros";

  IF event_validity = 'OFF_DOMAIN' THEN
    INSERT INTO "off_domain_stat" ("day", "placementId", "host", "impressions", "clicks")
    VALUES (p_occurred_at::date, v_impression."placementId", coalesce(p_page_host, ''), 0, 1)
    ON CONFLICT ("day", "placementId", "host") DO UPDATE SET "clicks" = "off_domain_stat"."clicks" + 1;
  END IF;
END
$$;
