import type { Metadata } from "next";
import Link from "next/link";
import { CreativeForm } from "@/components/creatives/creative-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { assetMaxBytes } from "@/lib/assets/choose-asset-store";
import { requireOrganization } from "@/lib/auth/session";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { orNotFound } from "@/lib/campaigns/or-not-found";
import { newCreativeFormValues } from "@/lib/creatives/form-values";
import { readDeps } from "@/lib/cache/deps";

export const metadata: Metadata = { title: "New creative" };

export default async function NewCreativePage({ params }: { params: Promise<{ id: string }> }) {
  const { organization } = await requireOrganization("ADVERTISER", "campaigns:write");
  const { id } = await params;
  const campaign = await orNotFound(getCampaign(organization.id, id, readDeps()));
  const campaignHref = `/advertiser/campaigns/${campaign.id}`;
  return (
    <>
      <PageHeader title="New creative" description={`For ${campaign.name}. It serves once an operator approves it.`} />
      {campaign.status === "ARCHIVED" ? (
        <Card>
          <p className="text-sm text-slate-700">
            This campaign is archived.{" "}
            <Link href={campaignHref} className="font-medium text-brand-600 hover:text-brand-700">
              Duplicate it
            </Link>{" "}
            to add creatives.
          </p>
        </Card>
      ) : (
        <CreativeForm campaignId={campaign.id} initialValues={newCreativeFormValues()} cancelHref={campaignHref} imageMaxBytes={assetMaxBytes()} />
      )}
    </>
  );
}
