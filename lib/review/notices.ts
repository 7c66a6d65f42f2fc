/** Confirmations shown after a review decision redirected (`?notice=<code>`); unknown codes show nothing. */
const reviewNotices = {
  "creative-approved": "Creative approved. It can serve from now on.",
  "creative-rejected": "Creative rejected. The advertiser sees your reason.",
} as const;

export function reviewNotice(code: string | string[] | undefined): string | null {
  return typeof code === "string" && Object.hasOwn(reviewNotices, code) ? reviewNotices[code as keyof typeof reviewNotices] : null;
}
