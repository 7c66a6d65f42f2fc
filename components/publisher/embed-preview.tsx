/**
 * The snippet running for real in a page of its own: what a visitor would see now. Scripts
 * may run (the snippet is a script) but in an opaque origin (no allow-same-origin), cut off
 * from this dashboard's cookies and DOM.
 */
export function EmbedPreview({ placementId, width, height, name }: { placementId: string; width: number; height: number; name: string }) {
  return (
    <div className="overflow-x-auto">
      <iframe
        title={`Live preview of ${name}`}
        sandbox="allow-scripts allow-popups"
        referrerPolicy="no-referrer"
        src={`/api/preview/${encodeURIComponent(placementId)}`}
        width={width}
        height={height}
        className="block rounded border border-dashed border-slate-300 bg-white"
        style={{ width, height, maxWidth: "none" }}
      />
    </div>
  );
}
