// Messages after an advertiser action redirected (`?notice=<code>`). Unknown codes show nothing.

const notices = {
  "campaign-created": { tone: "success", message: "Campaign created. Add a creative: it serves once an operator approves it." },
  "campaign-updated": { tone: "success", message: "Campaign saved." },
  "campaign-paused": { tone: "success", message: "Campaign paused. It stops serving within a second." },
  "campaign-resumed": { tone: "success", message: "Campaign resumed." },
  "campaign-activated": { tone: "success", message: "Campaign started. It serves once a creative is approved." },
  "campaign-archived": { tone: "success", message: "Campaign archived." },
  "campaign-duplicated": { tone: "success", message: "Campaign duplicated as a draft. Its creatives wait for review again." },
  "creative-created": { tone: "success", message: "Creative added. It serves once an operator approves it." },
  "creative-updated": { tone: "success", message: "Creative saved." },
  "creative-resubmitted": { tone: "success", message: "Creative saved. Its new content waits for review and serves once approved." },
  "creative-archived": { tone: "success", message: "Creative archived. It no longer serves." },
  "campaign-not-found": { tone: "error", message: "That campaign was not found. Nothing was changed." },
  "creative-not-found": { tone: "error", message: "That creative was not found. Nothing was changed." },
  "status-refused": { tone: "error", message: "That change is not possible in the campaign’s current status. Nothing was changed." },
} as const;

export type AdvertiserNoticeCode = keyof typeof notices;
export type AdvertiserNotice = { tone: "success" | "error"; message: string };

export function advertiserNotice(code: string | string[] | undefined): AdvertiserNotice | null {
  return typeof code === "string" && Object.hasOwn(notices, code) ? notices[code as AdvertiserNoticeCode] : null;
}
