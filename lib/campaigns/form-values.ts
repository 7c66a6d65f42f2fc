import { toDateTimeInput } from "@/lib/format/date";

/** Form field values as the form submits them: text, and lists joined by commas (see submittedValues). */
export type FormValues = Record<string, string>;

/**
 * A new campaign's form: a draft that would start now (this minute, as a clock in the
 * organisation's `timeZone` reads it), standard tier, even pacing. (A saved campaign's
 * values: campaignFormValues, lib/model/campaign.ts.)
 */
export function newCampaignFormValues(timeZone: string, now: Date = new Date()): FormValues {
  const thisMinute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  return { status: "DRAFT", startsAt: toDateTimeInput(thisMinute, timeZone), pricingModel: "CPM", pacing: "EVEN", tier: "STANDARD", weight: "1" };
}

/** The checked values of a checkbox group from form values ("a,b" → ["a", "b"]). */
export function listValue(values: FormValues, name: string): string[] {
  const value = values[name];
  return value ? value.split(",").filter(Boolean) : [];
}
