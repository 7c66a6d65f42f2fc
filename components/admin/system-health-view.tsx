import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, StatCard } from "@/components/ui/card";
import type { HealthWarning, SystemHealth } from "@/lib/admin/system-health-report";
import { formatCount, formatPercent } from "@/lib/format/number";

const statusTone: Record<SystemHealth["status"], BadgeTone> = { ok: "green", degraded: "yellow", down: "red" };
const levelTone: Record<HealthWarning["level"], BadgeTone> = { critical: "red", warning: "yellow", notice: "blue" };
const storeName = { upstash: "Upstash Redis (REST)", redis: "Redis (TCP)", memory: "This process's memory" } as const;
const breakerWords = {
  closed: "closed: calls go to Redis",
  open: "open: calls skip Redis, a background probe retries",
  unknown: "not yet used",
} as const;

/** "42 s", "3 min 5 s", "2 h 10 min", "3 d 4 h". */
function duration(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3_600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 86_400) return `${Math.floor(s / 3_600)} h ${Math.floor((s % 3_600) / 60)} min`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3_600)} h`;
}

const utc = (iso: string) => `${iso.replace("T", " ").slice(0, 19)} UTC`;
const ms = (value: number | null) => (value === null ? "—" : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`);

function Row({ label, value, testId }: { label: string; value: React.ReactNode; testId?: string }) {
  return (
    <div className="flex justify-between gap-4 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-right font-medium tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function Section({ id, title, state, tone, meaning, children }: { id: string; title: string; state: string; tone: BadgeTone; meaning: string; children: React.ReactNode }) {
  return (
    <Card className="flex flex-col gap-3" role="region" aria-labelledby={`${id}-title`}>
      <div className="flex items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="font-semibold text-slate-900">
          {title}
        </h2>
        <span data-testid={`${id}-state`}>
          <Badge tone={tone}>{state}</Badge>
        </span>
      </div>
      <p className="text-sm text-slate-600">{meaning}</p>
      <dl className="flex flex-col gap-1">{children}</dl>
    </Card>
  );
}

function Warnings({ warnings }: { warnings: HealthWarning[] }) {
  if (warnings.length === 0) {
    return (
      <Card>
        <p className="text-sm text-slate-700" data-testid="health-warnings">
          Nothing needs attention on this instance.
        </p>
      </Card>
    );
  }
  return (
    <ul className="flex flex-col gap-3" data-testid="health-warnings" aria-label="What needs attention">
      {warnings.map((warning) => (
        <li key={warning.id} data-testid={`warning-${warning.id}`}>
          <Card className="flex flex-col gap-1">
            <div className="flex items-center gap-2">
              <Badge tone={levelTone[warning.level]}>{warning.level}</Badge>
              <h3 className="font-semibold text-slate-900">{warning.title}</h3>
            </div>
            <p className="text-sm text-slate-600">{warning.meaning}</p>
            <p className="text-sm text-slate-900">
              <span className="font-medium">What to do: </span>
              {warning.action}
            </p>
          </Card>
        </li>
      ))}
    </ul>
  );
}

/** The jobs under /api/cron: off without CRON_SECRET; else each one's last run, and whether it is late or failing. */
function ScheduledJobs({ scheduled, jobs, checkedAt }: SystemHealth["scheduledJobs"] & { checkedAt: string }) {
  const trouble = jobs?.some((job) => job.late || job.lastFailureAt !== null);
  const ago = (iso: string) => `${duration((Date.parse(checkedAt) - Date.parse(iso)) / 1_000)} ago`;
  return (
    <Section
      id="scheduled-jobs"
      title="Scheduled jobs"
      state={!scheduled ? "off" : jobs === null ? "unknown" : trouble ? "late or failing" : "on time"}
      tone={!scheduled ? "gray" : jobs === null ? "gray" : trouble ? "yellow" : "green"}
      meaning={
        scheduled
          ? "Called with CRON_SECRET by Vercel Cron, or off Vercel by Marquee's own server; each run records how it ended (the same for every instance)."
          : "CRON_SECRET is not set: the routes under /api/cron answer 503 and nothing calls them."
      }
    >
      {jobs === null ? (
        <Row label="Last runs" value="— (database unreachable)" />
      ) : (
        jobs.map((job) => (
          <Row
            key={job.name}
            label={`${job.name} (${job.every})`}
            testId={`job-${job.name}`}
            value={
              job.lastFailureAt
                ? `failed ${ago(job.lastFailureAt)}`
                : job.lastSuccessAt
                  ? `ran ${ago(job.lastSuccessAt)}: ${job.lastSummary ?? "done"}`
                  : "never ran"
            }
          />
        ))
      )}
    </Section>
  );
}

/** The operator's health page: one instance's state, each warning with its meaning and what to do. */
export function SystemHealthView({ health }: { health: SystemHealth }) {
  const { database, store, activeSet, parkedClicks, parkedImpressions, invalidTraffic, instance, scheduledJobs } = health;
  const { stats } = activeSet;
  // Without Redis nothing is switched off: the same work happens in this process's memory, unshared.
  const storeState = !store.shared ? "not configured" : store.state === "ok" ? "connected" : "unreachable";
  const parked = parkedClicks.count === null || parkedImpressions.count === null ? null : parkedClicks.count + parkedImpressions.count;
  const ivtEvents = invalidTraffic ? invalidTraffic.impressions.valid + invalidTraffic.impressions.invalid + invalidTraffic.clicks.valid + invalidTraffic.clicks.invalid : 0;

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="attention-heading" className="flex flex-col gap-3">
        <div className="flex items-center gap-2">
          <h2 id="attention-heading" className="text-sm font-semibold text-slate-700">
            Overall
          </h2>
          <span data-testid="health-status">
            <Badge tone={statusTone[health.status]}>{health.status}</Badge>
          </span>
        </div>
        <Warnings warnings={health.warnings} />
      </section>

      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        <Section
          id="database"
          title="Database"
          state={database.state === "ok" ? "answers" : "down"}
          tone={database.state === "ok" ? "green" : "red"}
          meaning="The source of truth: every counted event, the dashboard, and the active set when no cache has it."
        >
          <Row label="SELECT 1 took" value={ms(database.latencyMs)} testId="database-latency" />
        </Section>

        <Section
          id="store"
          title="Shared store (Redis)"
          state={storeState}
          tone={!store.shared ? "gray" : store.state === "ok" ? "green" : "red"}
          meaning={
            store.shared
              ? "Shared by every instance: the active set's copy, duplicate checks, limits and parked clicks."
              : "No Redis is configured, and none is used: the active set's copy, duplicate checks, limits and parked clicks live in this process's memory, shared with no other instance. Caching is on; it is per instance."
          }
        >
          <Row label="Store" value={storeName[store.kind]} testId="store-kind" />
          {store.shared ? <Row label="Ping" value={ms(store.latencyMs)} testId="store-latency" /> : null}
          {store.breaker ? (
            <Row
              label="Circuit breaker"
              value={`${breakerWords[store.breaker.state]}${store.breaker.since ? ` (since ${utc(store.breaker.since)})` : ""}`}
              testId="breaker-state"
            />
          ) : null}
        </Section>

        <Section
          id="active-set"
          title="Active campaigns cache"
          state={activeSet.source === null ? "no ad served yet" : activeSet.source === "redis" ? "from Redis" : "from the database"}
          tone={activeSet.invalidationPending ? "yellow" : "gray"}
          meaning="This instance's copy of what can be served, re-checked by the next ad request once it is a second old (against Redis, or the database's version without it)."
        >
          <Row label="Checked" value={activeSet.ageSeconds === null ? "—" : `${duration(activeSet.ageSeconds)} ago`} testId="active-set-age" />
          <Row label="Generation of this copy" value={activeSet.generation ?? "— (loaded from the database)"} testId="active-set-generation" />
          {store.shared ? <Row label="Generation in Redis" value={activeSet.sharedGeneration ?? "unknown"} testId="shared-generation" /> : null}
          <Row label="Changes made on this instance" value={formatCount(stats.invalidations)} />
        </Section>

        <Section
          id="parked-events"
          title="Parked events"
          state={parked === null ? "unknown" : parked === 0 ? "none" : "waiting"}
          tone={parked === null ? "gray" : parked === 0 ? "green" : "yellow"}
          meaning={`Impressions and clicks recorded while the database was down, kept ${parkedClicks.keptIn === "redis" ? "in Redis" : "in this process's memory (clicks only: without Redis a beacon is refused and sent again)"} until an instance replays them.`}
        >
          <Row label="Impressions waiting" value={parkedImpressions.count === null ? "— (store unreachable)" : formatCount(parkedImpressions.count)} testId="parked-impressions-count" />
          <Row label="Clicks waiting" value={parkedClicks.count === null ? "— (store unreachable)" : formatCount(parkedClicks.count)} testId="parked-clicks-count" />
        </Section>

        <Section
          id="invalid-traffic"
          title="Invalid traffic, last hour"
          state={invalidTraffic?.rate == null ? "no events" : formatPercent(invalidTraffic.rate * 100)}
          tone="gray"
          meaning="Share of recorded impressions and clicks judged invalid (bots, rate outliers, off-domain pages): kept for the reports, never billed."
        >
          {invalidTraffic ? (
            <>
              <Row label="Since" value={utc(invalidTraffic.since)} />
              <Row label="Invalid impressions" value={`${formatCount(invalidTraffic.impressions.invalid)} of ${formatCount(invalidTraffic.impressions.valid + invalidTraffic.impressions.invalid)}`} />
              <Row label="Invalid clicks" value={`${formatCount(invalidTraffic.clicks.invalid)} of ${formatCount(invalidTraffic.clicks.valid + invalidTraffic.clicks.invalid)}`} />
              <Row label="Events" value={formatCount(ivtEvents)} testId="invalid-traffic-events" />
            </>
          ) : (
            <Row label="Events" value="— (database unreachable)" />
          )}
        </Section>

        <ScheduledJobs {...scheduledJobs} checkedAt={health.checkedAt} />

        <Section id="instance" title="This instance" state={`v${instance.version}`} tone="gray" meaning="Which build answers, and since when: instances of two deploys tell apart by the build.">
          <Row label="Build" value={instance.buildId ?? "unknown"} testId="build-id" />
          <Row label="Up for" value={duration(instance.uptimeSeconds)} testId="uptime" />
        </Section>
      </div>

      <section aria-labelledby="reads-heading" className="flex flex-col gap-3">
        <h2 id="reads-heading" className="text-sm font-semibold text-slate-700">
          Where this instance&apos;s ad requests found the active set, since it started
        </h2>
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-5">
          <StatCard label="Without a database query" value={stats.hitRate === null ? "—" : formatPercent(stats.hitRate * 100)} detail="Share of all reads" />
          <StatCard label="This instance's copy" value={formatCount(stats.localHits)} detail="Less than a second old: no I/O" />
          <StatCard
            label="Confirmed or read in Redis"
            value={store.shared ? formatCount(stats.redisHits) : "not in use"}
            detail={store.shared ? "The shared copy (a 60-byte check when unchanged)" : "No Redis configured: this copy is checked against the database"}
          />
          <StatCard label="Confirmed by the database" value={formatCount(stats.versionChecks)} detail="A one-row version query (without Redis)" />
          <StatCard label="Loaded from the database" value={formatCount(stats.databaseLoads)} detail="A full load of the active set" />
        </div>
      </section>
    </div>
  );
}
