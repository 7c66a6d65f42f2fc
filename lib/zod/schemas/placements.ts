import { z } from "zod";
import { checkMoney } from "@/lib/format/money";
import { IAB_SIZES, sizeOf, type IabSize } from "@/lib/model/options";
import type { PlacementField, PlacementInput } from "@/lib/model/placement";

/** The IAB sizes a placement can have, "WIDTHxHEIGHT": the ones creatives have. */
export const PLACEMENT_SIZES = IAB_SIZES;

/** The sizes' names, for the placement form (its options show the dimensions beside them). */
export const PLACEMENT_SIZE_NAMES: Record<IabSize, string> = {
  "300x250": "Medium rectangle",
  "728x90": "Leaderboard",
  "320x50": "Mobile banner",
  "300x600": "Half page",
  "160x600": "Wide skyscraper",
  "970x250": "Billboard",
  "336x280": "Large rectangle",
};

export const MAX_KEYWORDS = 20;
export const MAX_KEYWORD_LENGTH = 64;
/** $1,000 CPM: above any real floor, low enough to catch a misplaced decimal point. */
export const MAX_FLOOR_PRICE_MICROS = 1_000n * 1_000_000n;

// A bound argument of the placement forms, so anything a direct POST sends (PostgreSQL refuses NUL).
export const placementIdSchema = z.string({ error: "Placement not found." }).trim().min(1, "Placement not found.").max(64, "Placement not found.").regex(/^[^\u0000]+$/, "Placement not found.");

const sizeSchema = z.enum(IAB_SIZES, { error: "Choose one of the listed sizes." });

/** "Outdoor, hiking, ,outdoor" → ["outdoor", "hiking"]: lower-case like serving compares them. */
const keywordsSchema = z
  .string({ error: "Enter keywords separated by commas." })
  .optional()
  .transform((value) => [...new Set((value ?? "").split(",").map((keyword) => keyword.trim().toLowerCase()).filter(Boolean))])
  .check((context) => {
    if (context.value.length > MAX_KEYWORDS) {
      context.issues.push({ code: "custom", input: context.value, message: `Use at most ${MAX_KEYWORDS} keywords.` });
    }
    const long = context.value.find((keyword) => keyword.length > MAX_KEYWORD_LENGTH);
    if (long) {
      context.issues.push({ code: "custom", input: context.value, message: `Keep each keyword under ${MAX_KEYWORD_LENGTH} characters.` });
    }
  });

const floorPriceMessages = {
  format: "Enter the floor price in dollars, e.g. 1.50.",
  negative: "The floor price cannot be negative.",
  precision: "Use at most 6 decimal places.",
  too_large: "Keep the floor price at or under $1,000 CPM.",
} as const;

/** Dollars per 1,000 impressions, typed as text; empty means no floor. */
const floorPriceSchema = z
  .string({ error: floorPriceMessages.format })
  .optional()
  .transform((value, context) => {
    const parsed = checkMoney(value ?? "");
    if (parsed.ok) {
      if (parsed.micros > MAX_FLOOR_PRICE_MICROS) {
        context.addIssue({ code: "custom", message: floorPriceMessages.too_large });
        return z.NEVER;
      }
      return parsed.micros;
    }
    if (parsed.problem === "empty") return 0n;
    context.addIssue({ code: "custom", message: floorPriceMessages[parsed.problem] });
    return z.NEVER;
  });

/** Every field of the placement form: one per setting of lib/model/placement.ts (PLACEMENT_SETTINGS). */
export const placementFormSchema = z.object({
  name: z.string({ error: "Name the placement." }).trim().min(1, "Name the placement.").max(100, "Keep the name under 100 characters."),
  size: sizeSchema,
  keywords: keywordsSchema,
  floorPrice: floorPriceSchema,
} satisfies Record<PlacementField, z.ZodType>);

/** What the domain functions take: the size split into pixels, the floor in micro-units. */
export const placementSchema = placementFormSchema.transform(({ size, floorPrice, ...rest }): PlacementInput => ({ ...rest, ...sizeOf(size), floorPriceMicros: floorPrice }));

export const createPlacementSchema = placementSchema;
export const updatePlacementSchema = placementSchema;
