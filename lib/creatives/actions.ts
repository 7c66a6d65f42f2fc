"use server";

import { chooseAssetStore } from "@/lib/assets/choose-asset-store";
import { dashboardActor } from "@/lib/audit/actor";
import { access, formAction, redirectAction, redirectTo } from "@/lib/auth/server-action";
import { domainDeps } from "@/lib/cache/deps";
import { noticeUrl, refusalUrl } from "@/lib/forms/notices";
import { campaignIdSchema } from "@/lib/zod/schemas/campaigns";
import { archiveCreativeSchema, creativeIdSchema } from "@/lib/zod/schemas/creatives";
import { archiveCreative } from "./archive-creative";
import { createCreative } from "./create-creative";
import { IMAGE_FILE_FIELD, creativeUploadSchema, type CreativeUploadInput } from "./creative-image-upload";
import { updateCreative } from "./update-creative";

// The advertiser's creative actions; a creative is reached through its campaign, both scoped
// by the session's ADVERTISER organisation.

const advertiser = access.organization("ADVERTISER", "campaigns:write");
const campaignPath = (campaignId: string) => `/advertiser/campaigns/${campaignId}`;
const revalidate = ["/advertiser", "layout"] as const;

/**
 * Stores the creative's uploaded image, if any (after the caller's access and the whole form
 * were checked), and hands on the creative's input, whose imageUrl is already the asset's path.
 */
async function withStoredImage({ image, ...input }: CreativeUploadInput, organizationId: string) {
  if (image) await chooseAssetStore().save(organizationId, image, domainDeps());
  return input;
}

// The form may carry a file: its bytes are checked by the schema with the other fields.
const fileFields = [IMAGE_FILE_FIELD] as const;

export const createCreativeAction = formAction({
  access: advertiser,
  record: { field: "campaignId", schema: campaignIdSchema, notFound: "Campaign not found." },
  schema: creativeUploadSchema(),
  fileFields,
  run: async ({ campaignId, ...input }, { organization, user }) =>
    createCreative(organization.id, campaignId, await withStoredImage(input, organization.id), dashboardActor(user), domainDeps()),
  done: (_creative, { campaignId }) => redirectTo(noticeUrl(campaignPath(campaignId), "creative-created")),
  revalidate,
});

export const updateCreativeAction = formAction({
  access: advertiser,
  record: { field: "creativeId", schema: creativeIdSchema, notFound: "Creative not found." },
  schema: creativeUploadSchema(),
  fileFields,
  run: async ({ creativeId, ...input }, { organization, user }) =>
    updateCreative(organization.id, creativeId, await withStoredImage(input, organization.id), dashboardActor(user), domainDeps()),
  // Changed content goes back to review: the notice says so.
  done: (saved) => redirectTo(noticeUrl(campaignPath(saved.campaignId), saved.reviewStatus === "PENDING" ? "creative-resubmitted" : "creative-updated")),
  revalidate,
});

export const archiveCreativeAction = redirectAction({
  access: advertiser,
  schema: archiveCreativeSchema,
  invalid: noticeUrl("/advertiser/campaigns", "creative-not-found"),
  run: ({ creativeId }, { organization, user }) => archiveCreative(organization.id, creativeId, dashboardActor(user), domainDeps()),
  done: (archived) => noticeUrl(campaignPath(archived.campaignId), "creative-archived"),
  refused: (error) => refusalUrl("/advertiser/campaigns", error, "creative-not-found"),
  revalidate,
});
