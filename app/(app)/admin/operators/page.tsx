import type { Metadata } from "next";
import { GrantOperatorForm } from "@/components/admin/grant-operator-form";
import { OperatorList } from "@/components/admin/operator-list";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { listOperators } from "@/lib/admin/list-operators";
import { operatorTimeZone } from "@/lib/auth/operator-time-zone";
import { requireAdmin } from "@/lib/auth/session";
import { readDeps } from "@/lib/cache/deps";

export const metadata: Metadata = { title: "Operators" };

export default async function OperatorsPage({ searchParams }: { searchParams: Promise<{ notice?: string | string[] }> }) {
  const [user, { notice }] = await Promise.all([requireAdmin(), searchParams]);
  const [operators, zone] = await Promise.all([listOperators(readDeps()), operatorTimeZone()]);
  return (
    <>
      <PageHeader
        title="Operators"
        description={`Operators review creatives and see every account, the health and the audit log. Each grant and revoke is in the audit log; the last operator cannot be revoked. ${zone.label}`}
      />
      <Notice code={notice} />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <OperatorList operators={operators} currentUserId={user.id} timeZone={zone.timeZone} />
        <Card className="self-start">
          <h2 className="mb-4 font-semibold text-slate-900">Make an account an operator</h2>
          <GrantOperatorForm />
        </Card>
      </div>
    </>
  );
}
