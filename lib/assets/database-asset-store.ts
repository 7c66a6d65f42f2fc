import type { AssetStore } from "./asset-store";
import { recordAsset } from "./record-asset";

/**
 * The bytes in the asset table itself: the embedded database and a self-hosted Postgres need
 * nothing else. Images are at most ASSET_MAX_KB (150 KB by default), and each is read once per
 * browser or CDN: the route's answer is cacheable forever.
 */
export const databaseAssetStore: AssetStore = {
  kind: "database",
  save: (organizationId, image, deps) => recordAsset(organizationId, image, { data: new Uint8Array(image.bytes) }, deps),
};
