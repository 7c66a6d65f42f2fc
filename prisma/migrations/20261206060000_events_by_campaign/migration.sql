-- The event functions' work per event (issue 16): the same outcomes, in the same order, for a
-- fraction of the database's CPU per batch.
--
-- 1. marquee_record_clicks reads each click's impression and decides each click's rate in one
--    query over the batch (as marquee_record_impressions decides its view rate since
--    20261204000000_set_based_view_rate), instead of four to ten statements per click inside
--    its loop: its impression, its rate windows, then per window the client's stored clicks and
--    the batch's earlier ones. At ~20 clicks a batch, those statements were a third of the
--    function's time.
-- 2. Both functions charge each campaign with the events of that campaign only: the campaign
--    cursor carries the positions of its events, where the loop used to walk the whole batch
--    for every campaign (with every event of a different campaign, batch² steps).
--
-- 3. No JIT compilation in either function (`jit = off`). A generic plan cannot know that a
--    batch holds tens of events, not the thousand rows it assumes of generate_series, so the
--    set-based rate query's estimate passed jit_above_cost: compiling it took ~25 ms of CPU on
--    every call (measured in the bench) to run it in well under one. These are small keyed
--    statements; JIT never pays for itself here.
--
-- Locks are taken in the same order as before (impression rows, click rows, campaign rows by
-- id, hourly_stat rows, off_domain_stat rows, each sorted by key), and each table is still
-- reached by its index only (the settings of 20261205150000_event_plans_by_key are given again:
-- CREATE OR REPLACE resets them).
CREATE OR REPLACE FUNCTION marquee_record_clicks(p_offer_ids TEXT[], p_occurred_at TIMESTAMPTZ[], p_costs BIGINT[],
                                      p_clients TEXT[], p_validities "EventValidity"[], p_page_hosts TEXT[],
                                      p_campaign_ids TEXT[], p_creative_ids TEXT[], p_placement_ids TEXT[],
                                      p_countries TEXT[], p_devices "DeviceType"[], p_impression_costs BIGINT[],
                                      p_window_positions INT[], p_window_limits INT[], p_window_seconds INT[])
RETURNS TABLE ("position" INT, outcome TEXT, exhausted BOOLEAN, event_validity "EventValidity")
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
SET enable_seqscan = off
SET jit = off
AS $$
DECLARE
  v_count INT := coalesce(cardinality(p_offer_ids), 0);
  v_at TIMESTAMP(3)[];
  v_first BOOLEAN[];              -- the first occurrence of its offer id in the batch
  v_stored_impressions TEXT[];    -- offer ids whose impression was stored when the batch began
  v_stored_clicks TEXT[];         -- offer ids whose click was stored when the batch began
  v_inserted TEXT[];
  v_missing TEXT;                 -- the first offer whose impression is not stored
  v_impression_counted BOOLEAN[]; -- this click recorded its offer's impression
  v_impression_charged BOOLEAN[];
  -- The impression each click belongs to (as stored, whoever stored it).
  v_campaign TEXT[];
  v_creative TEXT[];
  v_placement TEXT[];
  v_country TEXT[];
  v_device "DeviceType"[];
  v_impression_at TIMESTAMP(3)[];
  v_validity "EventValidity"[];
  v_counted BOOLEAN[];
  v_charged BOOLEAN[];
  v_exhausted BOOLEAN[];
  v_refused_impressions TEXT[] := '{}';
  v_refused_clicks TEXT[] := '{}';
  v_campaign_row RECORD;
  v_day DATE;
  v_spent BIGINT;
  v_day_spent BIGINT;
  v_spend_day DATE;
  v_charged_any BOOLEAN;
  v_cost BIGINT;
  v_pass INT;
  i INT;
BEGIN
  IF v_count = 0 THEN
    RETURN;
  END IF;
  IF cardinality(p_occurred_at) <> v_count OR cardinality(p_costs) <> v_count OR cardinality(p_clients) <> v_count
     OR cardinality(p_validities) <> v_count OR cardinality(p_page_hosts) <> v_count OR cardinality(p_campaign_ids) <> v_count
     OR cardinality(p_creative_ids) <> v_count OR cardinality(p_placement_ids) <> v_count OR cardinality(p_countries) <> v_count
     OR cardinality(p_devices) <> v_count OR cardinality(p_impression_costs) <> v_count
     OR coalesce(cardinality(p_window_positions), 0) <> coalesce(cardinality(p_window_limits), 0)
     OR coalesce(cardinality(p_window_positions), 0) <> coalesce(cardinality(p_window_seconds), 0) THEN
    RAISE EXCEPTION 'marquee_record_clicks: arrays of different lengths';
  END IF;

  SELECT coalesce(array_agg(s."offerId"), '{}') INTO v_stored_impressions FROM "impression" s WHERE s."offerId" = ANY(p_offer_ids);
  SELECT array_agg(p_occurred_at[k] AT TIME ZONE 'UTC' ORDER BY k), array_agg(array_position(p_offer_ids, p_offer_ids[k]) = k ORDER BY k)
  INTO v_at, v_first
  FROM generate_series(1, v_count) AS k;
  v_impression_charged := array_fill(false, ARRAY[v_count]);
  v_counted := array_fill(false, ARRAY[v_count]);
  v_charged := array_fill(false, ARRAY[v_count]);
  v_exhausted := array_fill(false, ARRAY[v_count]);

  -- 1. The impressions that clicks came before, in one insert in offer id order (a concurrent
  --    beacon's batch holding the same key is waited for, and then wins).
  WITH inserted AS (
    INSERT INTO "impression" ("offerId", "campaignId", "creativeId", "placementId", "occurredAt", "country", "device",
                              "costMicros", "billable", "validity", "client", "pageHost")
    SELECT p_offer_ids[k], p_campaign_ids[k], p_creative_ids[k], p_placement_ids[k], v_at[k], p_countries[k], p_devices[k],
           CASE WHEN p_validities[k] = 'VALID' THEN p_impression_costs[k] ELSE 0 END, p_validities[k] = 'VALID', p_validities[k],
           p_clients[k], CASE WHEN p_validities[k] = 'OFF_DOMAIN' THEN p_page_hosts[k] END
    FROM generate_series(1, v_count) AS k
    WHERE v_first[k] AND NOT (p_offer_ids[k] = ANY(v_stored_impressions))
    ORDER BY p_offer_ids[k]
    ON CONFLICT ("offerId") DO NOTHING
    RETURNING "offerId"
  )
  SELECT coalesce(array_agg("offerId"), '{}') INTO v_inserted FROM inserted;

  -- 2. Each click's impression, as stored now (each by its key), and the click's validity: the
  --    impression's when the click is VALID and the impression is not.
  SELECT array_agg(v_first[k] AND p_offer_ids[k] = ANY(v_inserted) ORDER BY k),
         array_agg(s."campaignId" ORDER BY k), array_agg(s."creativeId" ORDER BY k), array_agg(s."placementId" ORDER BY k),
         array_agg(s."country" ORDER BY k), array_agg(s."device" ORDER BY k), array_agg(s."occurredAt" ORDER BY k),
         array_agg(CASE WHEN p_validities[k] = 'VALID' AND s."validity" <> 'VALID' THEN s."validity" ELSE p_validities[k] END ORDER BY k),
         (array_agg(p_offer_ids[k] ORDER BY k) FILTER (WHERE s."offerId" IS NULL))[1]
  INTO v_impression_counted, v_campaign, v_creative, v_placement, v_country, v_device, v_impression_at, v_validity, v_missing
  FROM generate_series(1, v_count) AS k
  LEFT JOIN LATERAL (SELECT i."offerId", i."campaignId", i."creativeId", i."placementId", i."country", i."device", i."occurredAt", i."validity"
                     FROM "impression" i WHERE i."offerId" = p_offer_ids[k]) s ON true;
  IF v_missing IS NOT NULL THEN
    RAISE EXCEPTION 'marquee_record_clicks: the impression of offer % is missing', v_missing;
  END IF;

  -- 3. Each click's rate, in one query over the batch: RATE_LIMIT when, in any of its windows,
  --    the client's stored clicks and the batch's earlier ones (if they are going to be stored)
  --    reach the window's limit.
  SELECT coalesce(array_agg(s."offerId"), '{}') INTO v_stored_clicks FROM "click" s WHERE s."offerId" = ANY(p_offer_ids);
  SELECT array_agg(
           CASE WHEN v_validity[k] = 'VALID' AND p_clients[k] IS NOT NULL AND EXISTS (
                  SELECT 1 FROM unnest(p_window_positions, p_window_limits, p_window_seconds) AS w(click_position, click_limit, window_seconds)
                  WHERE w.click_position = k
                    AND (SELECT count(*) FROM (SELECT 1 FROM "click" c
                                               WHERE c."client" = p_clients[k]
                                                 AND c."occurredAt" > v_at[k] - make_interval(secs => w.window_seconds)
                                               LIMIT w.click_limit) recent)
                        + (SELECT count(*) FROM generate_series(1, k - 1) AS j
                           WHERE v_first[j] AND NOT (p_offer_ids[j] = ANY(v_stored_clicks)) AND p_clients[j] = p_clients[k]
                             AND v_at[j] > v_at[k] - make_interval(secs => w.window_seconds)) >= w.click_limit)
                THEN 'RATE_LIMIT'::"EventValidity" ELSE v_validity[k] END
           ORDER BY k)
  INTO v_validity
  FROM generate_series(1, v_count) AS k;

  -- 4. One insert of the clicks, in offer id order; the primary key decides.
  WITH inserted AS (
    INSERT INTO "click" ("offerId", "campaignId", "creativeId", "placementId", "occurredAt", "country", "device",
                         "costMicros", "billable", "validity", "client", "pageHost")
    SELECT p_offer_ids[k], v_campaign[k], v_creative[k], v_placement[k], v_at[k], v_country[k], v_device[k],
           CASE WHEN v_validity[k] = 'VALID' THEN p_costs[k] ELSE 0 END, v_validity[k] = 'VALID', v_validity[k], p_clients[k],
           CASE WHEN v_validity[k] = 'OFF_DOMAIN' THEN p_page_hosts[k] END
    FROM generate_series(1, v_count) AS k
    WHERE v_first[k]
    ORDER BY p_offer_ids[k]
    ON CONFLICT ("offerId") DO NOTHING
    RETURNING "offerId"
  )
  SELECT coalesce(array_agg("offerId"), '{}') INTO v_inserted FROM inserted;
  SELECT array_agg(v_first[k] AND p_offer_ids[k] = ANY(v_inserted) ORDER BY k) INTO v_counted FROM generate_series(1, v_count) AS k;

  -- 5. Charges: each campaign row locked once (in id order, the latest committed version); in
  --    arrival order each of its clicks' new impression, then the click, decided against what
  --    is left; the sum written once.
  FOR v_campaign_row IN
    SELECT c."id", c."spentMicros", c."totalBudgetMicros", c."dailyBudgetMicros", c."daySpentMicros", c."spendDay", o."timeZone", charged."positions"
    FROM (SELECT v_campaign[k] AS "campaignId", array_agg(k ORDER BY k) AS "positions"
          FROM generate_series(1, v_count) AS k
          WHERE (v_impression_counted[k] AND p_validities[k] = 'VALID' AND p_impression_costs[k] > 0)
             OR (v_counted[k] AND v_validity[k] = 'VALID' AND p_costs[k] > 0)
          GROUP BY 1) charged
    JOIN "campaign" c ON c."id" = charged."campaignId"
    LEFT JOIN "organization" o ON o."id" = c."organizationId"
    ORDER BY c."id"
    FOR NO KEY UPDATE OF c
  LOOP
    v_spent := v_campaign_row."spentMicros";
    v_day_spent := v_campaign_row."daySpentMicros";
    v_spend_day := v_campaign_row."spendDay";
    v_charged_any := false;
    FOREACH i IN ARRAY v_campaign_row."positions" LOOP
      v_day := marquee_local_date(v_at[i], v_campaign_row."timeZone");
      FOR v_pass IN 1 .. 2 LOOP
        IF v_pass = 1 THEN
          CONTINUE WHEN NOT (v_impression_counted[i] AND p_validities[i] = 'VALID' AND p_impression_costs[i] > 0);
          v_cost := p_impression_costs[i];
        ELSE
          CONTINUE WHEN NOT (v_counted[i] AND v_validity[i] = 'VALID' AND p_costs[i] > 0);
          v_cost := p_costs[i];
        END IF;
        IF v_spent + v_cost <= v_campaign_row."totalBudgetMicros"
           AND (v_campaign_row."dailyBudgetMicros" IS NULL
                OR (CASE WHEN v_spend_day = v_day THEN v_day_spent ELSE 0 END) + v_cost <= v_campaign_row."dailyBudgetMicros") THEN
          v_spent := v_spent + v_cost;
          v_day_spent := CASE WHEN v_spend_day = v_day THEN v_day_spent + v_cost ELSE v_cost END;
          v_spend_day := v_day;
          v_charged_any := true;
          IF v_pass = 1 THEN
            v_impression_charged[i] := true;
          ELSE
            v_charged[i] := true;
          END IF;
          v_exhausted[i] := v_exhausted[i] OR v_campaign_row."totalBudgetMicros" - v_spent < v_cost
                            OR (v_campaign_row."dailyBudgetMicros" IS NOT NULL AND v_campaign_row."dailyBudgetMicros" - v_day_spent < v_cost);
        ELSE
          v_exhausted[i] := true;
        END IF;
      END LOOP;
    END LOOP;
    IF v_charged_any THEN
      -- The guard once more, on the row the lock holds: a bug here must fail the batch, not overspend.
      UPDATE "campaign" SET "spentMicros" = v_spent, "daySpentMicros" = v_day_spent, "spendDay" = v_spend_day
      WHERE "id" = v_campaign_row."id" AND v_spent <= "totalBudgetMicros"
        AND ("dailyBudgetMicros" IS NULL OR v_day_spent <= "dailyBudgetMicros");
      IF NOT FOUND THEN
        RAISE EXCEPTION 'marquee_record_clicks: charge of campaign % past its budget', v_campaign_row."id";
      END IF;
    END IF;
  END LOOP;
  -- A campaign that no longer exists pays nothing (as marquee_charge_campaign: refused, exhausted).
  FOR i IN 1 .. v_count LOOP
    IF v_impression_counted[i] AND p_validities[i] = 'VALID' AND p_impression_costs[i] > 0 AND NOT v_impression_charged[i] THEN
      v_exhausted[i] := true;
      v_refused_impressions := v_refused_impressions || p_offer_ids[i];
    END IF;
    IF v_counted[i] AND v_validity[i] = 'VALID' AND p_costs[i] > 0 AND NOT v_charged[i] THEN
      v_exhausted[i] := true;
      v_refused_clicks := v_refused_clicks || p_offer_ids[i];
    END IF;
  END LOOP;
  IF cardinality(v_refused_impressions) > 0 THEN
    UPDATE "impression" SET "billable" = false, "costMicros" = 0 WHERE "offerId" = ANY(v_refused_impressions);
  END IF;
  IF cardinality(v_refused_clicks) > 0 THEN
    UPDATE "click" SET "billable" = false, "costMicros" = 0 WHERE "offerId" = ANY(v_refused_clicks);
  END IF;

  -- 6. Each rollup row moved once, in key order: the new impressions in their own rows, the
  --    clicks in their impression's row of the click's validity.
  INSERT INTO "hourly_stat" ("hour", "campaignId", "creativeId", "placementId", "country", "device", "validity", "impressions", "clicks", "spendMicros")
  SELECT event_hour, campaign_id, creative_id, placement_id, country, device, validity, sum(impressions), sum(clicks), sum(spend)
  FROM (
    SELECT date_trunc('hour', v_at[k]) AS event_hour, p_campaign_ids[k] AS campaign_id, p_creative_ids[k] AS creative_id,
           p_placement_ids[k] AS placement_id, p_countries[k] AS country, p_devices[k] AS device, p_validities[k] AS validity,
           1 AS impressions, 0 AS clicks, CASE WHEN v_impression_charged[k] THEN p_impression_costs[k] ELSE 0 END AS spend
    FROM generate_series(1, v_count) AS k WHERE v_impression_counted[k]
    UNION ALL
    SELECT date_trunc('hour', v_impression_at[k]), v_campaign[k], v_creative[k], v_placement[k], v_country[k], v_device[k], v_validity[k],
           0, 1, CASE WHEN v_charged[k] THEN p_costs[k] ELSE 0 END
    FROM generate_series(1, v_count) AS k WHERE v_counted[k]
  ) events
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT ("hour", "campaignId", "creativeId", "placementId", "country", "device", "validity")
  DO UPDATE SET "impressions" = "hourly_stat"."impressions" + EXCLUDED."impressions",
                "clicks" = "hourly_stat"."clicks" + EXCLUDED."clicks",
                "spendMicros" = "hourly_stat"."spendMicros" + EXCLUDED."spendMicros";

  INSERT INTO "off_domain_stat" ("day", "placementId", "host", "impressions", "clicks")
  SELECT event_day, placement_id, host, sum(impressions), sum(clicks)
  FROM (
    SELECT v_at[k]::date AS event_day, p_placement_ids[k] AS placement_id, coalesce(p_page_hosts[k], '') AS host, 1 AS impressions, 0 AS clicks
    FROM generate_series(1, v_count) AS k WHERE v_impression_counted[k] AND p_validities[k] = 'OFF_DOMAIN'
    UNION ALL
    SELECT v_at[k]::date, v_placement[k], coalesce(p_page_hosts[k], ''), 0, 1
    FROM generate_series(1, v_count) AS k WHERE v_counted[k] AND v_validity[k] = 'OFF_DOMAIN'
  ) events
  GROUP BY 1, 2, 3
  ORDER BY 1, 2, 3
  ON CONFLICT ("day", "placementId", "host") DO UPDATE SET "impressions" = "off_domain_stat"."impressions" + EXCLUDED."impressions",
                                                          "clicks" = "off_domain_stat"."clicks" + EXCLUDED."clicks";

  RETURN QUERY SELECT k, CASE WHEN v_counted[k] THEN 'counted' ELSE 'duplicate' END, v_exhausted[k], v_validity[k]
               FROM generate_series(1, v_count) AS k ORDER BY k;
END
$$;

CREATE OR REPLACE FUNCTION marquee_record_impressions(p_offer_ids TEXT[], p_campaign_ids TEXT[], p_creative_ids TEXT[], p_placement_ids TEXT[],
                                           p_occurred_at TIMESTAMPTZ[], p_countries TEXT[], p_devices "DeviceType"[], p_costs BIGINT[],
                                           p_clients TEXT[], p_validities "EventValidity"[], p_page_hosts TEXT[],
                                           p_view_limits INT[], p_view_windows_seconds INT[])
RETURNS TABLE ("position" INT, counted BOOLEAN, exhausted BOOLEAN, event_validity "EventValidity")
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
SET enable_seqscan = off
SET jit = off
AS $$
DECLARE
  v_count INT := coalesce(cardinality(p_offer_ids), 0);
  v_at TIMESTAMP(3)[];
  v_validity "EventValidity"[];
  v_first BOOLEAN[];        -- the first occurrence of its offer id in the batch
  v_counted BOOLEAN[];
  v_charged BOOLEAN[];
  v_exhausted BOOLEAN[];
  v_stored TEXT[];          -- offer ids already stored when the batch began
  v_inserted TEXT[];
  v_refused TEXT[] := '{}';
  v_campaign RECORD;
  v_day DATE;
  v_spent BIGINT;
  v_day_spent BIGINT;
  v_spend_day DATE;
  v_charged_any BOOLEAN;
  i INT;
BEGIN
  IF v_count = 0 THEN
    RETURN;
  END IF;
  IF cardinality(p_campaign_ids) <> v_count OR cardinality(p_creative_ids) <> v_count OR cardinality(p_placement_ids) <> v_count
     OR cardinality(p_occurred_at) <> v_count OR cardinality(p_countries) <> v_count OR cardinality(p_devices) <> v_count
     OR cardinality(p_costs) <> v_count OR cardinality(p_clients) <> v_count OR cardinality(p_validities) <> v_count
     OR cardinality(p_page_hosts) <> v_count OR cardinality(p_view_limits) <> v_count OR cardinality(p_view_windows_seconds) <> v_count THEN
    RAISE EXCEPTION 'marquee_record_impressions: arrays of different lengths';
  END IF;

  SELECT coalesce(array_agg(stored."offerId"), '{}') INTO v_stored FROM "impression" stored WHERE stored."offerId" = ANY(p_offer_ids);

  -- 1. Validity, in arrival order, in one query over the batch (not two per event): an earlier
  --    impression of the same client and placement in this batch counts towards the rate as a
  --    stored one would (if it is going to be stored).
  SELECT array_agg(p_occurred_at[k] AT TIME ZONE 'UTC' ORDER BY k), array_agg(array_position(p_offer_ids, p_offer_ids[k]) = k ORDER BY k)
  INTO v_at, v_first
  FROM generate_series(1, v_count) AS k;
  SELECT array_agg(
           CASE WHEN p_validities[k] = 'VALID' AND p_clients[k] IS NOT NULL AND p_view_limits[k] > 0 THEN
             CASE WHEN (SELECT count(*) FROM (SELECT 1 FROM "impression" s
                                              WHERE s."client" = p_clients[k] AND s."placementId" = p_placement_ids[k]
                                                AND s."occurredAt" > v_at[k] - make_interval(secs => p_view_windows_seconds[k])
                                              LIMIT p_view_limits[k]) recent)
                     + (SELECT count(*) FROM generate_series(1, k - 1) AS j
                        WHERE v_first[j] AND NOT (p_offer_ids[j] = ANY(v_stored))
                          AND p_clients[j] = p_clients[k] AND p_placement_ids[j] = p_placement_ids[k]
                          AND v_at[j] > v_at[k] - make_interval(secs => p_view_windows_seconds[k])) >= p_view_limits[k]
                  THEN 'RATE_LIMIT'::"EventValidity" ELSE p_validities[k] END
           ELSE p_validities[k] END
           ORDER BY k)
  INTO v_validity
  FROM generate_series(1, v_count) AS k;
  v_charged := array_fill(false, ARRAY[v_count]);
  v_exhausted := array_fill(false, ARRAY[v_count]);

  -- 2. One insert for the batch, in offer id order; the primary key decides (a concurrent
  --    duplicate waits for the first one's commit, then inserts nothing).
  WITH inserted AS (
    INSERT INTO "impression" ("offerId", "campaignId", "creativeId", "placementId", "occurredAt", "country", "device",
                              "costMicros", "billable", "validity", "client", "pageHost")
    SELECT p_offer_ids[k], p_campaign_ids[k], p_creative_ids[k], p_placement_ids[k], v_at[k], p_countries[k], p_devices[k],
           CASE WHEN v_validity[k] = 'VALID' THEN p_costs[k] ELSE 0 END, v_validity[k] = 'VALID', v_validity[k], p_clients[k],
           CASE WHEN v_validity[k] = 'OFF_DOMAIN' THEN p_page_hosts[k] END
    FROM generate_series(1, v_count) AS k
    WHERE v_first[k]
    ORDER BY p_offer_ids[k]
    ON CONFLICT ("offerId") DO NOTHING
    RETURNING "offerId"
  )
  SELECT coalesce(array_agg("offerId"), '{}') INTO v_inserted FROM inserted;
  SELECT array_agg(v_first[k] AND p_offer_ids[k] = ANY(v_inserted) ORDER BY k) INTO v_counted FROM generate_series(1, v_count) AS k;

  -- 3. Charges: each campaign row locked once (in id order, the latest committed version),
  --    each of its events decided in arrival order against what is left, the sum written once.
  FOR v_campaign IN
    SELECT c."id", c."spentMicros", c."totalBudgetMicros", c."dailyBudgetMicros", c."daySpentMicros", c."spendDay", o."timeZone", charged."positions"
    FROM (SELECT p_campaign_ids[k] AS "campaignId", array_agg(k ORDER BY k) AS "positions"
          FROM generate_series(1, v_count) AS k
          WHERE v_counted[k] AND v_validity[k] = 'VALID' AND p_costs[k] > 0
          GROUP BY 1) charged
    JOIN "campaign" c ON c."id" = charged."campaignId"
    LEFT JOIN "organization" o ON o."id" = c."organizationId"
    ORDER BY c."id"
    FOR NO KEY UPDATE OF c
  LOOP
    v_spent := v_campaign."spentMicros";
    v_day_spent := v_campaign."daySpentMicros";
    v_spend_day := v_campaign."spendDay";
    v_charged_any := false;
    FOREACH i IN ARRAY v_campaign."positions" LOOP
      v_day := marquee_local_date(v_at[i], v_campaign."timeZone");
      IF v_spent + p_costs[i] <= v_campaign."totalBudgetMicros"
         AND (v_campaign."dailyBudgetMicros" IS NULL
              OR (CASE WHEN v_spend_day = v_day THEN v_day_spent ELSE 0 END) + p_costs[i] <= v_campaign."dailyBudgetMicros") THEN
        v_spent := v_spent + p_costs[i];
        v_day_spent := CASE WHEN v_spend_day = v_day THEN v_day_spent + p_costs[i] ELSE p_costs[i] END;
        v_spend_day := v_day;
        v_charged[i] := true;
        v_charged_any := true;
        v_exhausted[i] := v_campaign."totalBudgetMicros" - v_spent < p_costs[i]
                          OR (v_campaign."dailyBudgetMicros" IS NOT NULL AND v_campaign."dailyBudgetMicros" - v_day_spent < p_costs[i]);
      ELSE
        v_exhausted[i] := true;
      END IF;
    END LOOP;
    IF v_charged_any THEN
      -- The guard once more, on the row the lock holds: a bug here must fail the batch, not overspend.
      UPDATE "campaign" SET "spentMicros" = v_spent, "daySpentMicros" = v_day_spent, "spendDay" = v_spend_day
      WHERE "id" = v_campaign."id" AND v_spent <= "totalBudgetMicros"
        AND ("dailyBudgetMicros" IS NULL OR v_day_spent <= "dailyBudgetMicros");
      IF NOT FOUND THEN
        RAISE EXCEPTION 'marquee_record_impressions: charge of campaign % past its budget', v_campaign."id";
      END IF;
    END IF;
  END LOOP;
  -- A campaign that no longer exists pays nothing (as marquee_charge_campaign: refused, exhausted).
  FOR i IN 1 .. v_count LOOP
    IF v_counted[i] AND v_validity[i] = 'VALID' AND p_costs[i] > 0 AND NOT v_charged[i] THEN
      v_exhausted[i] := true;
      v_refused := v_refused || p_offer_ids[i];
    END IF;
  END LOOP;
  IF cardinality(v_refused) > 0 THEN
    UPDATE "impression" SET "billable" = false, "costMicros" = 0 WHERE "offerId" = ANY(v_refused);
  END IF;

  -- 4. Each rollup row moved once, in key order.
  INSERT INTO "hourly_stat" ("hour", "campaignId", "creativeId", "placementId", "country", "device", "validity", "impressions", "clicks", "spendMicros")
  SELECT date_trunc('hour', v_at[k]), p_campaign_ids[k], p_creative_ids[k], p_placement_ids[k], p_countries[k], p_devices[k], v_validity[k],
         count(*), 0, sum(CASE WHEN v_charged[k] THEN p_costs[k] ELSE 0 END)
  FROM generate_series(1, v_count) AS k
  WHERE v_counted[k]
  GROUP BY 1, 2, 3, 4, 5, 6, 7
  ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT ("hour", "campaignId", "creativeId", "placementId", "country", "device", "validity")
  DO UPDATE SET "impressions" = "hourly_stat"."impressions" + EXCLUDED."impressions",
                "spendMicros" = "hourly_stat"."spendMicros" + EXCLUDED."spendMicros";

  INSERT INTO "off_domain_stat" ("day", "placementId", "host", "impressions", "clicks")
  SELECT v_at[k]::date, p_placement_ids[k], coalesce(p_page_hosts[k], ''), count(*), 0
  FROM generate_series(1, v_count) AS k
  WHERE v_counted[k] AND v_validity[k] = 'OFF_DOMAIN'
  GROUP BY 1, 2, 3
  ORDER BY 1, 2, 3
  ON CONFLICT ("day", "placementId", "host") DO UPDATE SET "impressions" = "off_domain_stat"."impressions" + EXCLUDED."impressions";

  RETURN QUERY SELECT k, v_counted[k], v_exhausted[k], v_validity[k] FROM generate_series(1, v_count) AS k ORDER BY k;
END
$$;
