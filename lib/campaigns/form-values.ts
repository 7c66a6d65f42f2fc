import type { Campaign } from "@/lib/generated/prisma/client";
import { toDateTimeInput } from "@/lib/format/date";
import { microsToDecimal } from "@/lib/format/money";
import { FREQUENCY_PERIODS } from "@/lib/model/options";

/** Form field values as the form submits them: text, and lists joined by commas (see submittedValues). */
export type FormValues = Record<string, string>;

/** A new campaign's form: a draft that would start now (this minute), standard tier, even pacing. */
export function newCampaignFormValues(now: Date = new Date()): FormValues {
  const thisMinute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  return { status: "DRAFT", startsAt: toDateTimeInput(thisMinute), pricingModel: "CPM", pacing: "EVEN", tier: "STANDARD", weight: "1" };
}

/** A saved campaign, as the form shows it. */
export function campaignFormValues(campaign: Campaign): FormValues {
  const period = Object.entries(FREQUENCY_PERIODS).find(([, seconds]) => seconds === campaign.frequencyCapPeriodSeconds)?.[0];
  return {
    name: campaign.name,
    status: campaign.status,
    startsAt: toDateTimeInput(campaign.startsAt),
    endsAt: campaign.endsAt ? toDateTimeInput(campaign.endsAt) : "",
    pricingModel: campaign.pricingModel,
    price: microsToDecimal(campaign.priceMicros),
    totalBudget: microsToDecimal(campaign.totalBudgetMicros),
    dailyBudget: campaign.dailyBudgetMicros === null ? "" : microsToDecimal(campaign.dailyBudgetMicros),
    pacing: campaign.pacing,
    tier: campaign.tier,
    weight: String(campaign.weight),
    frequencyCapCount: campaign.frequencyCapCount === null ? "" : String(campaign.frequencyCapCount),
    frequencyCapPeriod: campaign.frequencyCapCount === null ? "" : (period ?? ""),
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

/** The checked values of a checkbox group from form values ("a,b" → ["a", "b"]). */
export function listValue(values: FormValues, name: string): string[] {
  const value = values[name];
  return value ? value.split(",").filter(Boolean) : [];
}
