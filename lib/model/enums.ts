import {
  ApiKeyAccess,
  AuditChannel,
  CampaignStatus,
  CreativeKind,
  DeviceType,
  EventValidity,
  MemberRole,
  OrganizationKind,
  Pacing,
  PricingModel,
  PriorityTier,
  ReviewStatus,
} from "@/lib/generated/prisma/enums";

// The schema's enums, once: their types and the lists of their values, derived from what
// `prisma generate` wrote from prisma/schema.prisma. Plain data (importable from client
// components): a new value in the schema appears here, and every Record<Enum, …> of labels
// in lib/model/options.ts stops compiling until it has its words.

export type { ApiKeyAccess, AuditChannel, CampaignStatus, CreativeKind, DeviceType, EventValidity, MemberRole, OrganizationKind, Pacing, PricingModel, PriorityTier, ReviewStatus };

/** An enum's values in the schema's order, as a non-empty tuple (what z.enum takes). */
function valuesOf<Value extends string>(values: Record<string, Value>): readonly [Value, ...Value[]] {
  return Object.values(values) as [Value, ...Value[]];
}

export const ORGANIZATION_KINDS = valuesOf(OrganizationKind);
export const MEMBER_ROLES = valuesOf(MemberRole);
export const API_KEY_ACCESSES = valuesOf(ApiKeyAccess);
export const AUDIT_CHANNELS = valuesOf(AuditChannel);
export const CAMPAIGN_STATUSES = valuesOf(CampaignStatus);
export const PRICING_MODELS = valuesOf(PricingModel);
export const PACINGS = valuesOf(Pacing);
export const PRIORITY_TIERS = valuesOf(PriorityTier);
export const DEVICE_TYPES = valuesOf(DeviceType);
export const CREATIVE_KINDS = valuesOf(CreativeKind);
export const REVIEW_STATUSES = valuesOf(ReviewStatus);
export const EVENT_VALIDITIES = valuesOf(EventValidity);

/** The reasons an event is invalid (every validity but VALID), in the schema's order. */
export const INVALID_REASONS = EVENT_VALIDITIES.filter((validity) => validity !== "VALID") as readonly Exclude<EventValidity, "VALID">[];
