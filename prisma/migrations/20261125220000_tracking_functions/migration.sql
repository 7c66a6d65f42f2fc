-- Tracking in one round trip. Each function runs as one statement, so its effects commit
-- together or not at all (no BEGIN/COMMIT round trips, no interactive transaction).
-- Prisma does not manage functions: they live only in migrations; lib/tracking calls them.

-- Charges one event to the campaign's spend ledger. One UPDATE whose WHERE clause is the
-- budget guard: the row lock serialises concurrent charges and READ COMMITTED re-checks the
-- WHERE against the latest committed row, so spend never passes the total or the daily
-- budget. The daily ledger rolls over on the first charge of a new UTC day.
-- Returns charged (the campaign paid) and exhausted (delivery should stop: refused, or what
-- is left no longer pays for one more event of this cost).
CREATE FUNCTION marquee_charge_campaign(p_campaign_id TEXT, p_cost BIGINT, p_day DATE,
                                        OUT charged BOOLEAN, OUT exhausted BOOLEAN)
LANGUAGE plpgsql AS $$
DECLARE
  v_total_left BIGINT;
  v_day_left BIGINT;
BEGIN
  UPDATE "campaign"
  SET "spentMicros" = "spentMicros" + p_cost,
      "daySpentMicros" = CASE WHEN "spendDay" = p_day THEN "daySpentMicros" + p_cost ELSE p_cost END,
      "spendDay" = p_day
  WHERE "id" = p_campaign_id
    AND "spentMicros" + p_cost <= "totalBudgetMicros"
    AND ("dailyBudgetMicros" IS NULL
         OR (CASE WHEN "spendDay" = p_day THEN "daySpentMicros" ELSE 0 END) + p_cost <= "dailyBudgetMicros")
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

-- Records an impression once: the insert on the offer id decides (a concurrent duplicate
-- waits on the first one's row lock, then inserts nothing); the charge is guarded by the
-- budgets (an impression redeemed after the budget ran out is kept, unbilled); the hourly
-- rollup moves with the event.
CREATE FUNCTION marquee_record_impression(p_offer_id TEXT, p_campaign_id TEXT, p_creative_id TEXT, p_placement_id TEXT,
                                          p_occurred_at TIMESTAMP(3), p_country TEXT, p_device "DeviceType", p_cost BIGINT,
                                          OUT counted BOOLEAN, OUT exhausted BOOLEAN)
LANGUAGE plpgsql AS $$
DECLARE
  v_charged BOOLEAN := false;
BEGIN
  exhausted := false;
  INSERT INTO "impression" ("offerId", "campaignId", "creativeId", "placementId", "occurredAt", "country", "device", "costMicros", "billable")
  VALUES (p_offer_id, p_campaign_id, p_creative_id, p_placement_id, p_occurred_at, p_country, p_device, p_cost, true)
  ON CONFLICT ("offerId") DO NOTHING;
  IF NOT FOUND THEN
    counted := false;
    RETURN;
  END IF;
  counted := true;

  -- Free impressions (house ads, CPC campaigns) take no lock on the campaign row.
  IF p_cost > 0 THEN
    SELECT c.charged, c.exhausted INTO v_charged, exhausted FROM marquee_charge_campaign(p_campaign_id, p_cost, p_occurred_at::date) c;
    IF NOT v_charged THEN
      UPDATE "impression" SET "billable" = false, "costMicros" = 0 WHERE "offerId" = p_offer_id;
    END IF;
  END IF;

  INSERT INTO "hourly_stat" ("hour", "campaignId", "creativeId", "placementId", "country", "device", "impressions", "clicks", "spendMicros")
  VALUES (date_trunc('hour', p_occurred_at), p_campaign_id, p_creative_id, p_placement_id, p_country, p_device,
          1, 0, CASE WHEN v_charged THEN p_cost ELSE 0 END)
  ON CONFLICT ("hour", "campaignId", "creativeId", "placementId", "country", "device")
  DO UPDATE SET "impressions" = "hourly_stat"."impressions" + 1,
                "spendMicros" = "hourly_stat"."spendMicros" + EXCLUDED."spendMicros";
END
$$;

-- Records a click once, and only when its impression was counted: the click copies what it
-- describes from the impression row (no row, no click), charges CPC campaigns with the budget
-- guard, and adds to the rollup row of the impression (its hour, country and device).
-- outcome: 'counted', 'duplicate' or 'no_impression'.
CREATE FUNCTION marquee_record_click(p_offer_id TEXT, p_occurred_at TIMESTAMP(3), p_cost BIGINT,
                                     OUT outcome TEXT, OUT exhausted BOOLEAN)
LANGUAGE plpgsql AS $$
DECLARE
  v_impression "impression"%ROWTYPE;
  v_charged BOOLEAN := false;
BEGIN
  exhausted := false;
  SELECT * INTO v_impression FROM "impression" WHERE "offerId" = p_offer_id;
  IF NOT FOUND THEN
    outcome := 'no_impression';
    RETURN;
  END IF;

  INSERT INTO "click" ("offerId", "campaignId", "creativeId", "placementId", "occurredAt", "country", "device", "costMicros", "billable")
  VALUES (p_offer_id, v_impression."campaignId", v_impression."creativeId", v_impression."placementId", p_occurred_at,
          v_impression."country", v_impression."device", p_cost, true)
  ON CONFLICT ("offerId") DO NOTHING;
  IF NOT FOUND THEN
    outcome := 'duplicate';
    RETURN;
  END IF;
  outcome := 'counted';

  IF p_cost > 0 THEN
    SELECT c.charged, c.exhausted INTO v_charged, exhausted FROM marquee_charge_campaign(v_impression."campaignId", p_cost, p_occurred_at::date) c;
    IF NOT v_charged THEN
      UPDATE "click" SET "billable" = false, "costMicros" = 0 WHERE "offerId" = p_offer_id;
    END IF;
  END IF;

  -- The impression's rollup row exists (its function created it); the upsert keeps this
  -- correct even if the row was removed, e.g. by a retention job.
  INSERT INTO "hourly_stat" ("hour", "campaignId", "creativeId", "placementId", "country", "device", "impressions", "clicks", "spendMicros")
  VALUES (date_trunc('hour', v_impression."occurredAt"), v_impression."campaignId", v_impression."creativeId", v_impression."placementId",
          v_impression."country", v_impression."device", 0, 1, CASE WHEN v_charged THEN p_cost ELSE 0 END)
  ON CONFLICT ("hour", "campaignId", "creativeId", "placementId", "country", "device")
  DO UPDATE SET "clicks" = "hourly_stat"."clicks" + 1,
                "spendMicros" = "hourly_stat"."spendMicros" + EXCLUDED."spendMicros";
END
$$;
