"use client";

import { useEffect, useState } from "react";
import { Button } from "./button";

type CopyStatus = "idle" | "copied" | "selected";

/**
 * A Copy button and its spoken status. Where the clipboard is refused (no permission, an
 * insecure origin), `selectFallback` selects the text instead, and the status says to press Ctrl+C.
 */
export function CopyButton({ text, label = "Copy", selectFallback }: { text: string; label?: string; selectFallback: () => void }) {
  const [status, setStatus] = useState<CopyStatus>("idle");

  useEffect(() => {
    if (status === "idle") return;
    const timer = setTimeout(() => setStatus("idle"), 4_000);
    return () => clearTimeout(timer);
  }, [status]);

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error("Clipboard unavailable");
      await navigator.clipboard.writeText(text);
      setStatus("copied");
    } catch {
      selectFallback();
      setStatus("selected");
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="button" variant="secondary" onClick={() => void copy()}>
        {label}
      </Button>
      <span role="status" aria-live="polite" className="text-sm text-slate-600">
        {status === "copied" ? "Copied" : status === "selected" ? "Selected: press Ctrl+C (⌘C on a Mac) to copy." : ""}
      </span>
    </div>
  );
}
