import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, Td, Th } from "@/components/ui/table";
import { revokeApiKeyAction } from "@/lib/api-keys/actions";
import type { ApiKeyView } from "@/lib/api-keys/api-key-view";
import { formatDateTime } from "@/lib/format/date";

/** The organisation's keys, by their visible start; revoking is one small form per key. */
export function ApiKeyList({ apiKeys }: { apiKeys: ApiKeyView[] }) {
  if (apiKeys.length === 0) {
    return <EmptyState title="No API keys yet" description="Create one to call the management API from your scripts and services." />;
  }
  return (
    <Table caption="API keys">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Key</Th>
          <Th>Created</Th>
          <Th>Last used</Th>
          <Th>Status</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {apiKeys.map((apiKey) => (
          <tr key={apiKey.id}>
            <Td className="font-medium">{apiKey.name}</Td>
            <Td className="font-mono text-xs">{apiKey.prefix}…</Td>
            <Td>{formatDateTime(apiKey.createdAt)}</Td>
            <Td>{apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : "Never"}</Td>
            <Td>{apiKey.revokedAt ? <Badge tone="red">Revoked {formatDateTime(apiKey.revokedAt)}</Badge> : <Badge tone="green">Active</Badge>}</Td>
            <Td className="text-right">
              {apiKey.revokedAt ? null : (
                <form action={revokeApiKeyAction}>
                  <input type="hidden" name="apiKeyId" value={apiKey.id} />
                  <SubmitButton variant="danger" className="px-2.5 py-1 text-xs" pendingLabel="Revoking…" aria-label={`Revoke ${apiKey.name}`}>
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
