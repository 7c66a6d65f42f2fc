import { noticeFor } from "@/lib/forms/notices";

/**
 * What the action that redirected here (`?notice=<code>`, lib/forms/notices.ts) says: a
 * confirmation, announced politely, or what went wrong, as an alert. Unknown codes show nothing.
 */
export function Notice({ code }: { code: string | string[] | undefined }) {
  const notice = noticeFor(code);
  if (!notice) return null;
  if (notice.tone === "success") {
    return (
      <div role="status" aria-live="polite" className="mb-4 rounded-md bg-emerald-50 px-4 py-2.5 text-sm text-emerald-800 ring-1 ring-emerald-200">
        {notice.message}
      </div>
    );
  }
  return (
    <div role="alert" className="mb-4 rounded-md bg-red-50 px-4 py-2.5 text-sm text-red-800 ring-1 ring-red-200">
      {notice.message}
    </div>
  );
}
