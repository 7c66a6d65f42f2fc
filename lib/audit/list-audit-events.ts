import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AuditChannel } from "@/lib/generated/prisma/enums";
import type { AuditTargetType } from "./audit-actions";
import { decodeAuditCursor, encodeAuditCursor } from "./audit-cursor";

export const AUDIT_PAGE_SIZE = 50;
export const MAX_AUDIT_PAGE_SIZE = 200;

export interface AuditLogQuery {
  /** One organisation's log; "all" for operators. */
  organizationId: string | "all";
  targetType?: AuditTargetType;
  /** nextCursor of the previous page; none for the newest events. */
  cursor?: string;
  limit?: number;
}

export interface AuditEntry {
  id: string;
  createdAt: Date;
  organization: { id: string; name: string | null } | null;
  actor: { userId: string | null; email: string | null };
  channel: AuditChannel;
  /** The key used (its name as it is now), for the API channel. */
  apiKey: { id: string; name: string | null } | null;
  action: string;
  target: {
    type: string;
    id: string;
    name: string | null;
    /** Whether the record is still there to link to (archived records are); a creative's campaign for its link. */
    exists: boolean;
    campaignId?: string;
  };
  detail: unknown;
}

export interface AuditLogPage {
  events: AuditEntry[];
  nextCursor: string | null;
}

/** A page of the audit log, newest first; an invalid cursor is a 400 (decodeAuditCursor). */
export async function listAuditEvents(query: AuditLogQuery, deps: { prisma: PrismaClient }): Promise<AuditLogPage> {
  const limit = Math.min(Math.max(query.limit ?? AUDIT_PAGE_SIZE, 1), MAX_AUDIT_PAGE_SIZE);
  const after = query.cursor ? decodeAuditCursor(query.cursor) : null;
  const rows = await deps.prisma.auditEvent.findMany({
    where: {
      ...(query.organizationId === "all" ? {} : { organizationId: query.organizationId }),
      ...(query.targetType ? { targetType: query.targetType } : {}),
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const [keys, organizations, targets] = await Promise.all([
    namesById(page.flatMap((row) => (row.apiKeyId ? [row.apiKeyId] : [])), (ids) => deps.prisma.apiKey.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })),
    query.organizationId === "all"
      ? namesById(page.flatMap((row) => (row.organizationId ? [row.organizationId] : [])), (ids) =>
          deps.prisma.organization.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
        )
      : new Map<string, string>(),
    existingTargets(page, deps.prisma),
  ]);
  return {
    events: page.map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      organization: row.organizationId ? { id: row.organizationId, name: organizations.get(row.organizationId) ?? null } : null,
      actor: { userId: row.actorId, email: row.actorEmail },
      channel: row.channel,
      apiKey: row.apiKeyId ? { id: row.apiKeyId, name: keys.get(row.apiKeyId) ?? null } : null,
      action: row.action,
      target: { type: row.targetType, id: row.targetId, name: row.targetName, ...targets(row.targetType, row.targetId, row.organizationId) },
      detail: row.detail,
    })),
    nextCursor: rows.length > limit && last ? encodeAuditCursor(last) : null,
  };
}

async function namesById(ids: string[], load: (ids: string[]) => Promise<{ id: string; name: string }[]>): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  return new Map((await load([...new Set(ids)])).map((row) => [row.id, row.name]));
}

type Lookup = (type: string, id: string, organizationId: string | null) => { exists: boolean; campaignId?: string };

/** Which of the page's campaigns, creatives, sites and placements are still there, in their organisation. */
async function existingTargets(rows: { targetType: string; targetId: string }[], prisma: PrismaClient): Promise<Lookup> {
  const ids = (type: AuditTargetType) => [...new Set(rows.filter((row) => row.targetType === type).map((row) => row.targetId))];
  const [campaigns, creatives, sites, placements] = await Promise.all([
    prisma.campaign.findMany({ where: { id: { in: ids("campaign") } }, select: { id: true, organizationId: true } }),
    prisma.creative.findMany({ where: { id: { in: ids("creative") } }, select: { id: true, campaignId: true, campaign: { select: { organizationId: true } } } }),
    prisma.site.findMany({ where: { id: { in: ids("site") } }, select: { id: true, organizationId: true } }),
    prisma.placement.findMany({ where: { id: { in: ids("placement") } }, select: { id: true, site: { select: { organizationId: true } } } }),
  ]);
  const owners = new Map<string, { organizationId: string; campaignId?: string }>([
    ...campaigns.map((row) => [`campaign:${row.id}`, { organizationId: row.organizationId }] as const),
    ...creatives.map((row) => [`creative:${row.id}`, { organizationId: row.campaign.organizationId, campaignId: row.campaignId }] as const),
    ...sites.map((row) => [`site:${row.id}`, { organizationId: row.organizationId }] as const),
    ...placements.map((row) => [`placement:${row.id}`, { organizationId: row.site.organizationId }] as const),
  ]);
  return (type, id, organizationId) => {
    const owner = owners.get(`${type}:${id}`);
    if (!owner || owner.organizationId !== organizationId) return { exists: false };
    return owner.campaignId ? { exists: true, campaignId: owner.campaignId } : { exists: true };
  };
}
