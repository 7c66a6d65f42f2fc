import "server-only";
import { invalidateActiveCampaigns } from "@/lib/cache";
import type { CampaignDeps } from "@/lib/campaigns/deps";
import { prisma } from "@/lib/db";
import type { PublisherDeps } from "@/lib/sites/site-deps";

// The app's stores for the domain functions, as the dashboard's server actions pass them:
// every write that can change serving drops the cached active set.

export const campaignDeps = (): CampaignDeps => ({ prisma, invalidate: invalidateActiveCampaigns });
export const publisherDeps = (): PublisherDeps => ({ prisma, invalidate: invalidateActiveCampaigns });
export const readDeps = () => ({ prisma });
