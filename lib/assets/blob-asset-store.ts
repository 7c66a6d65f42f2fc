import { put } from "@vercel/blob";
import { assetId, assetPath } from "./asset-name";
import type { AssetStore } from "./asset-store";
import { recordAsset } from "./record-asset";

/** A year, in seconds: an asset's name is its content, so it never changes. */
export const ASSET_MAX_AGE_SECONDS = 31_536_000;

/**
 * Vercel Blob (BLOB_READ_WRITE_TOKEN): the bytes on Blob's CDN, the row in the database with
 * the blob's URL. The blob's pathname is the asset's name, with no random suffix, so the same
 * bytes land on the same blob; an asset already recorded is not uploaded again.
 */
export function blobAssetStore(token: string): AssetStore {
  return {
    kind: "blob",
    async save(organizationId, image, deps) {
      const id = assetId(image.bytes);
      const known = await deps.prisma.asset.findUnique({ where: { id }, select: { id: true } });
      if (known) return assetPath(id, image.extension);
      const blob = await put(`assets/${id}.${image.extension}`, Buffer.from(image.bytes), {
        access: "public",
        token,
        contentType: image.contentType,
        addRandomSuffix: false,
        // Same name, same bytes: a second upload (a race with another instance) rewrites identical content.
        allowOverwrite: true,
        cacheControlMaxAge: ASSET_MAX_AGE_SECONDS,
      });
      return recordAsset(organizationId, image, { blobUrl: blob.url }, deps);
    },
  };
}
