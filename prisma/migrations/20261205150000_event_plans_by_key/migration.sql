-- The event path's plans (issue 16): marquee_record_impressions and marquee_record_clicks run
-- ~10 statements per call, each by key (an offer id, a client's recent events, a campaign, a
-- rollup row). Two things made them cost more than the work:
--
-- 1. Planning on every call. PL/pgSQL's plan cache chose a custom plan for most statements
--    (their parameters are arrays), so each call planned them anew: a third of the database's
--    CPU per batch of beacons.
-- 2. Plans that depend on the statistics of the moment a connection first ran them. Where a
--    cached generic plan was taken while a table was nearly empty (a new deployment, a new
--    bench database), it scanned the whole table — the stored offer ids of a batch, a client's
--    recent clicks — and kept doing so as the table grew, until the next ANALYZE: 1.5 ms per
--    call at 16,000 impressions, growing with every event.
--
-- Every table access in these functions is by an index, whatever the table's size, so each
-- function now plans its statements once per connection (generic plans) and never as a scan
-- of a whole table. Outcomes are unchanged: only the plans are.
ALTER FUNCTION marquee_record_impressions SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION marquee_record_impressions SET enable_seqscan = off;
ALTER FUNCTION marquee_record_clicks SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION marquee_record_clicks SET enable_seqscan = off;
