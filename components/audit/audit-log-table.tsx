import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { AUDIT_TARGETS, auditActionLabel, isAuditTargetType } from "@/lib/audit/audit-actions";
import { describeAuditDetail } from "@/lib/audit/describe-detail";
import type { AuditEntry } from "@/lib/audit/list-audit-events";
import { formatDateTime } from "@/lib/format/date";

/** Where a record of the viewer's own organisation is seen in the dashboard, while it exists. */
function recordHref(target: AuditEntry["target"]): string | null {
  if (!target.exists) return null;
  switch (target.type) {
    case "campaign":
      return `/advertiser/campaigns/${target.id}`;
    case "creative":
      return target.campaignId ? `/advertiser/campaigns/${target.campaignId}` : null;
    case "site":
      return `/publisher/sites/${target.id}`;
    case "placement":
      return `/publisher/placements/${target.id}`;
    default:
      return null;
  }
}

function Channel({ event }: { event: AuditEntry }) {
  if (event.channel === "API") return <Badge tone="blue">API key “{event.apiKey?.name ?? "deleted key"}”</Badge>;
  if (event.channel === "SYSTEM") return <Badge>System</Badge>;
  return <Badge tone="gray">Dashboard</Badge>;
}

/**
 * The audit log as a table, newest first. `links`: records link to their pages (the
 * organisation's own members); operators see every organisation's, with its name instead.
 * Times as clocks in `timeZone` read them (the organisation's, or the operator's).
 */
export function AuditLogTable({ events, links, showOrganization = false, timeZone }: { events: AuditEntry[]; links: boolean; showOrganization?: boolean; timeZone: string }) {
  return (
    <Table caption="Audit log, newest first">
      <thead>
        <tr>
          <Th>When</Th>
          {showOrganization ? <Th>Organisation</Th> : null}
          <Th>Who</Th>
          <Th>Via</Th>
          <Th>What</Th>
          <Th>Record</Th>
          <Th>Details</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {events.map((event) => {
          const href = links ? recordHref(event.target) : null;
          const name = event.target.name ?? event.target.id;
          return (
            <tr key={event.id}>
              <Td>
                <time dateTime={event.createdAt.toISOString()}>{formatDateTime(event.createdAt, timeZone)}</time>
              </Td>
              {showOrganization ? <Td>{event.organization?.name ?? event.organization?.id ?? "—"}</Td> : null}
              <Td>{event.actor.email ?? (event.channel === "SYSTEM" ? "Marquee" : "—")}</Td>
              <Td>
                <Channel event={event} />
              </Td>
              <Td>{auditActionLabel(event.action)}</Td>
              <Td>
                <span className="text-slate-500">{isAuditTargetType(event.target.type) ? AUDIT_TARGETS[event.target.type] : event.target.type} </span>
                {href ? (
                  <Link href={href} className="font-medium text-brand-600 hover:text-brand-700">
                    {name}
                  </Link>
                ) : (
                  <span className="font-medium">{name}</span>
                )}
              </Td>
              <Td className="whitespace-normal text-xs text-slate-600">
                {describeAuditDetail(event.detail).map((line, index) => (
                  <div key={index}>{line}</div>
                ))}
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

/** The filter by kind of record (a GET form: works without JavaScript) and the link to older events. */
export function AuditLogControls({ path, targetType, paged, nextCursor }: { path: string; targetType?: string; paged: boolean; nextCursor: string | null }) {
  const older = nextCursor ? `${path}?${new URLSearchParams({ ...(targetType ? { type: targetType } : {}), cursor: nextCursor })}` : null;
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <form method="get" action={path} className="flex items-end gap-2 text-sm">
        <label className="flex flex-col gap-1">
          <span className="font-medium text-slate-700">Record</span>
          <select name="type" defaultValue={targetType ?? ""} className="rounded-md border border-slate-300 px-2 py-1.5">
            <option value="">All records</option>
            {Object.entries(AUDIT_TARGETS).map(([type, label]) => (
              <option key={type} value={type}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50">
          Show
        </button>
      </form>
      <div className="flex gap-3 text-sm">
        {paged ? (
          <Link href={targetType ? `${path}?type=${targetType}` : path} className="font-medium text-brand-600 hover:text-brand-700">
            Newest
          </Link>
        ) : null}
        {older ? (
          <Link href={older} className="font-medium text-brand-600 hover:text-brand-700">
            Older events →
          </Link>
        ) : null}
      </div>
    </div>
  );
}
