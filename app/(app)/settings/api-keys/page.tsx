import type { Metadata } from "next";
import Link from "next/link";
import { ApiKeyList } from "@/components/api-keys/api-key-list";
import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { grantableApiKeyAccess, mayRevokeApiKey, seesEveryApiKey } from "@/lib/api-keys/api-key-access";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { currentOrganization, requireOrganization, requireUser } from "@/lib/auth/session";
import { readDeps } from "@/lib/cache/deps";
import { can, ROLE_LABELS } from "@/lib/model/permissions";

export const metadata: Metadata = { title: "API keys" };

const endpoints = {
  ADVERTISER: "campaigns, creatives and the advertiser report",
  PUBLISHER: "sites, placements and the publisher report",
} as const;

export default async function ApiKeysPage({ searchParams }: { searchParams: Promise<{ notice?: string | string[] }> }) {
  await requireUser();
  const [current, { notice }] = await Promise.all([currentOrganization(), searchParams]);
  if (!current) {
    return (
      <>
        <PageHeader title="API keys" />
        <EmptyState title="No organisation" description="API keys belong to an advertiser or publisher organisation, and you are not a member of one." />
      </>
    );
  }
  const { organization, user, role } = await requireOrganization("any");
  const actor = { organization: { id: organization.id, kind: organization.kind }, userId: user.id, role };
  const apiKeys = (await listApiKeys(actor, readDeps())).map((apiKey) => ({ ...apiKey, revocable: mayRevokeApiKey(actor, apiKey.createdBy?.id ?? null) }));
  const mayCreate = can(role, "api_keys:create");

  return (
    <>
      <PageHeader
        title="API keys"
        description={`Keys let your scripts and services manage ${endpoints[organization.kind]} of ${organization.name} through the management API, on your behalf.`}
      />
      <Notice code={notice} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <section aria-labelledby="keys-heading" className="flex min-w-0 flex-col gap-3">
          <h2 id="keys-heading" className="sr-only">
            {seesEveryApiKey(actor) ? "The organisation's API keys" : "Your API keys"}
          </h2>
          <ApiKeyList apiKeys={apiKeys} timeZone={organization.timeZone} />
          <p className="text-sm text-slate-600">
            Send a key as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>. The endpoints are described in the{" "}
            <Link href="/api/v1/openapi.json" className="font-medium text-brand-600 hover:text-brand-700" prefetch={false}>
              OpenAPI document
            </Link>
            . A key never does more than its creator&apos;s role allows today, and stops working when its creator leaves the organisation. A revoked key is refused at once and
            cannot be restored.
            {seesEveryApiKey(actor) ? " You see every key of the organisation and can revoke any of them." : " You see the keys you created."}
          </p>
        </section>
        <Card className="self-start">
          <h2 className="mb-4 font-semibold text-slate-900">Create a key</h2>
          {mayCreate ? (
            <CreateApiKeyForm accesses={grantableApiKeyAccess(role, organization.kind)} timeZone={organization.timeZone} />
          ) : (
            <p className="text-sm text-slate-600">
              Your role ({ROLE_LABELS[role]}) does not allow creating API keys. Ask an owner or an admin of the organisation.
            </p>
          )}
        </Card>
      </div>
    </>
  );
}
