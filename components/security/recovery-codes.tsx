"use client";

import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";

/** New recovery codes, shown this once: copy them, download them as a text file, then say they are saved. */
export function RecoveryCodes({ codes, message, onSaved }: { codes: readonly string[]; message: string; onSaved: () => void }) {
  const textRef = useRef<HTMLTextAreaElement>(null);
  const text = codes.join("\n");

  function download() {
    const file = new Blob([`Marquee recovery codes (each works once)\n\n${text}\n`], { type: "text/plain" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(file);
    link.download = "marquee-recovery-codes.txt";
    link.click();
    URL.revokeObjectURL(link.href);
  }

  return (
    <section aria-labelledby="recovery-codes-heading" className="flex flex-col gap-3 rounded-md bg-amber-50 p-4 ring-1 ring-amber-200">
      <h3 id="recovery-codes-heading" className="font-semibold text-amber-900">
        Recovery codes
      </h3>
      <p role="status" className="text-sm text-amber-900">
        {message}
      </p>
      <p className="text-sm text-amber-900">
        If you lose your phone, sign in with one of these instead of a code from the app. Each works once. Keep them somewhere safe, apart from your
        password.
      </p>
      <ol aria-label="Recovery codes" className="grid grid-cols-2 gap-x-6 gap-y-1 rounded-md bg-white p-3 font-mono text-sm text-slate-900 sm:grid-cols-3">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      {/* What Copy falls back to selecting where the clipboard is refused. */}
      <textarea ref={textRef} readOnly value={text} aria-hidden="true" tabIndex={-1} className="sr-only" />
      <div className="flex flex-wrap items-center gap-3">
        <CopyButton text={text} label="Copy codes" selectFallback={() => textRef.current?.select()} />
        <Button type="button" variant="secondary" onClick={download}>
          Download
        </Button>
        <Button type="button" onClick={onSaved}>
          I have saved them
        </Button>
      </div>
    </section>
  );
}
