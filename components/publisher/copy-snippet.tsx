"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

type CopyStatus = "idle" | "copied" | "selected";

/**
 * The snippet in a code block with a Copy button. Where the clipboard is refused (no
 * permission, an insecure origin), the text is selected instead for Ctrl+C.
 */
export function CopySnippet({ snippet, label }: { snippet: string; label: string }) {
  const codeRef = useRef<HTMLElement>(null);
  const [status, setStatus] = useState<CopyStatus>("idle");

  useEffect(() => {
    if (status === "idle") return;
    const timer = setTimeout(() => setStatus("idle"), 4_000);
    return () => clearTimeout(timer);
  }, [status]);

  function selectSnippet() {
    const code = codeRef.current;
    const selection = window.getSelection();
    if (!code || !selection) return;
    selection.selectAllChildren(code);
  }

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error("Clipboard unavailable");
      await navigator.clipboard.writeText(snippet);
      setStatus("copied");
    } catch {
      selectSnippet();
      setStatus("selected");
    }
  }

  return (
    <div className="flex flex-col gap-2">
      <pre aria-label={label} className="overflow-x-auto rounded-md bg-slate-900 p-4 text-[13px] leading-relaxed text-slate-100">
        <code ref={codeRef}>{snippet}</code>
      </pre>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="secondary" onClick={copy}>
          Copy
        </Button>
        <span role="status" aria-live="polite" className="text-sm text-slate-600">
          {status === "copied" ? "Copied" : status === "selected" ? "Selected: press Ctrl+C (⌘C on a Mac) to copy." : ""}
        </span>
      </div>
    </div>
  );
}
