import type { DomainDeps } from "@/lib/db/deps";
import { campaignNotFound } from "./campaign-data";
import { MAX_NAME_LENGTH } from "@/lib/zod/schemas/campaigns";

/**
 * A copy to start from: same settings and targeting, status DRAFT, nothing spent, and
 * copies of the live creatives sent to review again (an operator approves what serves).
 */
export async function duplicateCampaign(organizationId: string, campaignId: string, deps: DomainDeps) {
  const source = await deps.prisma.campaign.findFirst({
    where: { id: campaignId, organizationId },
    include: { creatives: { where: { archivedAt: null }, orderBy: { createdAt: "asc" } } },
  });
  if (!source) throw campaignNotFound();
  const copy = await deps.prisma.campaign.create({
    data: {
      organizationId,
      name: copyName(source.name),
      status: "DRAFT",
      startsAt: source.startsAt,
      endsAt: source.endsAt,
      pricingModel: source.pricingModel,
      priceMicros: source.priceMicros,
      totalBudgetMicros: source.totalBudgetMicros,
      dailyBudgetMicros: source.dailyBudgetMicros,
      pacing: source.pacing,
      tier: source.tier,
      weight: source.weight,
      frequencyCapCount: source.frequencyCapCount,
      frequencyCapPeriodSeconds: source.frequencyCapPeriodSeconds,
      targetPlacementIds: source.targetPlacementIds,
      targetSizes: source.targetSizes,
      countriesInclude: source.countriesInclude,
      countriesExclude: source.countriesExclude,
      devices: source.devices,
      keywords: source.keywords,
      weekdays: source.weekdays,
      hours: source.hours,
      creatives: {
        create: source.creatives.map((creative) => ({
          name: creative.name,
          kind: creative.kind,
          width: creative.width,
          height: creative.height,
          imageUrl: creative.imageUrl,
          altText: creative.altText,
          headline: creative.headline,
          body: creative.body,
          html: creative.html,
          landingUrl: creative.landingUrl,
          reviewStatus: "PENDING" as const,
        })),
      },
    },
    include: { creatives: true },
  });
  await deps.invalidate();
  return copy;
}

export function copyName(name: string): string {
  const suffix = " (copy)";
  return name.length + suffix.length <= MAX_NAME_LENGTH ? `${name}${suffix}` : `${name.slice(0, MAX_NAME_LENGTH - suffix.length - 1)}…${suffix}`;
}
