import { EmptyState } from "@/components/ui/empty-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format/date";
import { revokeInvitationAction } from "@/lib/members/actions";
import type { MemberRole } from "@/lib/model/enums";
import { ROLE_LABELS } from "@/lib/model/permissions";
import type { InvitationView } from "@/lib/members/list-invitations";

/**
 * Pending invitation links (their tokens are not stored: only their role, dates and the address
 * a link was mailed to); those of `roles` (the ones the viewer may give) can be revoked.
 */
export function InvitationList({ invitations, roles, timeZone }: { invitations: InvitationView[]; roles: readonly MemberRole[]; timeZone: string }) {
  if (invitations.length === 0) {
    return <EmptyState title="No pending invitations" description="Create an invitation link to add someone to the organisation." />;
  }
  return (
    <Table caption="Pending invitations">
      <thead>
        <tr>
          <Th>Role</Th>
          <Th>Mailed to</Th>
          <Th>Created</Th>
          <Th>Expires</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {invitations.map((invitation) => (
          <tr key={invitation.id}>
            <Td>{ROLE_LABELS[invitation.role]}</Td>
            <Td className="break-all">{invitation.sentTo ?? <span className="text-slate-500">— (link shown only)</span>}</Td>
            <Td>{formatDateTime(invitation.createdAt, timeZone)}</Td>
            <Td>{formatDateTime(invitation.expiresAt, timeZone)}</Td>
            <Td className="text-right">
              {roles.includes(invitation.role) ? (
              <form action={revokeInvitationAction}>
                <input type="hidden" name="invitationId" value={invitation.id} />
                <SubmitButton variant="danger" className="px-2.5 py-1 text-xs" pendingLabel="Revoking…" aria-label={invitation.sentTo ? `Revoke invitation mailed to ${invitation.sentTo}` : `Revoke invitation created ${formatDateTime(invitation.createdAt, timeZone)}`}>
                  Revoke
                </SubmitButton>
              </form>
              ) : null}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
