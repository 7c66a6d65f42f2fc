import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { ChangePasswordForm } from "@/components/security/change-password-form";
import { TwoFactorPanel } from "@/components/security/two-factor-panel";
import { requireUser } from "@/lib/auth/session";
import { organizationsRequiringTwoFactor, recoveryCodesLeft } from "@/lib/auth/two-factor";

export const metadata: Metadata = { title: "Security" };

// One's own account, whatever organisation: requireUser, never requireOrganization — this is
// where requireOrganization sends a member whose organisation requires two-factor
// authentication (TWO_FACTOR_SETUP_PATH), so it must stay reachable without it.
export default async function SecurityPage({ searchParams }: { searchParams: Promise<{ notice?: string | string[] }> }) {
  const user = await requireUser();
  const [{ notice }, codesLeft, requiredBy] = await Promise.all([searchParams, recoveryCodesLeft(user.id), organizationsRequiringTwoFactor(user.id)]);
  return (
    <>
      <PageHeader title="Security" description={`Signing in to ${user.email}.`} />
      <Notice code={notice} />
      <div className="flex max-w-2xl flex-col gap-6">
        <Card>
          <h2 className="mb-4 font-semibold text-slate-900">Two-factor authentication</h2>
          <TwoFactorPanel enabled={user.twoFactorEnabled} recoveryCodesLeft={codesLeft} requiredBy={requiredBy} />
        </Card>
        <Card>
          <h2 className="mb-4 font-semibold text-slate-900">Password</h2>
          <ChangePasswordForm />
        </Card>
      </div>
    </>
  );
}
