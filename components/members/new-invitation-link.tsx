"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

type CopyStatus = "idle" | "copied" | "selected";

/**
 * An invitation link just created, shown this once: a read-only field and a Copy button.
 * Where the clipboard is refused, the text is selected instead for Ctrl+C.
 */
export function NewInvitationLink({ url }: { url: string }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<CopyStatus>("idle");

  useEffect(() => {
    if (status === "idle") return;
    const timer = setTimeout(() => setStatus("idle"), 4_000);
    return () => clearTimeout(timer);
  }, [status]);

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error("Clipboard unavailable");
      await navigator.clipboard.writeText(url);
      setStatus("copied");
    } catch {
      inputRef.current?.select();
      setStatus("selected");
    }
  }

  return (
    <div className="flex flex-col gap-2 rounded-md bg-amber-50 p-4 ring-1 ring-amber-200">
      <label htmlFor="new-invitation-link" className="text-sm font-medium text-amber-900">
        Invitation link
      </label>
      <input
        ref={inputRef}
        id="new-invitation-link"
        readOnly
        value={url}
        onFocus={(event) => event.currentTarget.select()}
        className="block w-full rounded-md border border-amber-300 bg-white px-3 py-2 font-mono text-sm text-slate-900"
        aria-describedby="new-invitation-link-hint"
      />
      <p id="new-invitation-link-hint" className="text-xs text-amber-900">
        Send it to the person you invite (no e-mail is sent by Marquee). It is not stored and cannot be shown again.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="secondary" onClick={copy}>
          Copy link
        </Button>
        <span role="status" aria-live="polite" className="text-sm text-slate-600">
          {status === "copied" ? "Copied" : status === "selected" ? "Selected: press Ctrl+C (⌘C on a Mac) to copy." : ""}
        </span>
      </div>
    </div>
  );
}
