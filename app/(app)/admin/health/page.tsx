import type { Metadata } from "next";
import { SystemHealthView } from "@/components/admin/system-health-view";
import { PageHeader } from "@/components/ui/page-header";
import { systemHealth } from "@/lib/admin/system-health";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "System health" };

export default async function HealthPage() {
  await requireAdmin();
  const health = await systemHealth();
  return (
    <>
      <PageHeader
        title="System health"
        description={`Checked ${health.checkedAt.replace("T", " ").slice(0, 19)} UTC by the instance that served this page; other instances keep their own cache and counters. The same as JSON: /api/health/deep.`}
      />
      <SystemHealthView health={health} />
    </>
  );
}
