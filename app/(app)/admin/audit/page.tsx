import type { Metadata } from "next";
import { AuditLogControls, AuditLogTable } from "@/components/audit/audit-log-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { auditPage, type AuditPageSearch } from "@/lib/audit/audit-page-query";
import { operatorTimeZone } from "@/lib/auth/operator-time-zone";
import { requireAdmin } from "@/lib/auth/session";
import { readDeps } from "@/lib/cache/deps";

export const metadata: Metadata = { title: "Audit log · Operators" };

const path = "/admin/audit";

export default async function AdminAuditLogPage({ searchParams }: { searchParams: Promise<AuditPageSearch> }) {
  await requireAdmin();
  const [result, zone] = await Promise.all([auditPage("all", await searchParams, readDeps()), operatorTimeZone()]);
  return (
    <>
      <PageHeader title="Audit log" description={`Every organisation's log, newest first: what members and their API keys changed, operators' review decisions, and who became or stopped being an operator. ${zone.label}`} />
      <div className="flex flex-col gap-4">
        <AuditLogControls path={path} targetType={result.targetType} paged={result.paged} nextCursor={"page" in result ? result.page.nextCursor : null} />
        {"invalidCursor" in result ? (
          <EmptyState title="This page of the log does not exist" description="The link's position in the log is not valid. Start again from the newest events." />
        ) : result.page.events.length === 0 ? (
          <EmptyState title="Nothing recorded yet" />
        ) : (
          <AuditLogTable events={result.page.events} links={false} showOrganization timeZone={zone.timeZone} />
        )}
      </div>
    </>
  );
}
