import { expect, type Locator } from "@playwright/test";

/**
 * A table (components/ui/table.tsx) shows its rows whole: the region that holds it does not
 * scroll sideways, and `last` (a row's last control) ends inside it.
 */
export async function expectFitsWithoutScrolling(table: Locator, last: Locator): Promise<void> {
  const region = table.locator("xpath=..");
  expect(await region.evaluate((element) => element.scrollWidth - element.clientWidth), "the table scrolls sideways").toBeLessThanOrEqual(0);
  const [regionBox, lastBox] = await Promise.all([region.boundingBox(), last.boundingBox()]);
  expect(lastBox!.x + lastBox!.width).toBeLessThanOrEqual(regionBox!.x + regionBox!.width);
}
