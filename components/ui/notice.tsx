/** A confirmation after an action that redirected (e.g. ?notice=…), announced politely. */
export function Notice({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div role="status" aria-live="polite" className="mb-4 rounded-md bg-emerald-50 px-4 py-2.5 text-sm text-emerald-800 ring-1 ring-emerald-200">
      {message}
    </div>
  );
}
