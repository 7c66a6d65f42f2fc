// The scheduled jobs of vercel.json, run by Marquee's own server (scripts/server.mjs) wherever
// Vercel Cron does not run them: the Docker image, a self-hosted `node scripts/server.mjs`.
// Only with CRON_SECRET set — the routes refuse without it. At each minute (UTC) that a job's
// schedule names, the server calls the job's route on itself with the secret, exactly as Vercel
// Cron would; the route does the work, records the run (/admin/health) and logs it. Runs are
// safe to overlap, so several instances may each run them. A server that was down at a job's
// minute asks for that run when it starts again (the route makes it only if no instance did).

const MINUTE = 60_000;
/** How far back a starting server looks for a run it may have missed: a weekly schedule's week, and a day. */
const CATCH_UP_LOOKBACK_MINUTES = 8 * 24 * 60;

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

/** The latest minute at or before `date` that a cron expression names, looking back at most `lookbackMinutes`; null if none. */
export function previousMatch(expression, date, lookbackMinutes = CATCH_UP_LOOKBACK_MINUTES) {
  const start = Math.floor(date.getTime() / MINUTE) * MINUTE;
  for (let back = 0; back <= lookbackMinutes; back++) {
    const at = new Date(start - back * MINUTE);
    if (cronMatches(expression, at)) return at;
  }
  return null;
}

/** A log line in the app's shape (lib/log/logger.ts): one JSON object on stdout. */
function logLine(level, fields, message) {
  console.log(JSON.stringify({ level, time: new Date().toISOString(), ...fields, message }));
}

/**
 * Calls each job of `crons` ({ path, schedule }) at `origin` with `secret` at every minute its
 * schedule names, from the next minute on, until stop(). With `catchUpAfterMs` (a number), that
 * long after the start it also calls each job once with `?missed=` the last minute it was due
 * (this one included): the route runs it if no instance has since. A call that fails or answers
 * an error is logged ("A scheduled job's call failed"); the route has logged why. `now`,
 * `setTimer` and `fetchImpl` are the clock and the network, for tests.
 */
export function startJobScheduler({ crons, origin, secret, catchUpAfterMs = null, log = logLine, now = () => Date.now(), setTimer = setTimeout, clearTimer = clearTimeout, fetchImpl = fetch, timeoutMs = 5 * MINUTE }) {
  let timer;
  let catchUpTimer;
  let stopped = false;
  const call = async (job, missed) => {
    try {
      const url = new URL(job.path, origin);
      if (missed) url.searchParams.set("missed", missed.toISOString());
      const response = await fetchImpl(url, { headers: { authorization: `Bearer ${secret}` }, signal: AbortSignal.timeout(timeoutMs) });
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
  if (catchUpAfterMs !== null) {
    // The minutes due are read at the start: a job due while the server waits is the timer's.
    const due = crons.map((job) => [job, previousMatch(job.schedule, new Date(now()))]).filter(([, missed]) => missed !== null);
    catchUpTimer = setTimer(() => {
      if (!stopped) for (const [job, missed] of due) void call(job, missed);
    }, catchUpAfterMs);
    catchUpTimer?.unref?.();
  }
  next();
  return {
    stop() {
      stopped = true;
      clearTimer(timer);
      clearTimer(catchUpTimer);
    },
  };
}
