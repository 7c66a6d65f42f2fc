import { z } from "zod";
import { CAMPAIGN_API_PAGE_SIZE, MAX_CAMPAIGN_API_PAGE_SIZE, type CampaignCursorPage, type CampaignSummary } from "@/lib/campaigns/list-campaigns";
import { campaignFormFieldsFromJson, campaignJson, type CampaignField, type CampaignRecord } from "@/lib/model/campaign";
import { CAMPAIGN_STATUSES, DEVICE_TYPES } from "@/lib/model/enums";
import { FREQUENCY_PERIODS, IAB_SIZES, type FrequencyPeriod } from "@/lib/model/options";
import { spentTodayMicros } from "@/lib/campaigns/pacing-status";
import { DEFAULT_TIME_ZONE } from "@/lib/format/time-zone";
import { SERVING_STATES, type ServingStatus } from "@/lib/campaigns/serving-status";
import { campaignFieldsSchema, campaignMessages, campaignSchema } from "@/lib/zod/schemas/campaigns";
import { dateTimeInput, dateTimeOutput, idOutput, iso, isoOrNull, listOf, money, moneyInput, moneyOrNull, moneyOutput, pageQueryFields, wordList } from "./common";

// Campaigns in JSON. A request body is checked for its JSON shape here, then turned into the
// campaign form's fields (campaignFormFieldsFromJson, lib/model/campaign.ts) and parsed by the
// form's own schema (campaignSchema): the API and the dashboard accept exactly the same
// campaigns, with the same rules and messages, and a problem is reported under the same field
// name. The fields are the form's (one per setting, CAMPAIGN_SETTINGS).

const FREQUENCY_PERIOD_NAMES = Object.keys(FREQUENCY_PERIODS) as [FrequencyPeriod, ...FrequencyPeriod[]];

/** Every writable field, as JSON: the form's fields. The enums are the form's own. */
export const campaignWriteFields = campaignFieldsSchema
  .pick({ pricingModel: true, pacing: true, tier: true })
  .extend({
    status: campaignFieldsSchema.shape.status.meta({
      description: "A new campaign is DRAFT or ACTIVE. Later: DRAFT → ACTIVE, ACTIVE ↔ PAUSED; a started campaign never returns to DRAFT (archive with DELETE).",
    }),
    name: z.string({ error: campaignMessages.name }).meta({ description: "Shown to you only.", examples: ["Spring trail shoes"] }),
    startsAt: dateTimeInput("Start of the flight."),
    endsAt: dateTimeInput("End of the flight (excluded); null runs until the budget is spent or you stop it.").nullable(),
    price: moneyInput("CPM: price per 1,000 impressions; CPC: price per click. 0 only for house ads."),
    totalBudget: moneyInput("Budget of the whole flight. 0 only for free house ads."),
    dailyBudget: moneyInput("Most to spend per day of the organisation's time zone (reset at its midnight); null for no daily limit.").nullable(),
    weight: z.number().int().meta({ description: "Share within its priority tier, 1–1000." }),
    frequencyCapCount: z.number().int().nullable().meta({ description: "At most this many impressions per viewer and period (1–1000); null for no cap." }),
    frequencyCapPeriod: z.enum(FREQUENCY_PERIOD_NAMES, { error: campaignMessages.frequencyCapPeriod }).nullable().meta({ description: "The period of the frequency cap." }),
    targetPlacementIds: z.array(z.string()).meta({ description: "Only these placements; [] for any." }),
    targetSizes: z.array(z.enum(IAB_SIZES, { error: campaignMessages.sizes })).meta({ description: "Only placements of these sizes; [] for any." }),
    countriesInclude: z.array(z.string()).meta({ description: "ISO 3166-1 alpha-2 codes to serve in; [] for anywhere.", examples: [["US", "CA"]] }),
    countriesExclude: z.array(z.string()).meta({ description: "ISO 3166-1 alpha-2 codes never to serve in." }),
    devices: z.array(z.enum(DEVICE_TYPES, { error: campaignMessages.devices })).meta({ description: "[] for every device." }),
    keywords: wordList("Page keywords to match (lower-cased); [] for any page."),
    weekdays: z.array(z.number().int()).meta({ description: "0 = Sunday … 6 = Saturday, in the organisation's time zone; [] for every day." }),
    hours: z.array(z.number().int()).meta({ description: "0–23, local hours of the organisation's time zone (DST-correct: a skipped hour does not happen, a repeated one serves twice); [] for every hour." }),
  } satisfies Record<Exclude<CampaignField, "pricingModel" | "pacing" | "tier">, z.ZodType>)
  .strict();

export type CampaignWriteFields = z.infer<typeof campaignWriteFields>;

/** JSON fields → the campaign form's fields, as its schema reads them. */
const toFormFields = (fields: CampaignWriteFields): z.input<typeof campaignSchema> => campaignFormFieldsFromJson(fields);

/** A whole campaign as JSON → what createCampaign / updateCampaign take. */
export const campaignFromWriteFields = campaignWriteFields.transform(toFormFields).pipe(campaignSchema);

/** POST /api/v1/campaigns: what a new campaign needs; the rest has the form's defaults. */
export const createCampaignBodySchema = campaignWriteFields
  .extend({
    status: campaignWriteFields.shape.status.default("DRAFT"),
    endsAt: campaignWriteFields.shape.endsAt.default(null),
    dailyBudget: campaignWriteFields.shape.dailyBudget.default(null),
    pacing: campaignWriteFields.shape.pacing.default("EVEN"),
    tier: campaignWriteFields.shape.tier.default("STANDARD"),
    weight: campaignWriteFields.shape.weight.default(1),
    frequencyCapCount: campaignWriteFields.shape.frequencyCapCount.default(null),
    frequencyCapPeriod: campaignWriteFields.shape.frequencyCapPeriod.default(null),
    targetPlacementIds: campaignWriteFields.shape.targetPlacementIds.default([]),
    targetSizes: campaignWriteFields.shape.targetSizes.default([]),
    countriesInclude: campaignWriteFields.shape.countriesInclude.default([]),
    countriesExclude: campaignWriteFields.shape.countriesExclude.default([]),
    devices: campaignWriteFields.shape.devices.default([]),
    keywords: campaignWriteFields.shape.keywords.default([]),
    weekdays: campaignWriteFields.shape.weekdays.default([]),
    hours: campaignWriteFields.shape.hours.default([]),
  })
  .transform(toFormFields)
  .pipe(campaignSchema);

/**
 * PATCH /api/v1/campaigns/{id}: any writable fields. They are laid over the campaign as it
 * is and the whole result is validated like a saved form (campaignFromWriteFields).
 */
export const updateCampaignBodySchema = campaignWriteFields.partial();

// ─── Responses ───────────────────────────────────────────────────────────────

const campaignStatus = z.enum(CAMPAIGN_STATUSES);

const servingStatusSchema = z
  .object({
    state: z.enum(SERVING_STATES),
    label: z.string(),
  })
  .meta({
    description:
      "Read-only. Whether the campaign can serve now, or the first reason it cannot (archived, ended, draft, paused, no owner of the organisation has confirmed their e-mail address, not started, budget or today's budget spent, no approved creative), with the label the dashboard shows.",
  });

export const campaignResourceSchema = z
  .object({
    id: idOutput("The campaign's id."),
    ...campaignWriteFields.shape,
    status: campaignStatus,
    startsAt: dateTimeOutput("Start of the flight."),
    endsAt: dateTimeOutput("End of the flight.").nullable(),
    price: moneyOutput("Price per 1,000 impressions (CPM) or per click (CPC)."),
    totalBudget: moneyOutput("Budget of the whole flight."),
    dailyBudget: moneyOutput("Most to spend per day of the organisation's time zone.").nullable(),
    targetSizes: z.array(z.string()),
    keywords: z.array(z.string()),
    spent: moneyOutput("Spent over the whole flight."),
    spentToday: moneyOutput("Spent on the current day of the organisation's time zone."),
    servingStatus: servingStatusSchema,
    createdAt: dateTimeOutput("Created."),
    updatedAt: dateTimeOutput("Last changed."),
  })
  .meta({ description: "A campaign with its settings, targeting and spend." });

export type CampaignResource = z.infer<typeof campaignResourceSchema>;

/** The campaign as JSON; its serving status is read by the caller (readServingStatus). */
export function campaignResource(campaign: CampaignRecord, servingStatus: ServingStatus, now: Date = new Date(), timeZone: string = DEFAULT_TIME_ZONE): CampaignResource {
  return {
    id: campaign.id,
    ...campaignJson(campaign),
    spent: money(campaign.spentMicros),
    spentToday: money(spentTodayMicros(campaign, now, timeZone)),
    servingStatus,
    createdAt: iso(campaign.createdAt),
    updatedAt: iso(campaign.updatedAt),
  };
}

export const campaignSummarySchema = z
  .object({
    id: idOutput("The campaign's id."),
    name: z.string(),
    status: campaignStatus,
    startsAt: dateTimeOutput("Start of the flight."),
    endsAt: dateTimeOutput("End of the flight.").nullable(),
    pricingModel: campaignWriteFields.shape.pricingModel,
    price: moneyOutput("Price per 1,000 impressions (CPM) or per click (CPC)."),
    tier: campaignWriteFields.shape.tier,
    pacing: campaignWriteFields.shape.pacing,
    totalBudget: moneyOutput("Budget of the whole flight."),
    dailyBudget: moneyOutput("Most to spend per day of the organisation's time zone.").nullable(),
    spent: moneyOutput("Spent over the whole flight."),
    spentToday: moneyOutput("Spent on the current day of the organisation's time zone."),
    budgetUsedPercent: z.number().nullable().meta({ description: "Share of the total budget spent, 0–100 with two decimals; null without a budget." }),
    pacingStatus: z.object({
      state: z.enum(["idle", "spent", "asap", "on-pace", "ahead", "behind", "unplanned"]),
      label: z.string(),
      detail: z.string().nullable(),
    }),
    servingStatus: servingStatusSchema,
    creativeCounts: z.object({ approved: z.number().int(), pending: z.number().int(), rejected: z.number().int() }).meta({ description: "Live creatives by review status." }),
  })
  .meta({ description: "A campaign in the list: budget use, pacing and creatives at a glance (GET /api/v1/campaigns/{id} has every field)." });

export function campaignSummaryResource(summary: CampaignSummary): z.infer<typeof campaignSummarySchema> {
  return {
    id: summary.id,
    name: summary.name,
    status: summary.status,
    startsAt: iso(summary.startsAt),
    endsAt: isoOrNull(summary.endsAt),
    pricingModel: summary.pricingModel,
    price: money(summary.priceMicros),
    tier: summary.tier,
    pacing: summary.pacing,
    totalBudget: money(summary.totalBudgetMicros),
    dailyBudget: moneyOrNull(summary.dailyBudgetMicros),
    spent: money(summary.spentMicros),
    spentToday: money(summary.spentTodayMicros),
    budgetUsedPercent: summary.budgetUsedPercent,
    pacingStatus: summary.pacingStatus,
    servingStatus: summary.servingStatus,
    creativeCounts: summary.creativeCounts,
  };
}

/** GET /api/v1/campaigns's query string. */
export const campaignListQuerySchema = z
  .object({
    ...pageQueryFields({ items: "Campaigns", first: "the first page", defaultLimit: CAMPAIGN_API_PAGE_SIZE, maxLimit: MAX_CAMPAIGN_API_PAGE_SIZE }),
    status: z.enum(CAMPAIGN_STATUSES, { error: `status must be one of ${CAMPAIGN_STATUSES.join(", ")}.` }).optional().meta({ description: "Only campaigns of this status." }),
  })
  .strict();

export const campaignListSchema = listOf(campaignSummarySchema).extend({
  nextCursor: z.string().nullable().meta({ description: "Pass it as `cursor` (with the same `status`) for the next page; null on the last page." }),
});

export function campaignListResource(page: CampaignCursorPage): z.output<typeof campaignListSchema> {
  return { data: page.campaigns.map(campaignSummaryResource), nextCursor: page.nextCursor };
}
