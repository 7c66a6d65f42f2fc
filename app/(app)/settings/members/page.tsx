import type { Metadata } from "next";
import { CreateInvitationForm } from "@/components/members/create-invitation-form";
import { InvitationList } from "@/components/members/invitation-list";
import { MemberList } from "@/components/members/member-list";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { currentOrganization, requireUser } from "@/lib/auth/session";
import { readDeps } from "@/lib/cache/deps";
import { listInvitations } from "@/lib/members/list-invitations";
import { listMembers } from "@/lib/members/list-members";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ searchParams }: { searchParams: Promise<{ notice?: string | string[] }> }) {
  const user = await requireUser();
  const [context, { notice }] = await Promise.all([currentOrganization(), searchParams]);
  if (!context) {
    return (
      <>
        <PageHeader title="Members" />
        <EmptyState title="No organisation" description="Members belong to an advertiser or publisher organisation, and you are not a member of one." />
      </>
    );
  }
  const { organization, role } = context;
  const isOwner = role === "OWNER";
  const [members, invitations] = await Promise.all([
    listMembers(organization.id, readDeps()),
    isOwner ? listInvitations(organization.id, readDeps()) : Promise.resolve([]),
  ]);

  return (
    <>
      <PageHeader
        title="Members"
        description={
          isOwner
            ? `The people who work in ${organization.name}. Owners also invite, promote and remove members.`
            : `The people who work in ${organization.name}. Ask an owner to invite someone or to change a role.`
        }
      />
      <Notice code={notice} />
      <div className={isOwner ? "grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]" : undefined}>
        <div className="flex min-w-0 flex-col gap-8">
          <section aria-labelledby="members-heading" className="flex flex-col gap-3">
            <h2 id="members-heading" className="text-sm font-semibold text-slate-700">
              Members
            </h2>
            <MemberList members={members} canManage={isOwner} currentUserId={user.id} />
          </section>
          {isOwner ? (
            <section aria-labelledby="invitations-heading" className="flex flex-col gap-3">
              <h2 id="invitations-heading" className="text-sm font-semibold text-slate-700">
                Pending invitations
              </h2>
              <InvitationList invitations={invitations} />
            </section>
          ) : null}
        </div>
        {isOwner ? (
          <Card className="self-start">
            <h2 className="mb-4 font-semibold text-slate-900">Invite someone</h2>
            <CreateInvitationForm />
          </Card>
        ) : null}
      </div>
    </>
  );
}
