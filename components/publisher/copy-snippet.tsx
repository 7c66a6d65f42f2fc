"use client";

import { useRef } from "react";
import { CopyButton } from "@/components/ui/copy-button";

/** The snippet in a code block with a Copy button. */
export function CopySnippet({ snippet, label }: { snippet: string; label: string }) {
  const codeRef = useRef<HTMLElement>(null);

  function selectSnippet() {
    const code = codeRef.current;
    const selection = window.getSelection();
    if (code && selection) selection.selectAllChildren(code);
  }

  return (
    <div className="flex flex-col gap-2">
      {/* Focusable: a keyboard scrolls the snippet sideways on a narrow screen. */}
      <pre tabIndex={0} aria-label={label} className="overflow-x-auto rounded-md bg-slate-900 p-4 text-[13px] leading-relaxed text-slate-100">
        <code ref={codeRef}>{snippet}</code>
      </pre>
      <CopyButton text={snippet} selectFallback={selectSnippet} />
    </div>
  );
}
