import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, Td, Th } from "@/components/ui/table";
import { revokeApiKeyAction } from "@/lib/api-keys/actions";
import { apiKeyState, type ApiKeyView } from "@/lib/api-keys/api-key-view";
import { formatDateTime } from "@/lib/format/date";
import { API_KEY_ACCESS_LABELS } from "@/lib/model/permissions";

export interface ApiKeyRow extends ApiKeyView {
  /** Whether the viewer may revoke it (their own, or anyone's with "api_keys:manage"). */
  revocable: boolean;
}

function Status({ apiKey, now, timeZone }: { apiKey: ApiKeyView; now: Date; timeZone: string }) {
  switch (apiKeyState(apiKey, now)) {
    case "revoked":
      return <Badge tone="red">Revoked {formatDateTime(apiKey.revokedAt!, timeZone)}</Badge>;
    case "expired":
      return <Badge tone="yellow">Expired {formatDateTime(apiKey.expiresAt!, timeZone)}</Badge>;
    case "active":
      return (
        <span className="flex flex-col items-start gap-0.5">
          <Badge tone="green">Active</Badge>
          <span className="text-xs text-slate-500">{apiKey.expiresAt ? `Expires ${formatDateTime(apiKey.expiresAt, timeZone)}` : "Never expires"}</span>
        </span>
      );
  }
}

/** The keys the viewer may see, by their visible start, times in the organisation's `timeZone`; revoking is one small form per key. */
export function ApiKeyList({ apiKeys, timeZone, now = new Date() }: { apiKeys: ApiKeyRow[]; timeZone: string; now?: Date }) {
  if (apiKeys.length === 0) {
    return <EmptyState title="No API keys yet" description="Create one to call the management API from your scripts and services." />;
  }
  return (
    <Table caption="API keys">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Key</Th>
          <Th>Access</Th>
          <Th>Created by</Th>
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
            <Td>{API_KEY_ACCESS_LABELS[apiKey.access]}</Td>
            <Td>
              {apiKey.createdBy ? (
                <span className="flex flex-col">
                  <span>{apiKey.createdBy.name}</span>
                  <span className="text-xs text-slate-500">{apiKey.createdBy.email}</span>
                </span>
              ) : (
                <span className="text-slate-500">Deleted account</span>
              )}
            </Td>
            <Td>{formatDateTime(apiKey.createdAt, timeZone)}</Td>
            <Td>{apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt, timeZone) : "Never"}</Td>
            <Td>
              <Status apiKey={apiKey} now={now} timeZone={timeZone} />
            </Td>
            <Td className="text-right">
              {apiKey.revokedAt || !apiKey.revocable ? null : (
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
