import type { CreativeKind } from "@/lib/model/enums";
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
 * A creative at its real size, rendered the way the snippet renders it — and as safely:
 * text is text (React escapes it), an image needs a URL the form accepts, and HTML runs in an
 * iframe with an empty sandbox (no scripts, no same-origin access to the dashboard).
 */
export function CreativePreview({ kind, width, height, imageUrl, altText, headline, body, html }: CreativePreviewProps) {
  const box = { width, height };
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
    // A plain <img>, not next/image: any advertiser host, shown as the snippet shows it.
    return <img src={src} alt={altText ?? ""} width={width} height={height} referrerPolicy="no-referrer" style={{ ...box, display: "block", objectFit: "cover" }} />;
  }
  if (kind === "TEXT") {
    return (
      <div
        style={{ ...box, boxSizing: "border-box", padding: 12, font: "14px/1.4 sans-serif", border: "1px solid #ccc", overflow: "hidden", background: "#fff", color: "#111" }}
      >
        <strong style={{ display: "block" }}>{headline}</strong>
        <span>{body}</span>
      </div>
    );
  }
  return <iframe sandbox="" srcDoc={html ?? ""} title="Preview of the HTML creative" width={width} height={height} style={{ ...box, display: "block", border: 0, background: "#fff" }} />;
}

/** The preview in a frame that scrolls when the ad is wider than the screen, with its size. */
export function CreativePreviewFrame(props: CreativePreviewProps & { caption?: string }) {
  return (
    <figure className="flex flex-col gap-2">
      <div className="max-w-full overflow-auto rounded-md bg-[repeating-conic-gradient(#f1f5f9_0_25%,#fff_0_50%)] bg-[length:16px_16px] p-3 ring-1 ring-slate-200">
        <div style={{ width: props.width, height: props.height }}>
          <CreativePreview {...props} />
        </div>
      </div>
      <figcaption className="text-xs text-slate-500">{props.caption ?? `Actual size: ${props.width}×${props.height} pixels.`}</figcaption>
    </figure>
  );
}
