import type { Campaign } from "@/lib/generated/prisma/browser";
import { toDateTimeInput } from "@/lib/format/date";
import { microsToDecimal } from "@/lib/format/money";
import { keysOf, pickFields, type SettingFields } from "./fields";
import { FREQUENCY_PERIODS, type EDITABLE_STATUSES, type FrequencyPeriod, type IabSize } from "./options";

// A campaign's record and what the app makes of it, in one place: which columns people set
// (and through which field of the form and the API's JSON), which the system keeps, and the
// mappings between the record and the form's input and values, the API's JSON, and a copy.
// The active set's entry (lib/ads/active-set.ts) is built from the same record. A new column
// in prisma/schema.prisma fails to compile here (CAMPAIGN_SYSTEM_FIELDS) until it is placed,
// and tests/unit/model/field-mapping.test.ts checks the lists against Prisma's data model.

/** A stored campaign, as Prisma reads it. */
export type CampaignRecord = Campaign;

/**
 * The columns a person sets, in the form or through the API, each with the field that
 * carries it (the form's field names are the JSON's). A copy takes them all.
 */
export const CAMPAIGN_SETTINGS = {
  name: "name",
  status: "status",
  startsAt: "startsAt",
  endsAt: "endsAt",
  pricingModel: "pricingModel",
  priceMicros: "price",
  totalBudgetMicros: "totalBudget",
  dailyBudgetMicros: "dailyBudget",
  pacing: "pacing",
  tier: "tier",
  weight: "weight",
  frequencyCapCount: "frequencyCapCount",
  frequencyCapPeriodSeconds: "frequencyCapPeriod",
  targetPlacementIds: "targetPlacementIds",
  targetSizes: "targetSizes",
  countriesInclude: "countriesInclude",
  countriesExclude: "countriesExclude",
  devices: "devices",
  keywords: "keywords",
  weekdays: "weekdays",
  hours: "hours",
} as const satisfies SettingFields<CampaignRecord>;

export type CampaignSetting = keyof typeof CAMPAIGN_SETTINGS;
/** A field of the campaign form, and of the API's campaign JSON. */
export type CampaignField = (typeof CAMPAIGN_SETTINGS)[CampaignSetting];
/** What a person set on a campaign, as stored. */
export type CampaignSettings = Pick<CampaignRecord, CampaignSetting>;

export const CAMPAIGN_SETTING_COLUMNS = keysOf(CAMPAIGN_SETTINGS);

/** The columns nobody types in, and why the form and the API do not write them. */
export const CAMPAIGN_SYSTEM_FIELDS = {
  id: "Its key, made by the database.",
  organizationId: "Its owner: the signed-in organisation (or the API key's) when it is created, never input.",
  spentMicros: "The spend ledger: tracking charges it with each billable event. The API reports it (spent); serving reads it.",
  daySpentMicros: "The spend ledger of one day of the organisation's time zone (spendDay), kept by tracking. The API reports it (spentToday); serving reads it.",
  spendDay: "The day, in the organisation's time zone, that daySpentMicros belongs to, kept by tracking.",
  budgetSpentMailedAt: "When the advertiser was mailed that the total budget is spent, set by tracking; a new total budget clears it.",
  flightEndedMailedAt: "When the advertiser was mailed that the flight ended, set by the daily campaign-mail job; a new end date clears it.",
  createdAt: "Set by the database when it is created; the API reports it.",
  updatedAt: "Set by Prisma on every write; the API reports it, the active set's version watches it.",
} as const satisfies Record<Exclude<keyof CampaignRecord, CampaignSetting>, string>;

// ─── The form's input ────────────────────────────────────────────────────────

/** A status a person may choose in the form or send to the API. */
export type EditableStatus = (typeof EDITABLE_STATUSES)[number];

export interface FrequencyCap {
  count: number;
  periodSeconds: number;
}

/**
 * A campaign as the form and the API hand it to the domain, parsed and checked
 * (campaignSchema, lib/zod/schemas/campaigns.ts): the settings, with the frequency cap whole.
 */
export type CampaignInput = Omit<CampaignSettings, "status" | "targetSizes" | "frequencyCapCount" | "frequencyCapPeriodSeconds"> & {
  status: EditableStatus;
  targetSizes: IabSize[];
  frequencyCap: FrequencyCap | null;
};

/** The form's (or the API's) parsed input → the columns it sets (never the spend ledger, never the owner). */
export function campaignSettingsFromInput(input: CampaignInput): CampaignSettings {
  return {
    name: input.name,
    status: input.status,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    pricingModel: input.pricingModel,
    priceMicros: input.priceMicros,
    totalBudgetMicros: input.totalBudgetMicros,
    dailyBudgetMicros: input.dailyBudgetMicros,
    pacing: input.pacing,
    tier: input.tier,
    weight: input.weight,
    frequencyCapCount: input.frequencyCap?.count ?? null,
    frequencyCapPeriodSeconds: input.frequencyCap?.periodSeconds ?? null,
    targetPlacementIds: input.targetPlacementIds,
    targetSizes: input.targetSizes,
    countriesInclude: input.countriesInclude,
    countriesExclude: input.countriesExclude,
    devices: input.devices,
    keywords: input.keywords,
    weekdays: input.weekdays,
    hours: input.hours,
  };
}

/** A stored campaign's settings, as a copy of it is created with them. */
export function campaignSettingsOf(campaign: CampaignSettings): CampaignSettings {
  return pickFields(campaign, CAMPAIGN_SETTING_COLUMNS);
}

/** "hour" for 3,600 seconds; null for a period the form does not offer, or none. */
export function frequencyPeriodName(seconds: number | null): FrequencyPeriod | null {
  return keysOf(FREQUENCY_PERIODS).find((name) => FREQUENCY_PERIODS[name] === seconds) ?? null;
}

// ─── The form's values ───────────────────────────────────────────────────────

/** A saved campaign, as the form shows it: text, checkbox groups' values joined by commas, the flight as clocks in `timeZone` read it. */
export function campaignFormValues(campaign: CampaignSettings, timeZone: string): Record<CampaignField, string> {
  return {
    name: campaign.name,
    status: campaign.status,
    startsAt: toDateTimeInput(campaign.startsAt, timeZone),
    endsAt: campaign.endsAt ? toDateTimeInput(campaign.endsAt, timeZone) : "",
    pricingModel: campaign.pricingModel,
    price: microsToDecimal(campaign.priceMicros),
    totalBudget: microsToDecimal(campaign.totalBudgetMicros),
    dailyBudget: campaign.dailyBudgetMicros === null ? "" : microsToDecimal(campaign.dailyBudgetMicros),
    pacing: campaign.pacing,
    tier: campaign.tier,
    weight: String(campaign.weight),
    frequencyCapCount: campaign.frequencyCapCount === null ? "" : String(campaign.frequencyCapCount),
    frequencyCapPeriod: campaign.frequencyCapCount === null ? "" : (frequencyPeriodName(campaign.frequencyCapPeriodSeconds) ?? ""),
    targetPlacementIds: campaign.targetPlacementIds.join(","),
    targetSizes: campaign.targetSizes.join(","),
    countriesInclude: campaign.countriesInclude.join(", "),
    countriesExclude: campaign.countriesExclude.join(", "),
    devices: campaign.devices.join(","),
    keywords: campaign.keywords.join(", "),
    weekdays: campaign.weekdays.join(","),
    hours: campaign.hours.join(","),
  };
}

// ─── The API's JSON ──────────────────────────────────────────────────────────

/**
 * A stored campaign's settings as the API's JSON (lib/api/v1/schemas/campaigns.ts describes
 * it): money as decimal strings, dates in ISO 8601 UTC, the frequency period by name. The
 * status comes last, where the API's answers have always had it.
 */
export function campaignJson(campaign: CampaignSettings) {
  return {
    name: campaign.name,
    startsAt: campaign.startsAt.toISOString(),
    endsAt: campaign.endsAt === null ? null : campaign.endsAt.toISOString(),
    pricingModel: campaign.pricingModel,
    price: microsToDecimal(campaign.priceMicros),
    totalBudget: microsToDecimal(campaign.totalBudgetMicros),
    dailyBudget: campaign.dailyBudgetMicros === null ? null : microsToDecimal(campaign.dailyBudgetMicros),
    pacing: campaign.pacing,
    tier: campaign.tier,
    weight: campaign.weight,
    frequencyCapCount: campaign.frequencyCapCount,
    frequencyCapPeriod: frequencyPeriodName(campaign.frequencyCapPeriodSeconds),
    targetPlacementIds: campaign.targetPlacementIds,
    targetSizes: campaign.targetSizes as IabSize[],
    countriesInclude: campaign.countriesInclude,
    countriesExclude: campaign.countriesExclude,
    devices: campaign.devices,
    keywords: campaign.keywords,
    weekdays: campaign.weekdays,
    hours: campaign.hours,
    status: campaign.status,
  } satisfies Record<CampaignField, unknown>;
}

export type CampaignJson = ReturnType<typeof campaignJson>;

/** The JSON a client sends: the same fields, with a status a person may choose. */
export type CampaignJsonInput = Omit<CampaignJson, "status"> & { status: EditableStatus };

/** "2026-05-01T09:00:00+02:00" → "2026-05-01T07:00:00", the form's UTC date-time text. */
function formDateTime(value: string): string {
  return new Date(value).toISOString().slice(0, 19);
}

/**
 * The API's JSON → the campaign form's fields (text, and arrays for the checkbox groups),
 * for the form's own schema to parse: the API and the dashboard accept the same campaigns.
 */
export function campaignFormFieldsFromJson(json: CampaignJsonInput) {
  return {
    name: json.name,
    status: json.status,
    startsAt: formDateTime(json.startsAt),
    endsAt: json.endsAt === null ? "" : formDateTime(json.endsAt),
    pricingModel: json.pricingModel,
    price: json.price,
    totalBudget: json.totalBudget,
    dailyBudget: json.dailyBudget ?? "",
    pacing: json.pacing,
    tier: json.tier,
    weight: String(json.weight),
    frequencyCapCount: json.frequencyCapCount === null ? "" : String(json.frequencyCapCount),
    frequencyCapPeriod: json.frequencyCapPeriod ?? "",
    targetPlacementIds: json.targetPlacementIds,
    targetSizes: json.targetSizes,
    countriesInclude: json.countriesInclude.join(","),
    countriesExclude: json.countriesExclude.join(","),
    devices: json.devices,
    keywords: json.keywords.join(","),
    weekdays: json.weekdays.map(String),
    hours: json.hours.map(String),
  } satisfies Record<CampaignField, unknown>;
}
