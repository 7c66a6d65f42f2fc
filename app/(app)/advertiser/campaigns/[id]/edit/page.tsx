import type { Metadata } from "next";
import Link from "next/link";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrganization } from "@/lib/auth/session";
import { campaignFormValues } from "@/lib/model/campaign";
import { getCampaign } from "@/lib/campaigns/get-campaign";
import { listPlacementOptions } from "@/lib/campaigns/list-placement-options";
import { campaignStatusLabels } from "@/lib/model/options";
import { orNotFound } from "@/lib/campaigns/or-not-found";
import { statusChoices } from "@/lib/campaigns/status-transitions";
import { readDeps } from "@/lib/cache/deps";

export const metadata: Metadata = { title: "Edit campaign" };

export default async function EditCampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const { organization } = await requireOrganization("ADVERTISER", "campaigns:write");
  const { id } = await params;
  const campaign = await orNotFound(getCampaign(organization.id, id, readDeps()));
  // Its saved targets too, even those no longer offered: the form shows them, to be removed.
  const placements = await listPlacementOptions(readDeps(), campaign.targetPlacementIds);
  const detailHref = `/advertiser/campaigns/${campaign.id}`;

  if (campaign.status === "ARCHIVED") {
    return (
      <>
        <PageHeader title={`Edit ${campaign.name}`} />
        <Card>
          <p className="text-sm text-slate-700">
            This campaign is archived and cannot be changed. Restore it from{" "}
            <Link href={detailHref} className="font-medium text-brand-600 hover:text-brand-700">
              its page
            </Link>{" "}
            (it comes back paused) to edit it, or duplicate it there.
          </p>
        </Card>
      </>
    );
  }

  const statusOptions = statusChoices(campaign.status).map((status) => ({ value: status, label: campaignStatusLabels[status] }));
  return (
    <>
      <PageHeader title={`Edit ${campaign.name}`} description="Changes reach serving within a second of saving." />
      <CampaignForm campaignId={campaign.id} initialValues={campaignFormValues(campaign, organization.timeZone)} statusOptions={statusOptions} placements={placements} cancelHref={detailHref} timeZone={organization.timeZone} />
    </>
  );
}
