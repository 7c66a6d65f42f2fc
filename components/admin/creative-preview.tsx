import { AdLabelBadge } from "@/components/ui/ad-label-badge";
import { RealSizeScroller } from "@/components/ui/real-size-scroller";
import type { CreativeKind } from "@/lib/generated/prisma/enums";

interface PreviewCreative {
  kind: CreativeKind;
  name: string;
  width: number;
  height: number;
  imageUrl: string | null;
  altText: string | null;
  headline: string | null;
  body: string | null;
  html: string | null;
}

/** Only http(s) or a path of this site loads as an image; anything else is shown, not fetched. */
function safeImageSource(url: string | null): string | null {
  if (!url) return null;
  if (url.startsWith("/") && !url.startsWith("//")) return url;
  return /^https?:\/\//i.test(url) ? url : null;
}

/**
 * The creative at its real size, as it would render in a placement: exactly width×height, the
 * disclosure label in its corner as the snippet draws it, never scaled — on a narrow screen
 * the box scrolls sideways. HTML runs in an iframe with an empty sandbox: no scripts, no
 * forms, no navigation, an opaque origin; its body's default margin goes, as in the snippet.
 * Text goes through React (escaped).
 */
export function CreativePreview({ creative }: { creative: PreviewCreative }) {
  const { width, height } = creative;
  const box: React.CSSProperties = { position: "relative", width, height, overflow: "hidden", boxSizing: "border-box", flex: "none" };
  let content: React.ReactNode;
  if (creative.kind === "IMAGE") {
    const source = safeImageSource(creative.imageUrl);
    content = source ? (
      <div style={box}>
        <AdLabelBadge />
        {/* A plain img: the advertiser's file at its exact size, as the snippet shows it (no optimisation). */}
        <img src={source} alt={creative.altText ?? ""} width={width} height={height} style={{ width, height, maxWidth: "none" }} className="block" referrerPolicy="no-referrer" />
      </div>
    ) : (
      <div style={box} className="flex items-center justify-center bg-red-50 p-3 text-center text-sm text-red-800">
        The image URL is not http(s): {creative.imageUrl ?? "none"}
      </div>
    );
  } else if (creative.kind === "TEXT") {
    content = (
      <div style={{ ...box, padding: 12, font: "14px/1.4 sans-serif", border: "1px solid #ccc", background: "#fff", color: "#111" }}>
        <AdLabelBadge inText />
        <strong className="block">{creative.headline}</strong>
        <span>{creative.body}</span>
      </div>
    );
  } else {
    content = (
      <div style={box}>
        <AdLabelBadge />
        <iframe
          title={`Preview of ${creative.name}`}
          sandbox=""
          srcDoc={`${creative.html ?? ""}<style>:where(html,body){margin:0;height:100%}</style>`}
          width={width}
          height={height}
          style={{ width, height, maxWidth: "none" }}
          className="block border-0 bg-white"
        />
      </div>
    );
  }
  return (
    <RealSizeScroller label={`Preview of ${creative.name}, ${width}×${height}`}>
      <div className="inline-block rounded border border-dashed border-slate-300 p-px" data-testid="creative-preview">
        {content}
      </div>
    </RealSizeScroller>
  );
}
