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
 * The creative at its real size, as it would render in a placement. HTML runs in an
 * iframe with an empty sandbox: no scripts, no forms, no navigation, an opaque origin.
 * Text goes through React (escaped).
 */
export function CreativePreview({ creative }: { creative: PreviewCreative }) {
  const { width, height } = creative;
  const box = { width, height };
  let content: React.ReactNode;
  if (creative.kind === "IMAGE") {
    const source = safeImageSource(creative.imageUrl);
    content = source ? (
      // A plain img: the advertiser's file at its exact size, as the snippet shows it (no optimisation).
      <img src={source} alt={creative.altText ?? ""} width={width} height={height} style={box} className="block" referrerPolicy="no-referrer" />
    ) : (
      <div style={box} className="flex items-center justify-center bg-red-50 p-3 text-center text-sm text-red-800">
        The image URL is not http(s): {creative.imageUrl ?? "none"}
      </div>
    );
  } else if (creative.kind === "TEXT") {
    content = (
      <div style={box} className="box-border overflow-hidden border border-slate-300 bg-white p-3 text-sm leading-snug text-slate-900">
        <strong className="block">{creative.headline}</strong>
        <span>{creative.body}</span>
      </div>
    );
  } else {
    content = (
      <iframe
        title={`Preview of ${creative.name}`}
        sandbox=""
        srcDoc={creative.html ?? ""}
        width={width}
        height={height}
        style={{ ...box, maxWidth: "none" }}
        className="block border-0 bg-white"
      />
    );
  }
  return (
    <div className="overflow-x-auto">
      <div className="inline-block rounded border border-dashed border-slate-300 p-px" data-testid="creative-preview">
        {content}
      </div>
    </div>
  );
}
