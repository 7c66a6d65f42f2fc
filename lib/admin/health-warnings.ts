import type { ScheduledJobState } from "@/lib/jobs/scheduled-jobs";
import type { HealthWarning, SystemHealth } from "./system-health-report";

/** A healthy `SELECT 1` takes a few ms in the same region; past this every write and page waits noticeably. */
export const SLOW_DATABASE_MS = 250;
/** An invalid share of the last hour's events past which someone should look (with enough events to mean anything). */
export const HIGH_INVALID_RATE = 0.2;
export const INVALID_RATE_MIN_EVENTS = 200;

/** What to do about events parked in Redis (impressions or clicks). */
const REPLAY_ACTION =
  'Bring the database back. If it answers and the count does not fall within a minute, look in the log for "Parked events replayed into the database" or an error. Never flush Redis before the count is 0.';

/** The warnings of a health report, most severe first (one source for the page and the deep check). */
export function healthWarnings(health: Omit<SystemHealth, "warnings">): HealthWarning[] {
  const warnings: HealthWarning[] = [];
  const { database, store, parkedClicks, parkedImpressions, activeSet, invalidTraffic, scheduledJobs } = health;

  if (database.state === "down") {
    warnings.push({
      id: "database-down",
      level: "critical",
      title: "The database does not answer",
      meaning:
        "Ads are still served from the cached active set, but impression beacons are refused with 503 (the snippet retries), clicks redirect and are parked for replay, and the dashboard cannot load. /api/health answers 503 on every instance.",
      action:
        "Check that PostgreSQL runs and that this instance reaches it (network, credentials, its connection limit: each instance opens up to DATABASE_POOL_SIZE connections). Its own log says why it refused.",
    });
  } else if (database.latencyMs !== null && database.latencyMs > SLOW_DATABASE_MS) {
    warnings.push({
      id: "database-slow",
      level: "warning",
      title: `The database took ${Math.round(database.latencyMs)} ms to answer SELECT 1`,
      meaning: "Every recorded event and every dashboard page waits at least this long; ads are still served from the cache at full speed.",
      action:
        "Look for load on PostgreSQL (long queries, locks, CPU) and for distance: the app and the database should be in the same region; on serverless, use the provider's pooled connection URL.",
    });
  }

  if (parkedClicks.count !== null && parkedClicks.count > 0) {
    const inMemory = parkedClicks.keptIn === "memory";
    warnings.push({
      id: "parked-clicks",
      level: inMemory || database.state === "down" ? "critical" : "warning",
      title: `${parkedClicks.count} click${parkedClicks.count === 1 ? "" : "s"} wait${parkedClicks.count === 1 ? "s" : ""} to be replayed`,
      meaning: `Recorded while the database was down (the visitors were redirected) and kept ${inMemory ? "in this process's memory — lost if this instance stops" : "in Redis"}. An instance replays them after its next recorded impression or click, at most every 10 seconds, once the database answers.`,
      action: inMemory
        ? "Bring the database back and keep this instance running until the count is 0. Configure Redis so that parked clicks survive a restart."
        : REPLAY_ACTION,
    });
  }

  if (parkedImpressions.count !== null && parkedImpressions.count > 0) {
    const count = parkedImpressions.count;
    warnings.push({
      id: "parked-impressions",
      level: database.state === "down" ? "critical" : "warning",
      title: `${count} impression${count === 1 ? "" : "s"} wait${count === 1 ? "s" : ""} to be replayed`,
      meaning:
        "Beacons acknowledged while the database was down and kept in Redis: they are not in the reports or the budgets yet. An instance replays them after its next recorded impression or click, at most every 10 seconds, once the database answers.",
      action: REPLAY_ACTION,
    });
  }

  if (store.shared && store.state === "down") {
    const since = store.breaker?.state === "open" && store.breaker.since ? ` (circuit breaker open since ${store.breaker.since.replace("T", " ").slice(0, 19)} UTC)` : "";
    warnings.push({
      id: "redis-down",
      level: "warning",
      title: `Redis does not answer${since}`,
      meaning:
        "Serving and counting go on without it: each instance checks the database for changes to the active set every second, duplicates are refused by the database's unique keys, frequency caps and rate limits count per instance, and a click cannot be parked if the database fails too. The breaker closes by itself when Redis answers (the log says \"Redis connected\").",
      action:
        "Check the Redis or Upstash service and its credentials: the log line \"Redis connection error (serving from database): …\" gives the reason. If Redis answers but slowly (a remote Upstash region), raise REDIS_TIMEOUT_MS above its round trip.",
    });
  }

  if (activeSet.invalidationPending) {
    warnings.push({
      id: "invalidation-pending",
      level: "warning",
      title: "A change to what is served has not reached Redis",
      meaning:
        "A campaign, creative or placement changed while Redis was unreachable. This instance dropped its own copy; the shared copy in Redis is dropped as soon as Redis answers again, before any instance can read it.",
      action: "Restore Redis; nothing else is needed.",
    });
  }

  if (invalidTraffic?.rate != null) {
    const events = invalidTraffic.impressions.valid + invalidTraffic.impressions.invalid + invalidTraffic.clicks.valid + invalidTraffic.clicks.invalid;
    if (invalidTraffic.rate >= HIGH_INVALID_RATE && events >= INVALID_RATE_MIN_EVENTS) {
      warnings.push({
        id: "invalid-traffic-high",
        level: "warning",
        title: `${(invalidTraffic.rate * 100).toFixed(1)} % of the last hour's events were invalid`,
        meaning: "Bots, clients over the rate limits, pages off the publisher's domains or beacons from another client than the one served: recorded for the reports, never billed.",
        action: "See which sites and placements draw it at /admin/traffic. A sudden rise on one placement is usually a bot or a page that reloads itself.",
      });
    }
  }

  warnings.push(...scheduledJobWarnings(scheduledJobs));

  if (!store.shared) {
    warnings.push({
      id: "store-not-shared",
      level: "notice",
      title: "No Redis configured: this instance keeps its own store",
      meaning:
        "Right for one instance. With several, each has its own: rate limits and frequency caps count per instance, a change reaches the others when they next check the database (about a second), and clicks parked during a database outage live in one process's memory.",
      action: "Running more than one instance (or on Vercel): set UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN, or REDIS_URL.",
    });
  }

  const order = { critical: 0, warning: 1, notice: 2 } as const;
  return warnings.sort((a, b) => order[a.level] - order[b.level]);
}

const JOBS_HOW =
  "On Vercel, Cron calls them with CRON_SECRET (vercel.json; production deployments only; Settings → Cron Jobs lists their runs). Self-hosted, Marquee's own server runs them at their times once CRON_SECRET is set (its start logs \"Scheduled jobs run by this server\").";

const jobList = (jobs: ScheduledJobState[], detail: (job: ScheduledJobState) => string) => jobs.map((job) => `${job.name} (${detail(job)})`).join(", ");
const at = (iso: string) => `${iso.replace("T", " ").slice(0, 16)} UTC`;

/** The scheduled jobs' warnings: off (no CRON_SECRET), late, failing. */
function scheduledJobWarnings({ scheduled, jobs }: SystemHealth["scheduledJobs"]): HealthWarning[] {
  if (!scheduled) {
    return [
      {
        id: "scheduled-jobs-off",
        level: "notice",
        title: "Scheduled jobs are off: CRON_SECRET is not set",
        meaning:
          "Right for a local try-out. Deployed, raw impressions and clicks are never deleted (the database grows by every event; reports never need them after 90 days), and advertisers are not mailed when a campaign's flight ends. The routes under /api/cron answer 503.",
        action: `Set CRON_SECRET (16 or more random characters). ${JOBS_HOW}`,
      },
    ];
  }
  if (!jobs) return [];
  const warnings: HealthWarning[] = [];
  const late = jobs.filter((job) => job.late);
  if (late.length > 0) {
    warnings.push({
      id: "scheduled-jobs-late",
      level: "warning",
      title: `${late.length === 1 ? "A scheduled job has" : `${late.length} scheduled jobs have`} not run for over a day: ${jobList(late, (job) => (job.lastSuccessAt ? `last ran ${at(job.lastSuccessAt)}` : "never ran"))}`,
      meaning: `Each runs daily: ${late.map((job) => `${job.name} ${job.does}`).join("; ")}. Until it runs, that work waits; nothing is lost.`,
      action: `Check that the scheduler calls ${late.map((job) => job.path).join(" and ")} with the secret. ${JOBS_HOW}`,
    });
  }
  const failing = jobs.filter((job) => job.lastFailureAt !== null);
  if (failing.length > 0) {
    warnings.push({
      id: "scheduled-jobs-failing",
      level: "warning",
      title: `The last run of ${jobList(failing, (job) => `at ${at(job.lastFailureAt!)}`)} failed`,
      meaning: "The job stopped with an error; what it did before the error stays done, and the next run starts again from there.",
      action: 'The log line "Scheduled job failed" with the job\'s name says why (most often the database). Once that is fixed, the next scheduled run catches up; to run it now, call its path with the secret.',
    });
  }
  return warnings;
}
