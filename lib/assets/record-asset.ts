import type { ReadDeps } from "@/lib/db/deps";
import { assetId, assetPath } from "./asset-name";
import type { CheckedImage } from "./image-rules";

/**
 * Writes the asset's row unless one with its id (its bytes' hash) exists: ON CONFLICT DO
 * NOTHING, so two uploads of the same bytes at once are one asset and neither fails. The
 * first uploader stays its owner; the bytes are the same, so is what is served.
 */
export async function recordAsset(
  organizationId: string,
  image: CheckedImage,
  where: { data: Uint8Array<ArrayBuffer> } | { blobUrl: string },
  deps: ReadDeps,
): Promise<string> {
  const id = assetId(image.bytes);
  await deps.prisma.asset.createMany({
    data: [{ id, organizationId, contentType: image.contentType, width: image.width, height: image.height, byteSize: image.bytes.byteLength, ...where }],
    skipDuplicates: true,
  });
  return assetPath(id, image.extension);
}
