import type { Metadata } from "next";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrganization } from "@/lib/auth/session";
import { newCampaignFormValues } from "@/lib/campaigns/form-values";
import { listPlacementOptions } from "@/lib/campaigns/list-placement-options";
import { campaignStatusLabels } from "@/lib/model/options";
import { readDeps } from "@/lib/cache/deps";

export const metadata: Metadata = { title: "New campaign" };

const statusOptions = [
  { value: "DRAFT", label: `${campaignStatusLabels.DRAFT} — not serving yet` },
  { value: "ACTIVE", label: `${campaignStatusLabels.ACTIVE} — serves once a creative is approved` },
];

export default async function NewCampaignPage() {
  const { organization } = await requireOrganization("ADVERTISER", "campaigns:write");
  const placements = await listPlacementOptions(readDeps());
  return (
    <>
      <PageHeader title="New campaign" description="Budget, schedule and targeting. You add creatives next." />
      <CampaignForm initialValues={newCampaignFormValues(organization.timeZone)} statusOptions={statusOptions} placements={placements} cancelHref="/advertiser/campaigns" timeZone={organization.timeZone} />
    </>
  );
}
