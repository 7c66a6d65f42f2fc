import type { OrganizationKind } from "@/lib/generated/prisma/enums";
import { ResendVerificationForm } from "./resend-verification-form";

/** What waits for a confirmed address, in the organisation's own terms. */
const blocked: Record<OrganizationKind, string> = {
  ADVERTISER: "its campaigns do not serve",
  PUBLISHER: "its placements get no ads and earn nothing",
};

/**
 * On every signed-in page while the organisation cannot spend or earn (no owner has confirmed
 * their e-mail address) or the person's own address is unconfirmed: what is missing, and a
 * button that sends the link again to a person who can confirm.
 */
export function VerificationBanner({
  emailVerified,
  organization,
}: {
  emailVerified: boolean;
  organization: { name: string; kind: OrganizationKind; verified: boolean } | null;
}) {
  if (emailVerified && (!organization || organization.verified)) return null;
  const consequence = organization && !organization.verified ? `Until an owner of ${organization.name} confirms their e-mail address, ${blocked[organization.kind]}.` : null;
  return (
    <section id="email-confirmation" aria-label="E-mail confirmation" className="mb-6 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
      {emailVerified ? (
        <p>{consequence}</p>
      ) : (
        <>
          <p className="font-medium">Confirm your e-mail address: we sent you a link when you signed up.</p>
          {consequence ? <p className="mt-1">{consequence} You can build everything meanwhile.</p> : null}
          <ResendVerificationForm />
        </>
      )}
    </section>
  );
}
