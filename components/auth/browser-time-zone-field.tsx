"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The new organisation's time zone, from the browser: a hidden field filled once the page has
 * script (the server's HTML has it empty, so it hydrates without a mismatch). Without script,
 * or with a zone the server does not know, the organisation starts in UTC; either way it is
 * changed later in Settings → Organisation, which this says.
 */
export function BrowserTimeZoneField() {
  const timeZone = useSyncExternalStore(subscribe, browserTimeZone, () => "");
  return (
    <>
      <input type="hidden" name="timeZone" value={timeZone} />
      {timeZone ? (
        <p className="text-xs text-slate-500" data-testid="sign-up-time-zone">
          Dates will be shown and entered in {timeZone}, your browser&apos;s time zone. You can change it later in Settings → Organisation.
        </p>
      ) : null}
    </>
  );
}
