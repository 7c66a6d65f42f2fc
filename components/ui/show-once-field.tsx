"use client";

import { useRef, type ReactNode } from "react";
import { CopyButton } from "./copy-button";

/** A secret or link just created, shown this once: a read-only field to copy from, a hint, and a Copy button. */
export function ShowOnceField({ id, label, value, hint, copyLabel }: { id: string; label: ReactNode; value: string; hint: ReactNode; copyLabel: string }) {
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <div className="flex flex-col gap-2 rounded-md bg-amber-50 p-4 ring-1 ring-amber-200">
      <label htmlFor={id} className="text-sm font-medium text-amber-900">
        {label}
      </label>
      <input
        ref={inputRef}
        id={id}
        readOnly
        value={value}
        onFocus={(event) => event.currentTarget.select()}
        className="block w-full rounded-md border border-amber-300 bg-white px-3 py-2 font-mono text-sm text-slate-900"
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} className="text-xs text-amber-900">
        {hint}
      </p>
      <CopyButton text={value} label={copyLabel} selectFallback={() => inputRef.current?.select()} />
    </div>
  );
}
