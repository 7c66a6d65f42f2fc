import { createHash } from "node:crypto";
import { IMAGE_FORMATS } from "./image-rules";

// An asset is named by its content: the SHA-256 of its bytes. The same bytes uploaded twice
// are one asset, and a name never points at other bytes, so its URL may be cached forever.

/** The folder of this deployment that serves assets (one of lib/model/urls.ts IMAGE_PATH_PREFIXES). */
export const ASSET_PATH_PREFIX = "/assets/";

export function assetId(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** "/assets/<sha256>.png": the path a creative's imageUrl holds. */
export function assetPath(id: string, extension: string): string {
  return `${ASSET_PATH_PREFIX}${id}.${extension}`;
}

const NAME = /^([0-9a-f]{64})\.([a-z]{3,4})$/;
const EXTENSIONS: readonly string[] = Object.values(IMAGE_FORMATS).map((format) => format.extension);

/** "<sha256>.<ext>" → its parts, or null for any other name. */
export function parseAssetName(name: string): { id: string; extension: string } | null {
  const match = NAME.exec(name);
  if (!match || !EXTENSIONS.includes(match[2]!)) return null;
  return { id: match[1]!, extension: match[2]! };
}

/** The extension an asset of this content type is named with. */
export function extensionOf(contentType: string): string | null {
  return Object.values(IMAGE_FORMATS).find((format) => format.contentType === contentType)?.extension ?? null;
}
