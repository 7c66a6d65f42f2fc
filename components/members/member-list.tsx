import { Badge } from "@/components/ui/badge";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate } from "@/lib/format/date";
import { changeMemberRoleAction, removeMemberAction } from "@/lib/members/actions";
import type { MemberView } from "@/lib/members/list-members";

const roleLabels = { OWNER: "Owner", MEMBER: "Member" } as const;

/** The organisation's members; an owner also gets a role switch and a remove button per row. */
export function MemberList({ members, canManage, currentUserId }: { members: MemberView[]; canManage: boolean; currentUserId: string }) {
  return (
    <Table caption="Members">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>E-mail</Th>
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
            <Td className="font-medium">
              {member.name}
              {member.userId === currentUserId ? <span className="ml-1 text-slate-500">(you)</span> : null}
            </Td>
            <Td>{member.email}</Td>
            <Td>
              <Badge tone={member.role === "OWNER" ? "blue" : "gray"}>{roleLabels[member.role]}</Badge>
            </Td>
            <Td>{formatDate(member.joinedAt)}</Td>
            {canManage ? (
              <Td className="text-right">
                <div className="flex justify-end gap-2">
                  <form action={changeMemberRoleAction}>
                    <input type="hidden" name="membershipId" value={member.id} />
                    <input type="hidden" name="role" value={member.role === "OWNER" ? "MEMBER" : "OWNER"} />
                    <SubmitButton variant="secondary" className="px-2.5 py-1 text-xs" pendingLabel="Saving…" aria-label={`${member.role === "OWNER" ? "Make member" : "Make owner"}: ${member.name}`}>
                      {member.role === "OWNER" ? "Make member" : "Make owner"}
                    </SubmitButton>
                  </form>
                  <form action={removeMemberAction}>
                    <input type="hidden" name="membershipId" value={member.id} />
                    <SubmitButton variant="danger" className="px-2.5 py-1 text-xs" pendingLabel="Removing…" aria-label={`Remove ${member.name}`}>
                      Remove
                    </SubmitButton>
                  </form>
                </div>
              </Td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
