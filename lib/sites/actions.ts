"use server";

import { dashboardActor } from "@/lib/audit/actor";
import { access, formAction, redirectTo } from "@/lib/auth/server-action";
import { domainDeps, readDeps } from "@/lib/cache/deps";
import { noticeUrl } from "@/lib/forms/notices";
import { siteFormSchema, siteIdSchema } from "@/lib/zod/schemas/sites";
import { createSite } from "./create-site";
import { updateSite } from "./update-site";

// The publisher's site actions, scoped by the session's PUBLISHER organisation. A duplicate
// domain is told next to the domain field (the domain's refusal names it).

const publisher = access.organization("PUBLISHER", "inventory:write");
const revalidate = ["/publisher", "layout"] as const;

export const createSiteAction = formAction({
  access: publisher,
  schema: siteFormSchema,
  run: (input, { organization, user }) => createSite(organization.id, input, dashboardActor(user), readDeps()),
  done: (site) => redirectTo(noticeUrl(`/publisher/sites/${site.id}`, "site-created")),
  revalidate,
});

/** The site's id travels as a hidden field (a bound argument left no-JS posts unanswered). */
export const updateSiteAction = formAction({
  access: publisher,
  record: { field: "siteId", schema: siteIdSchema, notFound: "Site not found." },
  schema: siteFormSchema,
  run: ({ siteId, ...input }, { organization, user }) => updateSite(organization.id, siteId, input, dashboardActor(user), domainDeps()),
  done: (_site, { siteId }) => redirectTo(noticeUrl(`/publisher/sites/${siteId}`, "site-updated")),
  revalidate,
});
