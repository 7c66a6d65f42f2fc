import type { IabSize } from "./options";

/**
 * Groups of IAB sizes an advertiser often wants together, ticked in one click on the campaign
 * form (the sizes stay plain checkboxes: a preset only ticks them). A size may be in several.
 */
export const SIZE_PRESETS: ReadonlyArray<{ id: string; label: string; sizes: readonly IabSize[] }> = [
  { id: "desktop-banners", label: "Desktop banners", sizes: ["728x90", "970x250", "160x600", "300x600"] },
  { id: "mobile", label: "Mobile", sizes: ["320x50", "300x250"] },
  { id: "rectangles", label: "Rectangles", sizes: ["300x250", "336x280"] },
];
