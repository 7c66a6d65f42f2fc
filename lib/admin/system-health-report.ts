import type { CacheSnapshot, CacheStats } from "@/lib/cache/active-campaigns-cache";
import type { BuildInfo } from "@/lib/health/build-info";
import type { ProbeOutcome } from "@/lib/health/cached-probe";
import type { HealthReport, TimedProbe } from "@/lib/health/check-health";
import type { BreakerState } from "@/lib/redis/circuit-breaker";
import type { ScheduledJobState } from "@/lib/jobs/scheduled-jobs";
import type { StoreKind } from "@/lib/redis/store";
import type { RecentInvalidTraffic } from "./recent-invalid-traffic";

/** A state that needs an operator's attention, in words: what it means and what to do. */
export interface HealthWarning {
  id:
    | "database-down"
    | "database-slow"
    | "redis-down"
    | "store-not-shared"
    | "parked-clicks"
    | "parked-impressions"
    | "invalidation-pending"
    | "invalid-traffic-high"
    | "scheduled-jobs-off"
    | "scheduled-jobs-late"
    | "scheduled-jobs-failing";
  /** critical: events are refused or at risk; warning: degraded, nothing lost; notice: a limit of this setup. */
  level: "critical" | "warning" | "notice";
  title: string;
  meaning: string;
  action: string;
}

/**
 * The operators' view of one instance (GET /api/health/deep and /admin/health), JSON as it is:
 * states, measured latencies, counts and ages — never a URL, a host or a credential.
 */
export interface SystemHealth {
  /** The same rule as /api/health: "down" without the database, "degraded" without a configured Redis. */
  status: HealthReport["status"];
  checkedAt: string;
  instance: BuildInfo & { uptimeSeconds: number };
  database: TimedProbe;
  store: {
    /** "memory": no Redis configured, this process's own store. */
    kind: StoreKind;
    /** Whether every instance sees the same store (a Redis), or each has its own. */
    shared: boolean;
    state: ProbeOutcome;
    /** A ping's round trip, measured now. */
    latencyMs: number | null;
    /** The circuit breaker in front of Redis; null without Redis. */
    breaker: { state: BreakerState; since: string | null; consecutiveFailures: number } | null;
  };
  activeSet: {
    /** Where this instance's copy was last confirmed: the shared copy in Redis, or the database; null before the first ad. */
    source: CacheSnapshot["source"] | null;
    generation: string | null;
    /** The current generation in Redis (bumped by every change to what is served); null without Redis or when it cannot be read. */
    sharedGeneration: string | null;
    /** Seconds since the copy was last confirmed current: re-checked by the next ad request once past 1 s, so a large age means no ad was served since. */
    ageSeconds: number | null;
    invalidationPending: boolean;
    /** This instance's reads since it started. */
    stats: CacheStats;
  };
  /** Clicks recorded while the database was down, waiting to be replayed; null when the store cannot be read. */
  parkedClicks: { count: number | null; keptIn: "redis" | "memory" };
  /** Impression beacons acknowledged while the database was down, waiting in Redis (never parked without it); null when the store cannot be read. */
  parkedImpressions: { count: number | null };
  /** null when the database cannot be read. */
  invalidTraffic: RecentInvalidTraffic | null;
  /** The jobs under /api/cron: whether they can run (CRON_SECRET is set) and how each last ran; jobs null when the database cannot be read. */
  scheduledJobs: { scheduled: boolean; jobs: ScheduledJobState[] | null };
  /** Each state that needs attention: what it means and what to do. */
  warnings: HealthWarning[];
}
