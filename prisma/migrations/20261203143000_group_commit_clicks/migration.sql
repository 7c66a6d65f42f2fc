-- Group commit of clicks (issue 16), as marquee_record_impressions does for impressions: the
-- clicks one instance queued while its previous write was in flight are recorded by ONE
-- statement.
--
-- Each click gets exactly the outcome marquee_record_click would give it if the batch's clicks
-- were recorded one after the other in the order of the arrays (their order of arrival): a
-- click whose impression is not stored yet records that impression too (with the click's
-- validity, no view-rate check, once per offer even when the offer is in the batch twice, and
-- not at all when a concurrent beacon's batch stored it first: the impression's key waits for
-- that commit, then the stored row is read); the click's primary key refuses duplicates,
-- within the batch too (the first one counts); a click is VALID only if its impression is;
-- RATE_LIMIT counts the client's stored clicks and the batch's earlier ones, per window of
-- that click; each VALID priced event is charged, in order (the impression a click brings,
-- then the click), only if it still fits the total and the daily budget; the click is rolled
-- up in its impression's row (its hour, country and device) of the click's validity.
-- What differs is how often rows are touched: each campaign row is updated once with the sum,
-- each rollup row once with its impressions and clicks.
--
-- Locks are taken in one global order — impression rows by offer id, then click rows by offer
-- id, then campaign rows by id, then hourly_stat rows, then off_domain_stat rows, each sorted
-- by key. marquee_record_impressions takes the same order without the click rows, so a click
-- batch and an impression batch (from any instance) never wait on each other in a cycle.
--
-- The rate windows are flattened: window w belongs to the click at p_window_positions[w].
CREATE FUNCTION marquee_record_clicks(p_offer_ids TEXT[], p_occurred_at TIMESTAMPTZ[], p_costs BIGINT[],
                                      p_clients TEXT[], p_validities "EventValidity"[], p_page_hosts TEXT[],
                                      p_campaign_ids TEXT[], p_creative_ids TEXT[], p_placement_ids TEXT[],
                                      p_countries TEXT[], p_devices "DeviceType"[], p_impression_costs BIGINT[],
                                      p_window_positions INT[], p_window_limits INT[], p_window_seconds INT[])
RETURNS TABLE ("position" INT, outcome TEXT, exhausted BOOLEAN, event_validity "EventValidity")
LANGUAGE plpgsql AS $$
DECLARE
  v_count INT := coalesce(cardinality(p_offer_ids), 0);
  v_at TIMESTAMP(3)[];
  v_first BOOLEAN[];              -- the first occurrence of its offer id in the batch
  v_stored_impressions TEXT[];    -- offer ids whose impression was stored when the batch began
  v_stored_clicks TEXT[];         -- offer ids whose click was stored when the batch began
  v_inserted TEXT[];
  v_impression_counted BOOLEAN[]; -- this click recorded its offer's impression
  v_impression_charged BOOLEAN[];
  -- The impression each click belongs to (as stored, whoever stored it).
  v_campaign TEXT[];
  v_creative TEXT[];
  v_placement TEXT[];
  v_country TEXT[];
  v_device "DeviceType"[];
  v_impression_at TIMESTAMP(3)[];
  v_impression_validity "EventValidity"[];
  v_validity "EventValidity"[];
  v_counted BOOLEAN[];
  v_charged BOOLEAN[];
  v_exhausted BOOLEAN[];
  v_refused_impressions TEXT[] := '{}';
  v_refused_clicks TEXT[] := '{}';
  v_row RECORD;
  v_window RECORD;
  v_recent INT;
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
  FOR i IN 1 .. v_count LOOP
    v_at[i] := p_occurred_at[i] AT TIME ZONE 'UTC';
    v_first[i] := array_position(p_offer_ids, p_offer_ids[i]) = i;
    v_impression_counted[i] := false;
    v_impression_charged[i] := false;
    v_counted[i] := false;
    v_charged[i] := false;
    v_exhausted[i] := false;
  END LOOP;

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

  -- 2. Each click's impression, as stored now; its validity and rate, in arrival order. An
  --    earlier click of the same client in this batch counts as a stored one would (if it is
  --    going to be stored).
  SELECT coalesce(array_agg(s."offerId"), '{}') INTO v_stored_clicks FROM "click" s WHERE s."offerId" = ANY(p_offer_ids);
  FOR i IN 1 .. v_count LOOP
    v_impression_counted[i] := v_first[i] AND p_offer_ids[i] = ANY(v_inserted);
    SELECT s."campaignId", s."creativeId", s."placementId", s."country", s."device", s."occurredAt", s."validity" INTO v_row
    FROM "impression" s WHERE s."offerId" = p_offer_ids[i];
    IF NOT FOUND THEN
      RAISE EXCEPTION 'marquee_record_clicks: the impression of offer % is missing', p_offer_ids[i];
    END IF;
    v_campaign[i] := v_row."campaignId";
    v_creative[i] := v_row."creativeId";
    v_placement[i] := v_row."placementId";
    v_country[i] := v_row."country";
    v_device[i] := v_row."device";
    v_impression_at[i] := v_row."occurredAt";
    v_impression_validity[i] := v_row."validity";

    v_validity[i] := p_validities[i];
    IF v_validity[i] = 'VALID' AND v_impression_validity[i] <> 'VALID' THEN
      v_validity[i] := v_impression_validity[i];
    END IF;
    IF v_validity[i] = 'VALID' AND p_clients[i] IS NOT NULL THEN
      FOR v_window IN SELECT w.click_limit, w.window_seconds
                      FROM unnest(p_window_positions, p_window_limits, p_window_seconds) AS w(click_position, click_limit, window_seconds)
                      WHERE w.click_position = i LOOP
        SELECT count(*) INTO v_recent FROM (SELECT 1 FROM "click" c
                                            WHERE c."client" = p_clients[i]
                                              AND c."occurredAt" > v_at[i] - make_interval(secs => v_window.window_seconds)
                                            LIMIT v_window.click_limit) recent;
        IF v_recent < v_window.click_limit THEN
          SELECT v_recent + count(*) INTO v_recent
          FROM generate_series(1, i - 1) AS j
          WHERE v_first[j] AND NOT (p_offer_ids[j] = ANY(v_stored_clicks)) AND p_clients[j] = p_clients[i]
            AND v_at[j] > v_at[i] - make_interval(secs => v_window.window_seconds);
        END IF;
        IF v_recent >= v_window.click_limit THEN
          v_validity[i] := 'RATE_LIMIT';
          EXIT;
        END IF;
      END LOOP;
    END IF;
  END LOOP;

  -- 3. One insert of the clicks, in offer id order; the primary key decides.
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
  FOR i IN 1 .. v_count LOOP
    v_counted[i] := v_first[i] AND p_offer_ids[i] = ANY(v_inserted);
  END LOOP;

  -- 4. Charges: each campaign row locked once (in id order, the latest committed version); in
  --    arrival order each click's new impression, then the click, decided against what is
  --    left; the sum written once.
  FOR v_campaign_row IN
    SELECT c."id", c."spentMicros", c."totalBudgetMicros", c."dailyBudgetMicros", c."daySpentMicros", c."spendDay", o."timeZone"
    FROM "campaign" c LEFT JOIN "organization" o ON o."id" = c."organizationId"
    WHERE c."id" IN (SELECT v_campaign[k] FROM generate_series(1, v_count) AS k
                     WHERE (v_impression_counted[k] AND p_validities[k] = 'VALID' AND p_impression_costs[k] > 0)
                        OR (v_counted[k] AND v_validity[k] = 'VALID' AND p_costs[k] > 0))
    ORDER BY c."id"
    FOR NO KEY UPDATE OF c
  LOOP
    v_spent := v_campaign_row."spentMicros";
    v_day_spent := v_campaign_row."daySpentMicros";
    v_spend_day := v_campaign_row."spendDay";
    v_charged_any := false;
    FOR i IN 1 .. v_count LOOP
      CONTINUE WHEN v_campaign[i] <> v_campaign_row."id";
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

  -- 5. Each rollup row moved once, in key order: the new impressions in their own rows, the
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
