import type { ReadDeps } from "@/lib/db/deps";
import { extensionOf, parseAssetName } from "./asset-name";
import { ASSET_MAX_AGE_SECONDS } from "./blob-asset-store";

// The answer to GET /assets/<sha256>.<ext>. The name is the content's hash, so the answer
// never changes: browsers, CDNs and publisher pages may keep it for a year without asking.

const IMMUTABLE = `public, max-age=${ASSET_MAX_AGE_SECONDS}, immutable`;

const notFound = () =>
  new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });

/**
 * The asset's bytes (database store), or a permanent redirect to its blob (Blob store); 404
 * for a name that is not an asset's — a malformed name, an unknown hash, or a known hash with
 * another format's extension.
 */
export async function assetResponse(name: string, headers: Headers, deps: ReadDeps): Promise<Response> {
  const parsed = parseAssetName(name);
  if (!parsed) return notFound();
  const asset = await deps.prisma.asset.findUnique({ where: { id: parsed.id }, select: { contentType: true, data: true, blobUrl: true } });
  if (!asset || extensionOf(asset.contentType) !== parsed.extension) return notFound();
  const etag = `"${parsed.id}"`;
  const common = {
    "Cache-Control": IMMUTABLE,
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
    // Publisher pages on any origin show it.
    "Cross-Origin-Resource-Policy": "cross-origin",
  };
  if (asset.data) {
    if (headers.get("if-none-match")?.split(",").some((tag) => tag.trim() === etag)) return new Response(null, { status: 304, headers: common });
    return new Response(asset.data, { status: 200, headers: { ...common, "Content-Type": asset.contentType, "Content-Length": String(asset.data.byteLength) } });
  }
  if (asset.blobUrl) return new Response(null, { status: 308, headers: { ...common, Location: asset.blobUrl } });
  return notFound();
}
