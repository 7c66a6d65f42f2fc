import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate } from "@/lib/format/date";
import { changeMemberRoleAction, removeMemberAction } from "@/lib/members/actions";
import type { MemberView } from "@/lib/members/list-members";
import type { MemberRole } from "@/lib/model/enums";
import { assignableRoles, can, ROLE_LABELS } from "@/lib/model/permissions";

const roleTones: Record<MemberRole, "blue" | "gray"> = { OWNER: "blue", ADMIN: "blue", MEMBER: "gray", VIEWER: "gray" };

/**
 * The organisation's members. A viewer who manages members also gets, on the rows of roles
 * they may give (an admin: not an owner's), a role choice and a remove button.
 */
export function MemberList({ members, viewerRole, currentUserId, timeZone }: { members: MemberView[]; viewerRole: MemberRole; currentUserId: string; timeZone: string }) {
  const canManage = can(viewerRole, "members:manage");
  const roles = assignableRoles(viewerRole);
  return (
    <Table caption="Members">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Role</Th>
          <Th>Joined</Th>
          {canManage ? (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          ) : null}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {members.map((member) => (
          <tr key={member.id}>
            {/* The e-mail under the name, not a column of its own: beside the invitation form the table has ~700 px. */}
            <Td className="whitespace-normal">
              <span className="font-medium">{member.name}</span>
              {member.userId === currentUserId ? <span className="ml-1 text-slate-500">(you)</span> : null}
              <div className="text-xs text-slate-500">{member.email}</div>
            </Td>
            <Td>
              <Badge tone={roleTones[member.role]}>{ROLE_LABELS[member.role]}</Badge>
            </Td>
            <Td>{formatDate(member.joinedAt, timeZone)}</Td>
            {canManage ? <Td className="text-right">{roles.includes(member.role) ? <MemberControls member={member} roles={roles} /> : null}</Td> : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function MemberControls({ member, roles }: { member: MemberView; roles: MemberRole[] }) {
  return (
    // Wraps rather than push the table past its column beside the invitation form.
    <div className="flex flex-wrap justify-end gap-2">
      <form action={changeMemberRoleAction} className="flex flex-wrap items-center justify-end gap-2">
        <input type="hidden" name="membershipId" value={member.id} />
        <label htmlFor={`role-${member.id}`} className="sr-only">
          Role of {member.name}
        </label>
        <select id={`role-${member.id}`} name="role" defaultValue={member.role} className="rounded-md border border-slate-300 px-2 py-1 text-xs">
          {roles.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
        <SubmitButton variant="secondary" className="px-2.5 py-1 text-xs" pendingLabel="Saving…" aria-label={`Change role: ${member.name}`}>
          Change role
        </SubmitButton>
      </form>
      <form action={removeMemberAction}>
        <input type="hidden" name="membershipId" value={member.id} />
        <SubmitButton variant="danger" className="px-2.5 py-1 text-xs" pendingLabel="Removing…" aria-label={`Remove ${member.name}`}>
          Remove
        </SubmitButton>
      </form>
    </div>
  );
}
