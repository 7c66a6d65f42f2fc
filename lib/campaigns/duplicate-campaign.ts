import type { Actor } from "@/lib/audit/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { DomainDeps } from "@/lib/db/deps";
import { campaignSettingsOf } from "@/lib/model/campaign";
import { creativeSettingsOf } from "@/lib/model/creative";
import { campaignNotFound } from "./campaign-data";
import { MAX_NAME_LENGTH } from "@/lib/zod/schemas/campaigns";

/**
 * A copy to start from: same settings and targeting, status DRAFT, nothing spent, and
 * copies of the live creatives sent to review again (an operator approves what serves).
 */
export async function duplicateCampaign(organizationId: string, campaignId: string, actor: Actor, deps: DomainDeps) {
  const source = await deps.prisma.campaign.findFirst({
    where: { id: campaignId, organizationId },
    include: { creatives: { where: { archivedAt: null }, orderBy: { createdAt: "asc" } } },
  });
  if (!source) throw campaignNotFound();
  const copy = await deps.prisma.$transaction(async (tx) => {
    const created = await tx.campaign.create({
      data: {
        ...campaignSettingsOf(source),
        organizationId,
        name: copyName(source.name),
        status: "DRAFT",
        creatives: {
          create: source.creatives.map((creative) => ({ ...creativeSettingsOf(creative), reviewStatus: "PENDING" as const })),
        },
      },
      include: { creatives: true },
    });
    await recordAuditEvent(tx, {
      organizationId,
      actor,
      action: "campaign.duplicated",
      target: created,
      detail: { source: { id: source.id, name: source.name }, creatives: created.creatives.length },
    });
    return created;
  });
  await deps.invalidate();
  return copy;
}

export function copyName(name: string): string {
  const suffix = " (copy)";
  return name.length + suffix.length <= MAX_NAME_LENGTH ? `${name}${suffix}` : `${name.slice(0, MAX_NAME_LENGTH - suffix.length - 1)}…${suffix}`;
}
