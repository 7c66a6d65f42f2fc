import type { CreativeKind } from "@/lib/model/enums";
import { AdLabelBadge } from "@/components/ui/ad-label-badge";
import { RealSizeScroller } from "@/components/ui/real-size-scroller";
import { imageSource } from "@/lib/model/urls";

export interface CreativePreviewProps {
  kind: CreativeKind;
  width: number;
  height: number;
  imageUrl?: string | null;
  altText?: string | null;
  headline?: string | null;
  body?: string | null;
  html?: string | null;
}

/**
 * A creative at its real size, rendered the way the snippet renders it — exactly width×height,
 * with the disclosure label in its corner — and as safely: text is text (React escapes it), an
 * image needs a URL the form accepts, and HTML runs in an iframe with an empty sandbox (no
 * scripts, no same-origin access to the dashboard), its body's default margin gone as in the
 * snippet's frame.
 */
export function CreativePreview({ kind, width, height, imageUrl, altText, headline, body, html }: CreativePreviewProps) {
  const box: React.CSSProperties = { position: "relative", width, height, overflow: "hidden", boxSizing: "border-box", flex: "none" };
  if (kind === "IMAGE") {
    // Only what the form accepts: an http(s) URL or a path under this deployment's image
    // folders. Any other path (stored under older rules) would load the ad server's own
    // /c/… or /api/… with the dashboard's cookies.
    const src = imageSource(imageUrl ?? "");
    if (!src) {
      return (
        <div style={box} className="flex items-center justify-center border border-dashed border-slate-300 bg-slate-50 p-3 text-center text-xs text-slate-500">
          Enter an image URL (https://…) to see the image here.
        </div>
      );
    }
    return (
      <div style={box}>
        <AdLabelBadge />
        {/* A plain <img>, not next/image: any advertiser host, shown as the snippet shows it. */}
        <img src={src} alt={altText ?? ""} width={width} height={height} referrerPolicy="no-referrer" style={{ display: "block", width, height, maxWidth: "none", objectFit: "cover" }} />
      </div>
    );
  }
  if (kind === "TEXT") {
    return (
      <div style={{ ...box, padding: 12, font: "14px/1.4 sans-serif", border: "1px solid #ccc", background: "#fff", color: "#111" }}>
        <AdLabelBadge inText />
        <strong style={{ display: "block" }}>{headline}</strong>
        <span>{body}</span>
      </div>
    );
  }
  return (
    <div style={box}>
      <AdLabelBadge />
      <iframe
        sandbox=""
        srcDoc={`${html ?? ""}${FRAME_STYLE}`}
        title="Preview of the HTML creative"
        width={width}
        height={height}
        style={{ display: "block", width, height, maxWidth: "none", border: 0, background: "#fff" }}
      />
    </div>
  );
}

/** What the snippet appends to an HTML creative's frame (lib/embed/embed.js): no UA margin, html and body the frame's height; a creative's own rules still win. */
const FRAME_STYLE = "<style>:where(html,body){margin:0;height:100%}</style>";

/** The preview at real size in a box that scrolls sideways when the ad is wider than the screen, with its size. */
export function CreativePreviewFrame(props: CreativePreviewProps & { caption?: string }) {
  return (
    <figure className="flex min-w-0 flex-col gap-2">
      <RealSizeScroller label={`Preview at ${props.width}×${props.height}`} className="rounded-md bg-[repeating-conic-gradient(#f1f5f9_0_25%,#fff_0_50%)] bg-[length:16px_16px] p-3 ring-1 ring-slate-200">
        <CreativePreview {...props} />
      </RealSizeScroller>
      <figcaption className="text-xs text-slate-500">{props.caption ?? `Actual size: ${props.width}×${props.height} pixels, with the “Ad” label each site shows in its own words.`}</figcaption>
    </figure>
  );
}
