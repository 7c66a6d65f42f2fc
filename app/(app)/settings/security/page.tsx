import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { ChangePasswordForm } from "@/components/security/change-password-form";
import { DeleteAccountForm } from "@/components/security/delete-account-form";
import { TwoFactorPanel } from "@/components/security/two-factor-panel";
import { requireUser } from "@/lib/auth/session";
import { organizationsRequiringTwoFactor, recoveryCodesLeft } from "@/lib/auth/two-factor";
import { readDeps } from "@/lib/cache/deps";
import { accountDeletionPlan, deleteAccountMessages, type AccountDeletionPlan } from "@/lib/members/delete-account";

export const metadata: Metadata = { title: "Security" };

// One's own account, whatever organisation: requireUser, never requireOrganization — this is
// where requireOrganization sends a member whose organisation requires two-factor
// authentication (TWO_FACTOR_SETUP_PATH), so it must stay reachable without it.
export default async function SecurityPage({ searchParams }: { searchParams: Promise<{ notice?: string | string[] }> }) {
  const user = await requireUser();
  const [{ notice }, codesLeft, requiredBy, deletion] = await Promise.all([
    searchParams,
    recoveryCodesLeft(user.id),
    organizationsRequiringTwoFactor(user.id),
    accountDeletionPlan(user.id, readDeps()),
  ]);
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
        <Card>
          <h2 className="mb-4 font-semibold text-slate-900">Delete your account</h2>
          <DeleteAccount plan={deletion} />
        </Card>
      </div>
    </>
  );
}

const names = (organizations: { name: string }[]) => organizations.map((organization) => `“${organization.name}”`).join(", ");

/** What deleting the account does, said before the form; what refuses it, instead of the form. */
function DeleteAccount({ plan }: { plan: AccountDeletionPlan }) {
  if (plan.lastOperator || plan.blocking.length > 0) {
    return (
      <p className="text-sm text-slate-700">
        {plan.lastOperator ? deleteAccountMessages.lastOperator : deleteAccountMessages.onlyOwner(plan.blocking.map((organization) => organization.name))}
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-4 text-sm text-slate-700">
      <p>Your account, its sessions and its two-factor settings are deleted at once. This cannot be undone.</p>
      {plan.deleted.length > 0 ? (
        <p>
          Deleted with it, as you are their only member: {names(plan.deleted)} — campaigns, creatives, sites, placements (their snippets stop filling), API keys and
          uploaded images. Their reports go too.
        </p>
      ) : null}
      {plan.left.length > 0 ? <p>You leave {names(plan.left)}: they stay with their other members, and the API keys you created there stop working.</p> : null}
      <p>The audit logs keep what you did, with your e-mail address.</p>
      <DeleteAccountForm />
    </div>
  );
}
