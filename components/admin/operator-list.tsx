import { SubmitButton } from "@/components/ui/submit-button";
import { Table, Td, Th } from "@/components/ui/table";
import { revokeOperatorAction } from "@/lib/admin/actions";
import type { OperatorView } from "@/lib/admin/list-operators";
import { formatDate } from "@/lib/format/date";

/** The operators, each with a revoke button — but the last one's, which the server refuses anyway. */
/** `timeZone`: the operator's (their current organisation's, or UTC), for the dates. */
export function OperatorList({ operators, currentUserId, timeZone }: { operators: OperatorView[]; currentUserId: string; timeZone: string }) {
  const last = operators.length <= 1;
  return (
    <Table caption="Operators">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>E-mail</Th>
          <Th>Two-factor</Th>
          <Th>Account created</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {operators.map((operator) => (
          <tr key={operator.id}>
            <Td className="font-medium">
              {operator.name}
              {operator.id === currentUserId ? <span className="ml-1 text-slate-500">(you)</span> : null}
            </Td>
            <Td>{operator.email}</Td>
            <Td>{operator.twoFactorEnabled ? "On" : <span className="text-slate-500">Off</span>}</Td>
            <Td>{formatDate(operator.createdAt, timeZone)}</Td>
            <Td className="text-right">
              {last ? (
                <span className="text-xs text-slate-500">The last operator</span>
              ) : (
                <form action={revokeOperatorAction}>
                  <input type="hidden" name="userId" value={operator.id} />
                  <SubmitButton variant="danger" className="px-2.5 py-1 text-xs" pendingLabel="Revoking…" aria-label={`Revoke operator: ${operator.name}`}>
                    Revoke
                  </SubmitButton>
                </form>
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
