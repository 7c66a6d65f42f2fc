// The URLs a creative may hold, decided once: the click redirect sends people to a landing
// URL, the snippet loads an image URL into publisher pages. Used by the forms and the API (to
// refuse), by tracking (to re-check a stored landing URL before redirecting) and by serving.

/**
 * The folders of this deployment that image creatives may be served from: the demo data's
 * images (public/demo) and uploaded images (/assets/). Any other path on the ad server — the
 * click redirect /c/…, /api/… — is not an image, and loading it from an ad would act on it.
 */
export const IMAGE_PATH_PREFIXES = ["/demo/", "/assets/"] as const;

/**
 * An image's address: an absolute http(s) URL (see httpUrl), or a path under one of
 * IMAGE_PATH_PREFIXES ("/demo/a.svg"), which the ad server resolves against its own origin
 * when it answers a publisher page. Or null.
 */
export function imageSource(value: string): string | null {
  return value.startsWith("/") ? imagePath(value) : httpUrl(value);
}

// A path segment: unreserved characters and percent-escapes. No empty segment ("//"), no
// backslash, query, fragment or space.
const PATH_SEGMENT = /^(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+$/;

/**
 * The path itself when it names a file under an image prefix and cannot leave it: no "." or
 * ".." segments, plain or percent-encoded, no encoded "/" or "\", no double encoding.
 */
function imagePath(value: string): string | null {
  if (!IMAGE_PATH_PREFIXES.some((prefix) => value.startsWith(prefix))) return null;
  for (const segment of value.slice(1).split("/")) {
    if (!PATH_SEGMENT.test(segment)) return null;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return null;
    }
    if (decoded === "." || decoded === ".." || /[/\\%\u0000-\u001f\u007f]/.test(decoded)) return null;
  }
  // What a browser requests must be this very path.
  return new URL(value, "http://marquee.invalid").pathname === value ? value : null;
}

/**
 * An absolute http(s) URL, normalised (`new URL().href`), or null. `javascript:`, `data:`,
 * relative and scheme-relative URLs, other schemes, URLs with spaces and URLs with user info
 * are refused — the click redirect and the snippet will send people exactly here.
 */
export function httpUrl(value: string): string | null {
  if (!/^https?:\/\/[^\s/?#]/i.test(value) || /[\s\u0000-\u001f\u007f]/.test(value) || hasUserInfo(value)) return null;
  try {
    const url = new URL(value);
    if ((url.protocol !== "http:" && url.protocol !== "https:") || url.hostname === "") return null;
    if (url.username !== "" || url.password !== "") return null;
    return url.href;
  } catch {
    return null;
  }
}

/**
 * Whether an http(s) URL has user info before its host ("https://example.com@evil.example/",
 * "https://user:pass@host/"): people read the host before the "@", browsers go to the one
 * after it. The authority ends, as browsers parse it, at the first / \ ? or #.
 */
export function hasUserInfo(value: string): boolean {
  const authority = /^https?:[/\\]*([^/\\?#]*)/i.exec(value)?.[1] ?? "";
  return authority.includes("@");
}
