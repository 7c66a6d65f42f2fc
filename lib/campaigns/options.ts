// The choices the campaign and creative forms offer, with the words people see. Plain data
// (no Prisma, no zod): the schemas validate against it and client components render it.

export const CAMPAIGN_STATUSES = ["DRAFT", "ACTIVE", "PAUSED", "ARCHIVED", "COMPLETED"] as const;
export type CampaignStatusValue = (typeof CAMPAIGN_STATUSES)[number];

export const campaignStatusLabels: Record<CampaignStatusValue, string> = {
  DRAFT: "Draft",
  ACTIVE: "Active",
  PAUSED: "Paused",
  ARCHIVED: "Archived",
  COMPLETED: "Completed",
};

/** Statuses a person can choose in the campaign form (archive has its own button; completion is the system's). */
export const EDITABLE_STATUSES = ["DRAFT", "ACTIVE", "PAUSED", "COMPLETED"] as const;

export const PRICING_MODELS = ["CPM", "CPC"] as const;
export const pricingModelLabels: Record<(typeof PRICING_MODELS)[number], string> = {
  CPM: "CPM — per 1,000 impressions",
  CPC: "CPC — per click",
};

export const PACINGS = ["EVEN", "ASAP"] as const;
export const pacingLabels: Record<(typeof PACINGS)[number], string> = {
  EVEN: "Even — spread over the day (or flight)",
  ASAP: "As fast as possible",
};

export const PRIORITY_TIERS = ["SPONSORSHIP", "STANDARD", "HOUSE"] as const;
export const priorityTierLabels: Record<(typeof PRIORITY_TIERS)[number], string> = {
  SPONSORSHIP: "Sponsorship — beats every standard ad",
  STANDARD: "Standard",
  HOUSE: "House — fills what nobody bought (may be free)",
};

export const FREQUENCY_PERIODS = { hour: 3_600, day: 86_400, week: 604_800 } as const;
export type FrequencyPeriod = keyof typeof FREQUENCY_PERIODS;
export const frequencyPeriodLabels: Record<FrequencyPeriod, string> = { hour: "per hour", day: "per day", week: "per week" };

/** The IAB sizes Marquee serves, "WIDTHxHEIGHT" as the decision engine compares them. */
export const IAB_SIZES = ["300x250", "728x90", "320x50", "300x600", "160x600", "970x250", "336x280"] as const;
export type IabSize = (typeof IAB_SIZES)[number];
export const iabSizeLabels: Record<IabSize, string> = {
  "300x250": "300×250 Medium rectangle",
  "728x90": "728×90 Leaderboard",
  "320x50": "320×50 Mobile banner",
  "300x600": "300×600 Half page",
  "160x600": "160×600 Wide skyscraper",
  "970x250": "970×250 Billboard",
  "336x280": "336×280 Large rectangle",
};

export function sizeOf(size: IabSize): { width: number; height: number } {
  const [width, height] = size.split("x").map(Number);
  return { width: width ?? 0, height: height ?? 0 };
}

export function sizeKey(width: number, height: number): string {
  return `${width}x${height}`;
}

export const DEVICE_TYPES = ["DESKTOP", "MOBILE", "TABLET", "OTHER"] as const;
export const deviceLabels: Record<(typeof DEVICE_TYPES)[number], string> = {
  DESKTOP: "Desktop",
  MOBILE: "Mobile",
  TABLET: "Tablet",
  OTHER: "Other (TVs, consoles, unknown)",
};

/** 0 = Sunday, as JavaScript's getUTCDay() and the schema count. */
export const WEEKDAY_LABELS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

export const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

export const CREATIVE_KINDS = ["IMAGE", "TEXT", "HTML"] as const;
export type CreativeKindValue = (typeof CREATIVE_KINDS)[number];
export const creativeKindLabels: Record<CreativeKindValue, string> = { IMAGE: "Image", TEXT: "Text", HTML: "HTML" };

export const REVIEW_STATUSES = ["PENDING", "APPROVED", "REJECTED"] as const;
export const reviewStatusLabels: Record<(typeof REVIEW_STATUSES)[number], string> = {
  PENDING: "In review",
  APPROVED: "Approved",
  REJECTED: "Rejected",
};

export const HEADLINE_MAX = 60;
export const BODY_MAX = 140;
export const HTML_MAX_BYTES = 20 * 1024;
