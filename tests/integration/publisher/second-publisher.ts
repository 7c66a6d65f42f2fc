// A second publisher organisation next to the demo data, to prove that one organisation's
// ids neither reach nor reveal another's.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const OWN_ORG = "demo-org-publisher";
export const OWN_SITE = "demo-site-trailhead";
export const OWN_PLACEMENT = "demo-placement-sidebar";

export const OTHER_ORG = "other-org-publisher";
export const OTHER_SITE = "other-site";
export const OTHER_PLACEMENT = "other-placement";

export async function createSecondPublisher(prisma: PrismaClient): Promise<void> {
  await prisma.user.create({ data: { id: "other-user", name: "Olga Other", email: "other@publisher.example", emailVerified: true } });
  await prisma.organization.create({
    data: {
      id: OTHER_ORG,
      name: "Other Gazette",
      kind: "PUBLISHER",
      memberships: { create: { userId: "other-user", role: "OWNER" } },
      sites: {
        create: {
          id: OTHER_SITE,
          name: "Other Gazette",
          domain: "gazette.example",
          placements: { create: { id: OTHER_PLACEMENT, name: "Other sidebar", width: 300, height: 250, keywords: ["news"], floorPriceMicros: 2_000_000n } },
        },
      },
    },
  });
}

/** Counts calls, standing in for invalidateActiveCampaigns. */
export function countingInvalidate() {
  const calls = { count: 0 };
  return { calls, invalidate: async () => void (calls.count += 1) };
}
