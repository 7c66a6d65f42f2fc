import type { ReadDeps } from "@/lib/db/deps";
import type { CheckedImage } from "./image-rules";

/**
 * Where uploaded images are kept. Either way the asset table has a row per asset (its owner,
 * type, size), and the creative holds the asset's path (/assets/<sha256>.<ext>), never the
 * store's own URL: the path passes the creative URL rules as it is, stays valid if the
 * deployment changes stores, and the route behind it answers for both.
 */
export interface AssetStore {
  kind: "database" | "blob";
  /** Keeps the image for the organisation, unless the same bytes are already kept; answers the asset's path. */
  save(organizationId: string, image: CheckedImage, deps: ReadDeps): Promise<string>;
}
