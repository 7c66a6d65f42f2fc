import { env, type Env } from "@/lib/config/env";
import type { AssetStore } from "./asset-store";
import { blobAssetStore } from "./blob-asset-store";
import { databaseAssetStore } from "./database-asset-store";

/** Vercel Blob when its token is set (Vercel sets it when a Blob store is connected), else the database. */
export function chooseAssetStore(config: Pick<Env, "BLOB_READ_WRITE_TOKEN"> = env()): AssetStore {
  return config.BLOB_READ_WRITE_TOKEN ? blobAssetStore(config.BLOB_READ_WRITE_TOKEN) : databaseAssetStore;
}

/** ASSET_MAX_KB in bytes: the heaviest image an advertiser may upload. */
export function assetMaxBytes(config: Pick<Env, "ASSET_MAX_KB"> = env()): number {
  return config.ASSET_MAX_KB * 1024;
}
