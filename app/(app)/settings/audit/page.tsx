import type { Metadata } from "next";
import { AuditLogControls, AuditLogTable } from "@/components/audit/audit-log-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { auditPage, type AuditPageSearch } from "@/lib/audit/audit-page-query";
import { requireOrganization } from "@/lib/auth/session";
import { readDeps } from "@/lib/cache/deps";

export const metadata: Metadata = { title: "Audit log" };

const path = "/settings/audit";

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<AuditPageSearch> }) {
  const { organization } = await requireOrganization("any", "audit:read");
  const result = await auditPage(organization.id, await searchParams, readDeps());
  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Who changed what in ${organization.name}, when, and whether in the dashboard or through an API key. Entries are never changed or deleted.`}
      />
      <div className="flex flex-col gap-4">
        <AuditLogControls path={path} targetType={result.targetType} paged={result.paged} nextCursor={"page" in result ? result.page.nextCursor : null} />
        {"invalidCursor" in result ? (
          <EmptyState title="This page of the log does not exist" description="The link's position in the log is not valid. Start again from the newest events." />
        ) : result.page.events.length === 0 ? (
          <EmptyState title="Nothing recorded yet" description="Changes to campaigns, creatives, sites, placements, members and API keys appear here." />
        ) : (
          <AuditLogTable events={result.page.events} links timeZone={organization.timeZone} />
        )}
      </div>
    </>
  );
}
