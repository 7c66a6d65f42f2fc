import { RealSizeScroller } from "@/components/ui/real-size-scroller";

/**
 * The snippet running for real in a page of its own: what a visitor would see now, the site's
 * disclosure label included. Scripts may run (the snippet is a script) but in an opaque origin
 * (no allow-same-origin), cut off from this dashboard's cookies and DOM. The frame is exactly
 * the placement's size (its dashed outline sits outside it, so it takes nothing from the ad)
 * and never scaled: wider than the screen, the box scrolls sideways.
 */
export function EmbedPreview({ placementId, width, height, name }: { placementId: string; width: number; height: number; name: string }) {
  return (
    <RealSizeScroller label={`Live preview of ${name}, ${width}×${height}`} className="p-px">
      <iframe
        title={`Live preview of ${name}`}
        sandbox="allow-scripts allow-popups"
        referrerPolicy="no-referrer"
        src={`/api/preview/${encodeURIComponent(placementId)}`}
        width={width}
        height={height}
        className="block bg-white outline-1 outline-offset-0 outline-slate-300 outline-dashed"
        style={{ width, height, maxWidth: "none", border: 0 }}
      />
    </RealSizeScroller>
  );
}
