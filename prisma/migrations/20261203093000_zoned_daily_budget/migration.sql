-- The daily budget keeps the organisation's day, not UTC's: the day's spend ledger
-- ("spendDay", "daySpentMicros") rolls over on the first charge after local midnight in the
-- campaign's organisation's time zone ("organization"."timeZone", an IANA name such as
-- 'America/New_York'; Postgres and PGlite read it from the same tz database as Intl).
-- The charge now takes the event's moment instead of its UTC date, and works the local
-- date out itself from the zone; the two recording functions are the same as before except
-- for that one call.

-- The local date in p_time_zone of p_at, a timestamp without time zone that holds UTC.
CREATE FUNCTION marquee_local_date(p_at TIMESTAMP(3), p_time_zone TEXT) RETURNS DATE
LANGUAGE sql STABLE AS $$
  SELECT ((p_at AT TIME ZONE 'UTC') AT TIME ZONE coalesce(p_time_zone, 'UTC'))::date
$$;

-- Charges one event to the campaign's spend ledger, as before (the UPDATE's WHERE clause is
-- the budget guard, serialised by the row lock), on the local day of the organisation.
CREATE FUNCTION marquee_charge_campaign(p_campaign_id TEXT, p_cost BIGINT, p_occurred_at TIMESTAMP(3),
                                        OUT charged BOOLEAN, OUT exhausted BOOLEAN)
LANGUAGE plpgsql AS $$
DECLARE
  v_day DATE;
  v_total_left BIGINT;
  v_day_left BIGINT;
BEGIN
  SELECT marquee_local_date(p_occurred_at, o."timeZone") INTO v_day
  FROM "campaign" c JOIN "organization" o ON o."id" = c."organizationId"
  WHERE c."id" = p_campaign_id;
  v_day := coalesce(v_day, p_occurred_at::date);
  UPDATE "campaign"
  SET "spentMicros" = "spentMicros" + p_cost,
      "daySpentMicros" = CASE WHEN "spendDay" = v_day THEN "daySpentMicros" + p_cost ELSE p_cost END,
      "spendDay" = v_day
  WHERE "id" = p_campaign_id
    AND "spentMicros" + p_cost <= "totalBudgetMicros"
    AND ("dailyBudgetMicros" IS NULL
         OR (CASE WHEN "spendDay" = v_day THEN "daySpentMicros" ELSE 0 END) + p_cost <= "dailyBudgetMicros")
  RETURNING "totalBudgetMicros" - "spentMicros", "dailyBudgetMicros" - "daySpentMicros"
  INTO v_total_left, v_day_left;
  IF NOT FOUND THEN
    charged := false;
    exhausted := true;
  ELSE
    charged := true;
    exhausted := v_total_left < p_cost OR (v_day_left IS NOT NULL AND v_day_left < p_cost);
  END IF;
END
$$;

DROP FUNCTION marquee_charge_campaign(TEXT, BIGINT, DATE);

-- Records an impression once: the insert on the offer id decides (a concurrent duplicate
-- waits on the first one's row lock, then inserts nothing). A VALID impression becomes
-- RATE_LIMIT when the client already has p_view_limit impressions of this placement within
-- p_view_window_seconds (0 turns the check off). Only a VALID impression is charged, guarded
-- by the budgets (one redeemed after the budget ran out is kept, unbilled); the hourly rollup
-- row of its validity moves with it.
CREATE OR REPLACE FUNCTION marquee_record_impression(p_offer_id TEXT, p_campaign_id TEXT, p_creative_id TEXT, p_placement_id TEXT,
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
    SELECT c.charged, c.exhausted INTO v_charged, exhausted FROM marquee_charge_campaign(p_campaign_id, p_cost, p_occurred_at) c;
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
CREATE OR REPLACE FUNCTION marquee_record_click(p_offer_id TEXT, p_occurred_at TIMESTAMP(3), p_cost BIGINT,
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
    SELECT c.charged, c.exhausted INTO v_charged, v_exhausted FROM marquee_charge_campaign(v_impression."campaignId", p_cost, p_occurred_at) c;
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
