import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CreativeForm } from "@/components/creatives/creative-form";
import { ReviewStatusBadge } from "@/components/creatives/review-status-badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { assetMaxBytes } from "@/lib/assets/choose-asset-store";
import { requireOrganization } from "@/lib/auth/session";
import { orNotFound } from "@/lib/campaigns/or-not-found";
import { creativeFormValues } from "@/lib/model/creative";
import { getCreative } from "@/lib/creatives/get-creative";
import { readDeps } from "@/lib/cache/deps";

export const metadata: Metadata = { title: "Edit creative" };

export default async function EditCreativePage({ params }: { params: Promise<{ id: string; creativeId: string }> }) {
  const { organization } = await requireOrganization("ADVERTISER", "campaigns:write");
  const { id, creativeId } = await params;
  const creative = await orNotFound(getCreative(organization.id, creativeId, readDeps()));
  if (creative.campaignId !== id) notFound();
  const campaignHref = `/advertiser/campaigns/${creative.campaign.id}`;
  const readOnly = creative.archivedAt !== null || creative.campaign.status === "ARCHIVED";

  return (
    <>
      <PageHeader title={`Edit ${creative.name}`} description={`Creative of ${creative.campaign.name}.`} actions={<ReviewStatusBadge status={creative.reviewStatus} />} />
      {creative.reviewStatus === "REJECTED" && creative.reviewNote ? (
        <div role="note" className="mb-4 rounded-md bg-red-50 px-4 py-2.5 text-sm text-red-800 ring-1 ring-red-200">
          Rejected: {creative.reviewNote} Change the content and save to send it to review again.
        </div>
      ) : null}
      {readOnly ? (
        <Card>
          <p className="text-sm text-slate-700">This creative is archived{creative.archivedAt ? "" : " with its campaign"} and can no longer be changed.</p>
        </Card>
      ) : (
        <>
          {creative.reviewStatus === "APPROVED" ? (
            <p className="mb-4 text-sm text-slate-600">Changing what the ad shows or where it links sends it back to review; until approved again it does not serve.</p>
          ) : null}
          <CreativeForm campaignId={creative.campaign.id} creativeId={creative.id} initialValues={creativeFormValues(creative)} cancelHref={campaignHref} imageMaxBytes={assetMaxBytes()} />
        </>
      )}
    </>
  );
}
