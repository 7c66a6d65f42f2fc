import type { Metadata } from "next";
import Link from "next/link";
import { InvitationSignUpForm } from "@/components/members/invitation-sign-up-form";
import { JoinInvitationForm } from "@/components/members/join-invitation-form";
import { ButtonLink } from "@/components/ui/button";
import { currentUser } from "@/lib/auth/session";
import { readDeps } from "@/lib/cache/deps";
import { prisma } from "@/lib/db";
import { signInPath } from "@/lib/http/local-path";
import type { MemberRole } from "@/lib/model/enums";
import { findInvitation } from "@/lib/members/find-invitation";
import { memberMessages } from "@/lib/zod/schemas/members";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

const roleLabels = { OWNER: "an owner", ADMIN: "an admin", MEMBER: "a member", VIEWER: "a read-only member" } as const satisfies Record<MemberRole, string>;
const kindLabels = { ADVERTISER: "advertiser", PUBLISHER: "publisher" } as const;

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, user] = await Promise.all([findInvitation(token, readDeps()), currentUser()]);

  if (!invitation) {
    return (
      <>
        <h1 className="mb-4 text-xl font-semibold">Invitation not valid</h1>
        <p className="text-sm text-slate-700">{memberMessages.invitationInvalid} Ask an owner or an admin of the organisation for a new link.</p>
        <p className="mt-6 text-sm">
          <Link href={user ? "/dashboard" : "/"} className="font-medium text-brand-600 hover:text-brand-700">
            {user ? "Go to your dashboard" : "Go to the home page"}
          </Link>
        </p>
      </>
    );
  }

  const { organization } = invitation;
  const heading = (
    <>
      <h1 className="mb-2 text-xl font-semibold">Join {organization.name}</h1>
      <p className="mb-6 text-sm text-slate-700">
        {organization.name} ({kindLabels[organization.kind]}) invites you to Marquee as {roleLabels[invitation.role]}.
      </p>
    </>
  );

  if (user) {
    const membership = await prisma.membership.findUnique({
      where: { organizationId_userId: { organizationId: organization.id, userId: user.id } },
      select: { id: true },
    });
    if (membership) {
      return (
        <>
          {heading}
          <p className="mb-4 text-sm text-slate-700">{memberMessages.alreadyMember}</p>
          <ButtonLink href="/dashboard">Go to your dashboard</ButtonLink>
        </>
      );
    }
    return (
      <>
        {heading}
        <p className="mb-4 text-sm text-slate-600">You are signed in as {user.email}.</p>
        <JoinInvitationForm token={token} organizationName={organization.name} />
      </>
    );
  }

  return (
    <>
      {heading}
      <InvitationSignUpForm token={token} organizationName={organization.name} />
      <p className="mt-6 text-sm text-slate-600">
        Already have an account?{" "}
        {/* Back here after signing in (two-factor step included), to join with that account. */}
        <Link href={signInPath(`/invite/${token}`)} className="font-medium text-brand-600 hover:text-brand-700">
          Sign in
        </Link>{" "}
        to join with it.
      </p>
    </>
  );
}
