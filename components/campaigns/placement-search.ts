import type { PlacementOption } from "@/lib/campaigns/list-placement-options";

/** "728×90" as people read a size, "728x90" as it is stored. */
export const sizeLabel = (size: string) => size.replace("x", "×");

/**
 * Whether a placement matches what was typed: every word must appear in its site's name, its
 * own name, its size (728x90 or 728×90) or its site's domain, in any case.
 */
export function matchesPlacement(placement: PlacementOption, query: string): boolean {
  const words = query.toLowerCase().replaceAll("×", "x").split(/\s+/).filter(Boolean);
  const text = [placement.siteName, placement.name, placement.size, placement.domain].join(" ").toLowerCase();
  return words.every((word) => text.includes(word));
}

/** Placements by site, in the order given (the list is sorted by site, then name). */
export function groupBySite(placements: readonly PlacementOption[]): Array<{ siteName: string; domain: string; placements: PlacementOption[] }> {
  const groups = new Map<string, { siteName: string; domain: string; placements: PlacementOption[] }>();
  for (const placement of placements) {
    const key = `${placement.siteName}\u0000${placement.domain}`;
    const group = groups.get(key) ?? { siteName: placement.siteName, domain: placement.domain, placements: [] };
    group.placements.push(placement);
    groups.set(key, group);
  }
  return [...groups.values()];
}
