import { imageSize } from "image-size";

// What an uploaded image creative must be, judged from its bytes alone (the file's name and the
// type the browser claims are the uploader's words, not the content's). Pure: no store, no
// settings read here, so the rules are unit-tested as they are.

/** The raster formats browsers show everywhere, by image-size's name for them. */
export const IMAGE_FORMATS = {
  png: { contentType: "image/png", extension: "png", label: "PNG" },
  jpg: { contentType: "image/jpeg", extension: "jpg", label: "JPEG" },
  gif: { contentType: "image/gif", extension: "gif", label: "GIF" },
  webp: { contentType: "image/webp", extension: "webp", label: "WebP" },
} as const;

export type ImageFormat = keyof typeof IMAGE_FORMATS;

/** What a file input's `accept` lists. */
export const ACCEPTED_IMAGE_TYPES = Object.values(IMAGE_FORMATS).map((format) => format.contentType);

export const imageMessages = {
  empty: "The file is empty. Choose a PNG, JPEG, GIF or WebP image.",
  // SVG is XML that may carry <script> and event handlers: served from this origin, it would run them.
  svg: "The image must be PNG, JPEG, GIF or WebP (SVG is not accepted: it can carry scripts).",
  format: "The image must be PNG, JPEG, GIF or WebP.",
} as const;

/** An image that passed every rule: what the asset store keeps about it. */
export interface CheckedImage {
  bytes: Uint8Array;
  format: ImageFormat;
  contentType: string;
  extension: string;
  width: number;
  height: number;
}

export type ImageCheck = { ok: true; image: CheckedImage } | { ok: false; message: string };

/** "212 KB", "1.4 MB": as people read a file's weight (1 KB = 1,024 bytes). */
export function formatWeight(bytes: number): string {
  const kb = bytes / 1024;
  if (kb < 1024) return `${Math.ceil(kb)} KB`;
  return `${(kb / 1024).toFixed(1)} MB`;
}

/**
 * Checks an upload for a creative of `size`: a PNG, JPEG, GIF or WebP by content, exactly the
 * size or exactly twice it (a retina version, shown at the size), at most `maxBytes`.
 */
export function checkImage(bytes: Uint8Array, size: { width: number; height: number }, maxBytes: number): ImageCheck {
  if (bytes.byteLength === 0) return { ok: false, message: imageMessages.empty };
  let read: { width?: number; height?: number; type?: string };
  try {
    read = imageSize(bytes);
  } catch {
    return { ok: false, message: imageMessages.format };
  }
  if (read.type === "svg") return { ok: false, message: imageMessages.svg };
  if (!read.type || !(read.type in IMAGE_FORMATS) || !read.width || !read.height) return { ok: false, message: imageMessages.format };
  const format = read.type as ImageFormat;
  const { width, height } = read;
  const exact = width === size.width && height === size.height;
  const retina = width === size.width * 2 && height === size.height * 2;
  if (!exact && !retina) {
    return {
      ok: false,
      message: `The image is ${width}×${height} px; a ${size.width}×${size.height} creative needs ${size.width}×${size.height} or ${size.width * 2}×${size.height * 2}.`,
    };
  }
  if (bytes.byteLength > maxBytes) {
    return { ok: false, message: `The image is ${formatWeight(bytes.byteLength)}; the most is ${formatWeight(maxBytes)}.` };
  }
  const { contentType, extension } = IMAGE_FORMATS[format];
  return { ok: true, image: { bytes, format, contentType, extension, width, height } };
}
