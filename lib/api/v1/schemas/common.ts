import { z } from "zod";
import { errorStatus } from "@/lib/errors";
import { microsToDecimal } from "@/lib/format/money";

// The JSON conventions of the management API, in one place:
//   money   decimal strings in the currency unit (USD), e.g. "12.50": never JSON numbers
//           (floats), up to 6 decimals — exactly the stored micro-units;
//   dates   ISO 8601 strings; request dates need an offset or Z, responses are in UTC;
//   ids     strings;
//   lists   `{ "data": [...] }`; long ones a page at a time (`cursor`, `limit`, `nextCursor`).

export const MONEY_DESCRIPTION = 'Amount in US dollars as a decimal string, e.g. "12.50" (at most 6 decimal places; never a JSON number).';

/** An amount in a request: a decimal string, read into micro-units by the same parser as the forms. */
export const moneyInput = (description: string) =>
  z.string({ error: 'Send the amount as a decimal string, e.g. "12.50".' }).meta({ description: `${description} ${MONEY_DESCRIPTION}`, examples: ["12.50"] });

/** An amount in a response: micro-units as a decimal string ("4.00", "0.000001"). */
export const moneyOutput = (description: string) =>
  z
    .string()
    .regex(/^-?\d+\.\d{2,6}$/)
    .meta({ description: `${description} ${MONEY_DESCRIPTION}`, examples: ["12.50"] });

export const money = (micros: bigint): string => microsToDecimal(micros);
export const moneyOrNull = (micros: bigint | null): string | null => (micros === null ? null : microsToDecimal(micros));

/** A date and time in a request: ISO 8601 with an offset or Z (no local times: nothing to guess). */
export const dateTimeInput = (description: string) =>
  z
    .iso.datetime({ offset: true, error: "Send an ISO 8601 date and time with an offset, e.g. 2026-05-01T09:00:00Z." })
    .meta({ description: `${description} ISO 8601 with an offset or Z; stored to the second.`, examples: ["2026-05-01T09:00:00Z"] });

export const dateTimeOutput = (description: string) => z.iso.datetime().meta({ description: `${description} ISO 8601, UTC.` });

export const iso = (date: Date): string => date.toISOString();
export const isoOrNull = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export const idOutput = (description: string) => z.string().meta({ description });

/** `cursor` and `limit`, the query of a list answered a page at a time (with `nextCursor`). */
export const pageQueryFields = (page: { items: string; first: string; defaultLimit: number; maxLimit: number }) => ({
  cursor: z.string().optional().meta({ description: `The \`nextCursor\` of the previous page; omit it for ${page.first}.` }),
  limit: z.coerce
    .number({ error: "limit must be a whole number." })
    .int({ error: "limit must be a whole number." })
    .min(1, { error: `limit must be between 1 and ${page.maxLimit}.` })
    .max(page.maxLimit, { error: `limit must be between 1 and ${page.maxLimit}.` })
    .optional()
    .meta({ description: `${page.items} per page (default ${page.defaultLimit}, at most ${page.maxLimit}).` }),
});

/** A list response. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });

/** A request list of words that the forms read as comma-separated text: a comma would split one. */
export const wordList = (description: string) =>
  z.array(z.string().refine((value) => !value.includes(","), "Send each keyword as its own string, without commas.")).meta({ description });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errorStatus) as [keyof typeof errorStatus, ...(keyof typeof errorStatus)[]]).meta({
        description: "Machine-readable error code; the HTTP status follows from it.",
      }),
      message: z.string().meta({ description: "What went wrong and what to do, for a person." }),
      details: z
        .array(z.object({ path: z.string().meta({ description: 'The field, e.g. "price" or "targetSizes.0"; "" for the whole body.' }), message: z.string() }))
        .optional()
        .meta({ description: "Every problem found, by field (422), or the field a refusal is about (e.g. a duplicate domain, 409)." }),
    }),
  })
  .meta({ description: "Every error response has this body." });

export type ApiErrorBody = z.infer<typeof errorSchema>;
