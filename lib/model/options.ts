import type { CampaignStatus, CreativeKind, DeviceType, Pacing, PricingModel, PriorityTier, ReviewStatus } from "./enums";

// The choices the campaign and creative forms offer, with the words people see. Plain data
// (no Prisma client, no zod): the schemas validate against it and client components render
// it. The values are the schema's enums (./enums); a label is missing → this file fails to compile.

export const campaignStatusLabels: Record<CampaignStatus, string> = {
  DRAFT: "Draft",
  ACTIVE: "Active",
  PAUSED: "Paused",
  ARCHIVED: "Archived",
  COMPLETED: "Completed",
};

/** Statuses a person can choose in the campaign form (archive has its own button; completion is the system's). */
export const EDITABLE_STATUSES = ["DRAFT", "ACTIVE", "PAUSED", "COMPLETED"] as const satisfies readonly CampaignStatus[];

export const pricingModelLabels: Record<PricingModel, string> = {
  CPM: "CPM — per 1,000 impressions",
  CPC: "CPC — per click",
};

export const pacingLabels: Record<Pacing, string> = {
  EVEN: "Even — spread over the day (or flight)",
  ASAP: "As fast as possible",
};

export const priorityTierLabels: Record<PriorityTier, string> = {
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

export const deviceLabels: Record<DeviceType, string> = {
  DESKTOP: "Desktop",
  MOBILE: "Mobile",
  TABLET: "Tablet",
  OTHER: "Other (TVs, consoles, unknown)",
};

/** 0 = Sunday, as JavaScript's getUTCDay() and the schema count. */
export const WEEKDAY_LABELS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

export const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

export const creativeKindLabels: Record<CreativeKind, string> = { IMAGE: "Image", TEXT: "Text", HTML: "HTML" };

export const reviewStatusLabels: Record<ReviewStatus, string> = {
  PENDING: "In review",
  APPROVED: "Approved",
  REJECTED: "Rejected",
};

export const HEADLINE_MAX = 60;
export const BODY_MAX = 140;
export const HTML_MAX_BYTES = 20 * 1024;
