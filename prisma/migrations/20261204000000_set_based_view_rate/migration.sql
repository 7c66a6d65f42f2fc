-- marquee_record_impressions decides each impression's view rate in one query over the batch
-- instead of two queries per event inside its loop (the stored views of the client on the
-- placement, then the batch's earlier ones): the same outcomes, in the same order, for a
-- fraction of the statements the function runs — the invalid-traffic filter's cost in the
-- database (issue 16). Everything after step 1 is unchanged.
CREATE OR REPLACE FUNCTION marquee_record_impressions(p_offer_ids TEXT[], p_campaign_ids TEXT[], p_creative_ids TEXT[], p_placement_ids TEXT[],
                                           p_occurred_at TIMESTAMPTZ[], p_countries TEXT[], p_devices "DeviceType"[], p_costs BIGINT[],
                                           p_clients TEXT[], p_validities "EventValidity"[], p_page_hosts TEXT[],
                                           p_view_limits INT[], p_view_windows_seconds INT[])
RETURNS TABLE ("position" INT, counted BOOLEAN, exhausted BOOLEAN, event_validity "EventValidity")
LANGUAGE plpgsql AS $$
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
  v_counted := array_fill(false, ARRAY[v_count]);
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
  FOR i IN 1 .. v_count LOOP
    v_counted[i] := v_first[i] AND p_offer_ids[i] = ANY(v_inserted);
  END LOOP;

  -- 3. Charges: each campaign row locked once (in id order, the latest committed version),
  --    each event decided in arrival order against what is left, the sum written once.
  FOR v_campaign IN
    SELECT c."id", c."spentMicros", c."totalBudgetMicros", c."dailyBudgetMicros", c."daySpentMicros", c."spendDay", o."timeZone"
    FROM "campaign" c LEFT JOIN "organization" o ON o."id" = c."organizationId"
    WHERE c."id" IN (SELECT p_campaign_ids[k] FROM generate_series(1, v_count) AS k
                     WHERE v_counted[k] AND v_validity[k] = 'VALID' AND p_costs[k] > 0)
    ORDER BY c."id"
    FOR NO KEY UPDATE OF c
  LOOP
    v_spent := v_campaign."spentMicros";
    v_day_spent := v_campaign."daySpentMicros";
    v_spend_day := v_campaign."spendDay";
    v_charged_any := false;
    FOR i IN 1 .. v_count LOOP
      CONTINUE WHEN NOT (v_counted[i] AND v_validity[i] = 'VALID' AND p_costs[i] > 0 AND p_campaign_ids[i] = v_campaign."id");
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
