import { z } from "zod";
import type { CampaignField, CampaignInput } from "@/lib/model/campaign";
import { isCountryCode } from "@/lib/model/countries";
import { CAMPAIGN_STATUSES, DEVICE_TYPES, PACINGS, PRICING_MODELS, PRIORITY_TIERS } from "@/lib/model/enums";
import { EDITABLE_STATUSES, FREQUENCY_PERIODS, IAB_SIZES, type FrequencyPeriod } from "@/lib/model/options";
import { parseDateTimeInput } from "@/lib/format/date";
import { DEFAULT_TIME_ZONE } from "@/lib/format/time-zone";
import { checkMoney, type MoneyProblem } from "@/lib/format/money";
import { searchText } from "./search";

// The campaign form, parsed once at the edge: text as typed in, typed values out (money in
// BigInt micro-units, dates from the organisation's wall clock to UTC, lists de-duplicated). Every message says what to do.

export const MAX_NAME_LENGTH = 100;
export const MAX_WEIGHT = 1000;
export const MAX_FREQUENCY_CAP = 1000;
export const MAX_KEYWORDS = 50;
export const MAX_KEYWORD_LENGTH = 50;
export const MAX_TARGET_PLACEMENTS = 200;

export const campaignMessages = {
  name: "Name the campaign.",
  nameTooLong: `Keep the name under ${MAX_NAME_LENGTH} characters.`,
  status: "Choose a status.",
  startsAt: "Enter when the campaign starts.",
  dateFormat: "Enter a date and time like 2026-05-01T09:00.",
  endBeforeStart: "The end must be after the start.",
  pricingModel: "Choose CPM or CPC.",
  price: "Enter the price.",
  priceZero: "The price must be more than 0 (only house ads may be free).",
  totalBudget: "Enter the total budget.",
  totalBudgetZero: "The total budget must be more than 0 (only free house ads may have none).",
  dailyBudgetZero: "Leave the daily budget empty, or enter more than 0.",
  dailyOverTotal: "The daily budget cannot be more than the total budget.",
  pacing: "Choose how to pace the budget.",
  tier: "Choose a priority tier.",
  weight: `Use a whole number from 1 to ${MAX_WEIGHT}.`,
  frequencyCapCount: `Use a whole number from 1 to ${MAX_FREQUENCY_CAP}.`,
  frequencyCapCountMissing: "Enter how many times, or clear the period.",
  frequencyCapPeriod: "Choose hour, day or week.",
  frequencyCapPeriodMissing: "Choose a period, or clear the count.",
  placements: "Choose placements from the list.",
  tooManyPlacements: `Choose at most ${MAX_TARGET_PLACEMENTS} placements.`,
  sizes: "Choose sizes from the list.",
  devices: "Choose devices from the list.",
  weekdays: "Choose weekdays from the list.",
  hours: "Choose hours from 0 to 23.",
  tooManyKeywords: `Use at most ${MAX_KEYWORDS} keywords.`,
  keywordTooLong: `Keep each keyword under ${MAX_KEYWORD_LENGTH} characters.`,
  countriesText: "Enter two-letter country codes separated by commas.",
  countryOverlap: (codes: string[]) => `A country cannot be both included and excluded: ${codes.join(", ")}.`,
  unknownCountries: (codes: string[]) =>
    `${codes.length === 1 ? "Not a country code" : "Not country codes"}: ${codes.join(", ")}. Use two-letter ISO codes such as US, GB, DE.`,
} as const;

export const moneyMessages: Record<Exclude<MoneyProblem, "empty">, string> = {
  format: "Enter an amount like 2.50 (digits and a dot).",
  negative: "The amount cannot be negative.",
  precision: "Use at most 6 decimal places.",
  too_large: "That amount is too large.",
};

/** Form fields that may repeat (checkboxes): read with FormData.getAll. */
export const CAMPAIGN_LIST_FIELDS = ["targetPlacementIds", "targetSizes", "devices", "weekdays", "hours"] as const;

// ─── Field schemas ───────────────────────────────────────────────────────────

/** Missing text is empty text: a form leaves out what nobody typed into. */
const text = (message: string) => z.string({ error: message }).optional().transform((value) => (value ?? "").trim());

/** Reads a non-empty amount into micro-units, or adds the issue and returns undefined. */
function readMoney(value: string, context: z.RefinementCtx): bigint | undefined {
  const result = checkMoney(value);
  if (result.ok) return result.micros;
  context.addIssue({ code: "custom", message: result.problem === "empty" ? moneyMessages.format : moneyMessages[result.problem] });
  return undefined;
}

/** A required decimal amount, in micro-units. */
const money = (emptyMessage: string) =>
  text(moneyMessages.format).transform((value, context) => {
    if (value === "") {
      context.addIssue({ code: "custom", message: emptyMessage });
      return z.NEVER;
    }
    return readMoney(value, context) ?? z.NEVER;
  });

/** An optional decimal amount, in micro-units; null when empty. */
const optionalMoney = text(moneyMessages.format).transform((value, context) => (value === "" ? null : (readMoney(value, context) ?? z.NEVER)));

/** Reads a non-empty "YYYY-MM-DDTHH:mm" as a clock in `timeZone` reads it, or adds the issue and returns undefined. */
function readDateTime(value: string, timeZone: string, context: z.RefinementCtx): Date | undefined {
  const date = parseDateTimeInput(value, timeZone);
  if (!date) context.addIssue({ code: "custom", message: campaignMessages.dateFormat });
  return date ?? undefined;
}

const dateTime = (emptyMessage: string, timeZone: string) =>
  text(campaignMessages.dateFormat).transform((value, context) => {
    if (value === "") {
      context.addIssue({ code: "custom", message: emptyMessage });
      return z.NEVER;
    }
    return readDateTime(value, timeZone, context) ?? z.NEVER;
  });

const optionalDateTime = (timeZone: string) =>
  text(campaignMessages.dateFormat).transform((value, context) => (value === "" ? null : (readDateTime(value, timeZone, context) ?? z.NEVER)));

/** Reads a whole number in [min, max], or adds the issue and returns undefined. */
function readWholeNumber(value: string, min: number, max: number, message: string, context: z.RefinementCtx): number | undefined {
  if (/^\d{1,9}$/.test(value) && Number(value) >= min && Number(value) <= max) return Number(value);
  context.addIssue({ code: "custom", message });
  return undefined;
}

const wholeNumber = (min: number, max: number, message: string) =>
  text(message).transform((value, context) => readWholeNumber(value, min, max, message, context) ?? z.NEVER);

const optionalWholeNumber = (min: number, max: number, message: string) =>
  text(message).transform((value, context) => (value === "" ? null : (readWholeNumber(value, min, max, message, context) ?? z.NEVER)));

/** Checkbox values: absent → [], one → [value], many → values; de-duplicated. */
function list<T extends string>(values: readonly [T, ...T[]], message: string) {
  return z.preprocess(
    (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.enum(values, { error: message }), { error: message }).transform((items) => [...new Set(items)]),
  );
}

const numberList = (count: number, message: string) => {
  const values = Array.from({ length: count }, (_, index) => String(index)) as [string, ...string[]];
  return list(values, message).transform((items) => items.map(Number).sort((a, b) => a - b));
};

const placementIds = z.preprocess(
  (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
  z
    .array(z.string({ error: campaignMessages.placements }).trim().min(1, campaignMessages.placements).max(64, campaignMessages.placements), {
      error: campaignMessages.placements,
    })
    .max(MAX_TARGET_PLACEMENTS, campaignMessages.tooManyPlacements)
    .transform((items) => [...new Set(items)]),
);

/** "us, de ,GB" → ["US", "DE", "GB"]; anything that is not an ISO 3166-1 alpha-2 code is named back. */
const countries = text(campaignMessages.countriesText).transform((value, context) => {
  const codes = [...new Set(value.split(/[\s,;]+/).map((code) => code.trim().toUpperCase()).filter(Boolean))];
  const unknown = codes.filter((code) => !isCountryCode(code));
  if (unknown.length > 0) {
    context.addIssue({ code: "custom", message: campaignMessages.unknownCountries(unknown) });
    return z.NEVER;
  }
  return codes;
});

/** "Hiking, trail running,,hiking" → ["hiking", "trail running"]: lower-case, as serving compares them. */
const keywords = text(campaignMessages.keywordTooLong).transform((value, context) => {
  const items = [...new Set(value.split(",").map((keyword) => keyword.trim().toLowerCase()).filter(Boolean))];
  if (items.length > MAX_KEYWORDS) {
    context.addIssue({ code: "custom", message: campaignMessages.tooManyKeywords });
    return z.NEVER;
  }
  if (items.some((keyword) => keyword.length > MAX_KEYWORD_LENGTH)) {
    context.addIssue({ code: "custom", message: campaignMessages.keywordTooLong });
    return z.NEVER;
  }
  return items;
});

const frequencyPeriod = text(campaignMessages.frequencyCapPeriod).transform((value, context) => {
  if (value === "") return null;
  if (!Object.hasOwn(FREQUENCY_PERIODS, value)) {
    context.addIssue({ code: "custom", message: campaignMessages.frequencyCapPeriod });
    return z.NEVER;
  }
  return value as FrequencyPeriod;
});

// ─── The form ────────────────────────────────────────────────────────────────

/**
 * Every field of the campaign form: one per setting of lib/model/campaign.ts (CAMPAIGN_SETTINGS).
 * The flight's dates are read as clocks in `timeZone` read them: the organisation's on the
 * dashboard, UTC for the API (whose dates carry their offset and arrive converted to UTC).
 */
export const campaignFieldsSchemaIn = (timeZone: string) =>
  z.object({
    name: text(campaignMessages.name).pipe(z.string().min(1, campaignMessages.name).max(MAX_NAME_LENGTH, campaignMessages.nameTooLong)),
    status: z.enum(EDITABLE_STATUSES, { error: campaignMessages.status }),
    startsAt: dateTime(campaignMessages.startsAt, timeZone),
    endsAt: optionalDateTime(timeZone),
    pricingModel: z.enum(PRICING_MODELS, { error: campaignMessages.pricingModel }),
    price: money(campaignMessages.price),
    totalBudget: money(campaignMessages.totalBudget),
    dailyBudget: optionalMoney,
    pacing: z.enum(PACINGS, { error: campaignMessages.pacing }),
    tier: z.enum(PRIORITY_TIERS, { error: campaignMessages.tier }),
    weight: wholeNumber(1, MAX_WEIGHT, campaignMessages.weight),
    frequencyCapCount: optionalWholeNumber(1, MAX_FREQUENCY_CAP, campaignMessages.frequencyCapCount),
    frequencyCapPeriod: frequencyPeriod,
    targetPlacementIds: placementIds,
    targetSizes: list(IAB_SIZES, campaignMessages.sizes),
    countriesInclude: countries,
    countriesExclude: countries,
    devices: list(DEVICE_TYPES, campaignMessages.devices),
    keywords,
    weekdays: numberList(7, campaignMessages.weekdays),
    hours: numberList(24, campaignMessages.hours),
  } satisfies Record<CampaignField, z.ZodType>);

/** The fields with dates in UTC (the API's, and the shape every zone's schema shares). */
export const campaignFieldsSchema = campaignFieldsSchemaIn(DEFAULT_TIME_ZONE);

type CampaignFields = z.output<typeof campaignFieldsSchema>;

/**
 * Rules between fields. They run even when another field failed (so a person sees every
 * problem at once); a failed field's value is then not of its parsed type, hence the guards.
 */
function checkCampaignRules(fields: CampaignFields, context: z.RefinementCtx) {
  if (typeof fields !== "object" || fields === null) return;
  const issue = (path: keyof CampaignFields, message: string) => context.addIssue({ code: "custom", path: [path], message });
  const isHouse = fields.tier === "HOUSE";
  const price = typeof fields.price === "bigint" ? fields.price : undefined;
  const total = typeof fields.totalBudget === "bigint" ? fields.totalBudget : undefined;
  const daily = typeof fields.dailyBudget === "bigint" ? fields.dailyBudget : undefined;
  const paidTier = fields.tier === "SPONSORSHIP" || fields.tier === "STANDARD";

  if (paidTier && price === 0n) issue("price", campaignMessages.priceZero);
  // Only a free house ad runs without a budget: anything with a price spends.
  if (total === 0n && (paidTier || (isHouse && price !== undefined && price > 0n))) issue("totalBudget", campaignMessages.totalBudgetZero);
  if (daily === 0n) issue("dailyBudget", campaignMessages.dailyBudgetZero);
  else if (daily !== undefined && total !== undefined && daily > total) issue("dailyBudget", campaignMessages.dailyOverTotal);

  if (fields.startsAt instanceof Date && fields.endsAt instanceof Date && fields.endsAt <= fields.startsAt) {
    issue("endsAt", campaignMessages.endBeforeStart);
  }

  const count = typeof fields.frequencyCapCount === "number" ? fields.frequencyCapCount : undefined;
  const period = typeof fields.frequencyCapPeriod === "string" ? fields.frequencyCapPeriod : undefined;
  if (count !== undefined && fields.frequencyCapPeriod === null) issue("frequencyCapPeriod", campaignMessages.frequencyCapPeriodMissing);
  if (period !== undefined && fields.frequencyCapCount === null) issue("frequencyCapCount", campaignMessages.frequencyCapCountMissing);

  if (Array.isArray(fields.countriesInclude) && Array.isArray(fields.countriesExclude)) {
    const overlap = fields.countriesExclude.filter((code) => fields.countriesInclude.includes(code));
    if (overlap.length > 0) issue("countriesExclude", campaignMessages.countryOverlap(overlap));
  }
}

/** The campaign form, its dates read in `timeZone` → what createCampaign / updateCampaign take: the fields under their columns' names, the cap whole. */
export const campaignFormSchema = (timeZone: string) =>
  campaignFieldsSchemaIn(timeZone)
    .superRefine(checkCampaignRules, { when: () => true })
    .transform(
      ({ price, totalBudget, dailyBudget, frequencyCapCount, frequencyCapPeriod, ...sameNames }): CampaignInput => ({
        ...sameNames,
        priceMicros: price,
        totalBudgetMicros: totalBudget,
        dailyBudgetMicros: dailyBudget,
        frequencyCap: frequencyCapCount !== null && frequencyCapPeriod !== null ? { count: frequencyCapCount, periodSeconds: FREQUENCY_PERIODS[frequencyCapPeriod] } : null,
      }),
    );

/** The same, dates in UTC: the API's (its JSON's dates are turned into UTC form text first). */
export const campaignSchema = campaignFormSchema(DEFAULT_TIME_ZONE);

export const campaignIdSchema = z.string({ error: "Campaign not found." }).trim().min(1, "Campaign not found.").max(64, "Campaign not found.");

/** A parameter of a page's address as Next.js gives it: the first of a repeated one. */
const firstValue = (raw: unknown) => (Array.isArray(raw) ? raw[0] : raw);

/**
 * The campaign list's address (`?view=archived&status=PAUSED&q=…&page=2`), as the page reads it
 * and as its buttons send it back to return there. Anything odd reads as the default, never as
 * an error: a hand-edited address still shows the list.
 */
export const campaignListQuerySchema = z
  .object({
    view: z.preprocess(firstValue, z.enum(["current", "archived"])).catch("current"),
    status: z.preprocess(firstValue, z.enum(CAMPAIGN_STATUSES).optional()).catch(undefined),
    q: z.preprocess(firstValue, z.string().transform(searchText)).catch(""),
    page: z.preprocess(firstValue, z.coerce.number().int().min(1)).catch(1),
  })
  .transform(({ q, ...rest }) => ({ ...rest, search: q }));

export type CampaignListQuery = z.output<typeof campaignListQuerySchema>;

/** Where a small action form sits, so the redirect returns there (never a URL from the request). */
export const returnToSchema = z.enum(["list", "detail"]).catch("list");

/** The pause / resume / archive buttons. */
export const campaignStatusChangeSchema = z.object({
  campaignId: campaignIdSchema,
  status: z.enum(["ACTIVE", "PAUSED", "ARCHIVED"], { error: "Choose pause, resume or archive." }),
  from: returnToSchema,
  /**
   * On the list: its address's query (`view=…&q=…&page=…`), to return to the same page. Read
   * with the list's own schema, so only what that schema allows comes back.
   */
  list: z
    .string()
    .max(1_000)
    .transform((text) => campaignListQuerySchema.parse(Object.fromEntries(new URLSearchParams(text))))
    .catch(() => campaignListQuerySchema.parse({})),
});

/** The Restore button of an archived campaign. */
export const campaignRestoreSchema = z.object({
  campaignId: campaignIdSchema,
});

export const duplicateCampaignSchema = z.object({
  campaignId: campaignIdSchema,
});

export type CampaignStatusChange = z.output<typeof campaignStatusChangeSchema>;
