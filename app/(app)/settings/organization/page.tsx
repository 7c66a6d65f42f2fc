import type { Metadata } from "next";
import Link from "next/link";
import { CampaignMailForm } from "@/components/organization/campaign-mail-form";
import { TimeZoneForm } from "@/components/organization/time-zone-form";
import { TwoFactorRequirementForm } from "@/components/organization/two-factor-requirement-form";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrganization } from "@/lib/auth/session";
import { readDeps } from "@/lib/cache/deps";
import { formatDateTime } from "@/lib/format/date";
import { timeZoneNames } from "@/lib/format/time-zone";
import { can } from "@/lib/model/permissions";
import { campaignMailSetting } from "@/lib/organizations/campaign-mail";
import { membersWithoutTwoFactor } from "@/lib/organizations/members-without-two-factor";

export const metadata: Metadata = { title: "Organisation settings" };

export default async function OrganizationSettingsPage({ searchParams }: { searchParams: Promise<{ notice?: string | string[] }> }) {
  // Every member may read the settings; only a role with "organization:manage" changes them.
  const { organization, user, role } = await requireOrganization("any");
  const manages = can(role, "organization:manage");
  const setsTimeZone = can(role, "organization:time_zone");
  // Mail about campaigns goes to those who may edit them, each choosing for themselves.
  const getsCampaignMail = organization.kind === "ADVERTISER" && can(role, "campaigns:write");
  const [{ notice }, without, campaignMail] = await Promise.all([
    searchParams,
    manages ? membersWithoutTwoFactor(organization.id, readDeps()) : [],
    getsCampaignMail ? campaignMailSetting({ organizationId: organization.id, userId: user.id }, readDeps()) : false,
  ]);
  return (
    <>
      <PageHeader
        title="Organisation settings"
        description={manages ? `Settings of ${organization.name}.` : setsTimeZone ? `Settings of ${organization.name}. Admins change the time zone; only an owner changes the rest.` : `Settings of ${organization.name}. Only an owner or an admin can change them.`}
      />
      <Notice code={notice} />
      <Card className="mb-6 flex max-w-2xl flex-col gap-4">
        <div>
          <h2 className="font-semibold text-slate-900">Time zone</h2>
          <p className="mt-1 text-sm text-slate-600">
            Every date your members see and enter is in this zone, and your campaigns keep its days, hours and daily budgets. Now it is{" "}
            <span data-testid="organization-now">{formatDateTime(new Date(), organization.timeZone)}</span>.
          </p>
        </div>
        {setsTimeZone ? <TimeZoneForm timeZone={organization.timeZone} timeZones={timeZoneNames()} /> : <p className="text-sm text-slate-700">{organization.timeZone}</p>}
      </Card>
      {getsCampaignMail ? (
        <Card className="mb-6 flex max-w-2xl flex-col gap-4">
          <div>
            <h2 className="font-semibold text-slate-900">Your mail</h2>
            <p className="mt-1 text-sm text-slate-600">For you alone, in {organization.name}: other members choose for themselves.</p>
          </div>
          <CampaignMailForm on={campaignMail} />
        </Card>
      ) : null}
      <Card className="flex max-w-2xl flex-col gap-4">
        <h2 className="font-semibold text-slate-900">Two-factor authentication</h2>
        {manages ? (
          <>
            {!user.twoFactorEnabled ? (
              <p className="text-sm text-slate-700">
                To require it of everyone, first{" "}
                <Link href="/settings/security" className="font-medium text-brand-600 hover:text-brand-700">
                  turn it on for your own account
                </Link>
                .
              </p>
            ) : null}
            <TwoFactorRequirementForm required={organization.requireTwoFactor} />
            <MembersWithoutTwoFactor members={without} required={organization.requireTwoFactor} />
          </>
        ) : (
          <p className="text-sm text-slate-700">
            {organization.requireTwoFactor ? "Required of every member." : "Not required: each member chooses for their own account."}{" "}
            <Link href="/settings/security" className="font-medium text-brand-600 hover:text-brand-700">
              Your own settings
            </Link>
          </p>
        )}
      </Card>
    </>
  );
}

function MembersWithoutTwoFactor({ members, required }: { members: readonly { name: string; email: string }[]; required: boolean }) {
  if (members.length === 0) return <p className="text-sm text-slate-700">Every member has two-factor authentication on.</p>;
  return (
    <div className="text-sm text-slate-700">
      <p>
        {members.length === 1 ? "1 member has" : `${members.length} members have`} not turned it on
        {required ? " and will be asked to before they continue:" : " (with the requirement, they are asked to before they continue):"}
      </p>
      <ul className="mt-1 list-disc pl-5">
        {members.map((member) => (
          <li key={member.email}>
            {member.name} ({member.email})
          </li>
        ))}
      </ul>
    </div>
  );
}
