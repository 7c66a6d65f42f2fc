import { z } from "zod";
import { isTimeZone } from "@/lib/format/time-zone";

// The organisation's settings form: its time zone, an IANA name ("Europe/Berlin") the runtime
// knows. Chosen from a list, but a direct POST may send anything.

export const organizationMessages = {
  timeZone: "Choose a time zone from the list, such as Europe/Berlin or America/New_York.",
} as const;

export const organizationTimeZoneSchema = z.object({
  timeZone: z
    .string({ error: organizationMessages.timeZone })
    .trim()
    .refine((value) => isTimeZone(value), organizationMessages.timeZone),
});

/** A member's own "Mail about campaigns" (on or off); anything else a direct POST sends is refused. */
export const campaignMailSchema = z.object({
  campaignMail: z.enum(["on", "off"], { error: "Choose whether to get mail about campaigns." }).transform((value) => value === "on"),
});
