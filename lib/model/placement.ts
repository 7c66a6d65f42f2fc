import type { Placement } from "@/lib/generated/prisma/browser";
import { microsToDecimal } from "@/lib/format/money";
import { keysOf, pickFields, type SettingFields } from "./fields";
import { sizeKey, type IabSize } from "./options";

// A placement's record and what the app makes of it, in one place (as ./campaign.ts for
// campaigns): the columns people set and the ones the system keeps, and the mappings between
// the record and the form's input and values and the API's JSON. The active set's entry is
// built from the same record (lib/ads/active-set.ts). tests/unit/model/field-mapping.test.ts
// checks the lists against Prisma's data model.

/** A stored placement, as Prisma reads it. */
export type PlacementRecord = Placement;

/** The columns a person sets, in the form or through the API, each with the field that carries it. */
export const PLACEMENT_SETTINGS = {
  name: "name",
  width: "size",
  height: "size",
  keywords: "keywords",
  floorPriceMicros: "floorPrice",
} as const satisfies SettingFields<PlacementRecord>;

export type PlacementSetting = keyof typeof PLACEMENT_SETTINGS;
/** A field of the placement form, and of the API's placement JSON. */
export type PlacementField = (typeof PLACEMENT_SETTINGS)[PlacementSetting];
/** What a person set on a placement, as stored. */
export type PlacementSettings = Pick<PlacementRecord, PlacementSetting>;

export const PLACEMENT_SETTING_COLUMNS = keysOf(PLACEMENT_SETTINGS);

/** The columns nobody types in, and why the form and the API do not write them. */
export const PLACEMENT_SYSTEM_FIELDS = {
  id: "Its key, made by the database; the embed snippet names it.",
  siteId: "Its site: the one it is added to (from the URL, checked against the organisation), never input.",
  archivedAt: "Set by archiving (its snippet then stays empty). The API reports it.",
  createdAt: "Set by the database when it is created; the API reports it.",
  updatedAt: "Set by Prisma on every write; the API reports it, the active set's version watches it.",
} as const satisfies Record<Exclude<keyof PlacementRecord, PlacementSetting>, string>;

// ─── The form's input ────────────────────────────────────────────────────────

/**
 * A placement as the form and the API hand it to the domain, parsed and checked
 * (placementSchema, lib/zod/schemas/placements.ts): exactly its settings.
 */
export type PlacementInput = PlacementSettings;

/** The form's parsed input → the columns it sets. */
export function placementSettingsOf(placement: PlacementSettings): PlacementSettings {
  return pickFields(placement, PLACEMENT_SETTING_COLUMNS);
}

// ─── The form's values ───────────────────────────────────────────────────────

/** A saved placement, as the form shows it. */
export function placementFormValues(placement: PlacementSettings): Record<PlacementField, string> {
  return {
    name: placement.name,
    size: sizeKey(placement.width, placement.height),
    keywords: placement.keywords.join(", "),
    floorPrice: microsToDecimal(placement.floorPriceMicros),
  };
}

// ─── The API's JSON ──────────────────────────────────────────────────────────

/** A stored placement's settings as the API's JSON: the size as "WIDTHxHEIGHT", the floor as a decimal string. */
export function placementJson(placement: PlacementSettings) {
  return {
    name: placement.name,
    size: sizeKey(placement.width, placement.height) as IabSize,
    keywords: placement.keywords,
    floorPrice: microsToDecimal(placement.floorPriceMicros),
  } satisfies Record<PlacementField, unknown>;
}

export type PlacementJson = ReturnType<typeof placementJson>;

/** The API's JSON → the placement form's fields (keywords as the form's comma-separated text). */
export function placementFormFieldsFromJson(json: PlacementJson) {
  return { name: json.name, size: json.size, keywords: json.keywords.join(","), floorPrice: json.floorPrice } satisfies Record<PlacementField, unknown>;
}
