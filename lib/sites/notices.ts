/** Confirmations shown after a publisher action redirected (`?notice=<code>`); unknown codes show nothing. */
const publisherNotices = {
  "site-created": "Site added. Add a placement to get its embed snippet.",
  "site-updated": "Site saved.",
  "placement-created": "Placement created. Paste the snippet below into your pages.",
  "placement-updated": "Placement saved.",
  "placement-archived": "Placement archived. It no longer shows ads.",
} as const;

export type PublisherNotice = keyof typeof publisherNotices;

export function publisherNotice(code: string | string[] | undefined): string | null {
  return typeof code === "string" && Object.hasOwn(publisherNotices, code) ? publisherNotices[code as PublisherNotice] : null;
}
