import type { Metadata } from "next";
import { CreateInvitationForm } from "@/components/members/create-invitation-form";
import { InvitationList } from "@/components/members/invitation-list";
import { MemberList } from "@/components/members/member-list";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrganization } from "@/lib/auth/session";
import { readDeps } from "@/lib/cache/deps";
import { listInvitations } from "@/lib/members/list-invitations";
import { listMembers } from "@/lib/members/list-members";
import { assignableRoles, can } from "@/lib/model/permissions";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ searchParams }: { searchParams: Promise<{ notice?: string | string[] }> }) {
  // Everyone in the organisation sees its members; managing them takes members:manage.
  const [{ organization, role, user }, { notice }] = await Promise.all([requireOrganization("any"), searchParams]);
  const canManage = can(role, "members:manage");
  const [members, invitations] = await Promise.all([
    listMembers(organization.id, readDeps()),
    canManage ? listInvitations(organization.id, readDeps()) : Promise.resolve([]),
  ]);

  return (
    <>
      <PageHeader
        title="Members"
        description={
          canManage
            ? `The people who work in ${organization.name}. Owners and admins invite members, change their roles and remove them; only owners touch owners.`
            : `The people who work in ${organization.name}. Ask an owner or an admin to invite someone or to change a role.`
        }
      />
      <Notice code={notice} />
      <div className={canManage ? "grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]" : undefined}>
        <div className="flex min-w-0 flex-col gap-8">
          <section aria-labelledby="members-heading" className="flex flex-col gap-3">
            <h2 id="members-heading" className="text-sm font-semibold text-slate-700">
              Members
            </h2>
            <MemberList members={members} viewerRole={role} currentUserId={user.id} timeZone={organization.timeZone} />
          </section>
          {canManage ? (
            <section aria-labelledby="invitations-heading" className="flex flex-col gap-3">
              <h2 id="invitations-heading" className="text-sm font-semibold text-slate-700">
                Pending invitations
              </h2>
              <InvitationList invitations={invitations} roles={assignableRoles(role)} timeZone={organization.timeZone} />
            </section>
          ) : null}
        </div>
        {canManage ? (
          <Card className="self-start">
            <h2 className="mb-4 font-semibold text-slate-900">Invite someone</h2>
            <CreateInvitationForm roles={assignableRoles(role)} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
