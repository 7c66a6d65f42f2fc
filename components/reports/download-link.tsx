/**
 * A link to a CSV route handler. A plain <a download>, not next/link: the target is a file
 * from a route handler, not a page to navigate to on the client.
 */
export function DownloadLink({ href, label, children }: { href: string; label?: string; children: React.ReactNode }) {
  return (
    <a
      href={href}
      download
      aria-label={label}
      className="inline-flex items-center justify-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 transition-colors hover:bg-slate-50"
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth={1.5}>
        <path d="M8 2v8m0 0 3-3m-3 3L5 7M3 12.5h10" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {children}
    </a>
  );
}
