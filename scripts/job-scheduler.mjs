// The scheduled jobs of vercel.json, run by Marquee's own server (scripts/server.mjs) wherever
// Vercel Cron does not run them: the Docker image, a self-hosted `node scripts/server.mjs`.
// Only with CRON_SECRET set — the routes refuse without it. At each minute (UTC) that a job's
// schedule names, the server calls the job's route on itself with the secret, exactly as Vercel
// Cron would; the route does the work, records the run (/admin/health) and logs it. Runs are
// safe to overlap, so several instances may each run them.

/** Whether one field of a cron expression ("*", "5", "*\/15", "1,31", "9-17", "1-5/2") names `value`. */
export function fieldMatches(field, value) {
  return field.split(",").some((part) => {
    const [range, stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return false;
    if (range === "*") return value % step === 0;
    const [low, high = low] = range.split("-").map(Number);
    return Number.isInteger(low) && Number.isInteger(high) && value >= low && value <= high && (value - low) % step === 0;
  });
}

/** Whether a five-field cron expression (minute hour day-of-month month day-of-week, in UTC, as Vercel reads it) names the minute of `date`. */
export function cronMatches(expression, date) {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return false;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields;
  return (
    fieldMatches(minute, date.getUTCMinutes()) &&
    fieldMatches(hour, date.getUTCHours()) &&
    fieldMatches(dayOfMonth, date.getUTCDate()) &&
    fieldMatches(month, date.getUTCMonth() + 1) &&
    fieldMatches(dayOfWeek, date.getUTCDay())
  );
}

/** A log line in the app's shape (lib/log/logger.ts): one JSON object on stdout. */
function logLine(level, fields, message) {
  console.log(JSON.stringify({ level, time: new Date().toISOString(), ...fields, message }));
}

const MINUTE = 60_000;

/**
 * Calls each job of `crons` ({ path, schedule }) at `origin` with `secret` at every minute its
 * schedule names, from the next minute on, until stop(). A call that fails or answers an error
 * is logged ("A scheduled job's call failed"); the route has logged why. `now`, `setTimer`
 * and `fetchImpl` are the clock and the network, for tests.
 */
export function startJobScheduler({ crons, origin, secret, log = logLine, now = () => Date.now(), setTimer = setTimeout, clearTimer = clearTimeout, fetchImpl = fetch, timeoutMs = 5 * MINUTE }) {
  let timer;
  let stopped = false;
  const call = async (job) => {
    try {
      const response = await fetchImpl(new URL(job.path, origin), { headers: { authorization: `Bearer ${secret}` }, signal: AbortSignal.timeout(timeoutMs) });
      await response.arrayBuffer();
      if (!response.ok) log("error", { job: job.path, status: response.status }, "A scheduled job's call failed");
    } catch (error) {
      log("error", { job: job.path, error: error instanceof Error ? error.message : String(error) }, "A scheduled job's call failed");
    }
  };
  const next = () => {
    if (stopped) return;
    // The next whole minute, matched as itself: a timer that fires late still runs that minute's jobs.
    const minute = Math.floor(now() / MINUTE) * MINUTE + MINUTE;
    timer = setTimer(() => {
      const at = new Date(minute);
      for (const job of crons) if (cronMatches(job.schedule, at)) void call(job);
      next();
    }, Math.max(0, minute - now()));
    timer?.unref?.();
  };
  next();
  return {
    stop() {
      stopped = true;
      clearTimer(timer);
    },
  };
}
