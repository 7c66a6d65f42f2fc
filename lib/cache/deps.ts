import "server-only";
import { prisma } from "@/lib/db";
import type { DomainDeps, ReadDeps } from "@/lib/db/deps";
import { invalidateActiveCampaigns } from "./index";

// The app's stores for the domain functions, the same for the server actions and the API:
// every write that can change serving drops the cached active set.

export const domainDeps = (): DomainDeps => ({ prisma, invalidate: invalidateActiveCampaigns });

export const readDeps = (): ReadDeps => ({ prisma });
