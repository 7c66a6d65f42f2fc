"use server";

import { dashboardActor } from "@/lib/audit/actor";
import { access, formAction, redirectTo } from "@/lib/auth/server-action";
import { domainDeps } from "@/lib/cache/deps";
import { noticeUrl } from "@/lib/forms/notices";
import { placementIdSchema, placementSchema } from "@/lib/zod/schemas/placements";
import { siteIdSchema } from "@/lib/zod/schemas/sites";
import { archivePlacement } from "./archive-placement";
import { createPlacement } from "./create-placement";
import { updatePlacement } from "./update-placement";

// The publisher's placement actions, scoped by the session's PUBLISHER organisation. Ids
// travel as hidden fields, not bound arguments: a bound action posted by a browser without
// JavaScript never got an answer.

const publisher = access.organization("PUBLISHER", "inventory:write");
const revalidate = ["/publisher", "layout"] as const;

export const createPlacementAction = formAction({
  access: publisher,
  record: { field: "siteId", schema: siteIdSchema, notFound: "Site not found." },
  schema: placementSchema,
  run: ({ siteId, ...input }, { organization, user }) => createPlacement(organization.id, siteId, input, dashboardActor(user), domainDeps()),
  done: (placement) => redirectTo(noticeUrl(`/publisher/placements/${placement.id}`, "placement-created")),
  revalidate,
});

export const updatePlacementAction = formAction({
  access: publisher,
  record: { field: "placementId", schema: placementIdSchema, notFound: "Placement not found." },
  schema: placementSchema,
  run: ({ placementId, ...input }, { organization, user }) => updatePlacement(organization.id, placementId, input, dashboardActor(user), domainDeps()),
  done: (_placement, { placementId }) => redirectTo(noticeUrl(`/publisher/placements/${placementId}`, "placement-updated")),
  revalidate,
});

export const archivePlacementAction = formAction({
  access: publisher,
  record: { field: "placementId", schema: placementIdSchema, notFound: "Placement not found." },
  run: ({ placementId }, { organization, user }) => archivePlacement(organization.id, placementId, dashboardActor(user), domainDeps()),
  done: (archived) => redirectTo(noticeUrl(`/publisher/sites/${archived.siteId}`, "placement-archived")),
  revalidate,
});
