import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SiteForm } from "@/components/publisher/site-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrganization } from "@/lib/auth/session";
import { readDeps } from "@/lib/cache/deps";
import { getSite } from "@/lib/sites/get-site";

export const metadata: Metadata = { title: "Edit site" };

export default async function EditSitePage({ params }: { params: Promise<{ id: string }> }) {
  const { organization } = await requireOrganization("PUBLISHER", "inventory:write");
  const { id } = await params;
  const site = await getSite(organization.id, id, readDeps());
  if (!site) notFound();

  return (
    <>
      <Link href={`/publisher/sites/${site.id}`} className="mb-2 inline-block text-sm text-slate-600 hover:text-slate-900">
        ← {site.name}
      </Link>
      <PageHeader title="Edit site" description="The domains are where your snippets run; changing them does not change any snippet." />
      <Card className="max-w-xl">
        <SiteForm site={{ id: site.id, name: site.name, domain: site.domain, extraDomains: site.extraDomains, blockedDomains: site.blockedDomains, adLabel: site.adLabel }} />
      </Card>
    </>
  );
}
