import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArchivePlacementForm } from "@/components/publisher/archive-placement-form";
import { CopySnippet } from "@/components/publisher/copy-snippet";
import { EmbedPreview } from "@/components/publisher/embed-preview";
import { formatSize } from "@/components/publisher/format";
import { PlacementForm } from "@/components/publisher/placement-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrganization } from "@/lib/auth/session";
import { can } from "@/lib/model/permissions";
import { readDeps } from "@/lib/cache/deps";
import { embedSnippet } from "@/lib/placements/embed-snippet";
import { formatDate } from "@/lib/format/date";
import { formatPrice } from "@/lib/format/money";
import { getPlacement } from "@/lib/placements/get-placement";
import { publicOrigin } from "@/lib/http/client";
import { placementFormValues } from "@/lib/model/placement";

/** The narrowest phones lay pages out 320 CSS pixels wide. */
const PHONE_WIDTH = 320;

export const metadata: Metadata = { title: "Placement" };

export default async function PlacementPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ notice?: string | string[] }> }) {
  const { organization, role } = await requireOrganization("PUBLISHER", "inventory:read");
  const [{ id }, { notice }, requestHeaders] = await Promise.all([params, searchParams, headers()]);
  const placement = await getPlacement(organization.id, id, readDeps());
  if (!placement) notFound();
  const origin = publicOrigin(requestHeaders) ?? "https://YOUR-MARQUEE-HOST";
  const archived = placement.archivedAt !== null;

  return (
    <>
      <Link href={`/publisher/sites/${placement.site.id}`} className="mb-2 inline-block text-sm text-slate-600 hover:text-slate-900">
        ← {placement.site.name}
      </Link>
      <PageHeader
        title={placement.name}
        description={`${placement.site.domain} · ${formatSize(placement.width, placement.height)} · floor ${formatPrice(placement.floorPriceMicros)} CPM`}
        actions={archived ? <Badge>Archived</Badge> : <Badge tone="green">Live</Badge>}
      />
      <Notice code={notice} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="flex min-w-0 flex-col gap-6">
          <Card>
            <h2 className="font-semibold text-slate-900">Embed snippet</h2>
            <p className="mb-3 mt-1 text-sm text-slate-600">
              Put the script once per page (in the head or before the end of the body) and the element where the ad should appear.
              The ad counts as seen only when half of it has been visible for a second.
            </p>
            <p className="mb-3 text-sm text-slate-600">
              {placement.width > PHONE_WIDTH
                ? `Where the page gives it less than ${placement.width} px of width (on a phone, for one), the placement stays empty rather than make the page scroll sideways. For phones, add a placement that fits them (320×50, 300×250) and hide each one with your CSS where the other shows: a hidden placement asks for no ad until it is shown.`
                : `Where the page gives it less than ${placement.width} px of width, the placement stays empty rather than make the page scroll sideways. Hidden by your CSS, it asks for no ad until it is shown.`}
            </p>
            <CopySnippet snippet={embedSnippet(origin, placement.id)} label={`Embed snippet for ${placement.name}`} />
          </Card>
          <Card>
            <h2 className="font-semibold text-slate-900">Live preview</h2>
            <p className="mb-3 mt-1 text-sm text-slate-600">
              {archived
                ? "This placement is archived: the snippet shows nothing."
                : "The snippet running now, at the placement's real size: what a visitor would see. Views and clicks here are never counted."}
            </p>
            <EmbedPreview placementId={placement.id} width={placement.width} height={placement.height} name={placement.name} />
          </Card>
        </div>
        <div className="flex flex-col gap-6">
          {archived ? (
            <Card>
              <h2 className="font-semibold text-slate-900">Archived</h2>
              <p className="mt-1 text-sm text-slate-600">
                Archived on {placement.archivedAt ? formatDate(placement.archivedAt, organization.timeZone) : "—"}. Its reports remain; it can no longer be changed.
              </p>
            </Card>
          ) : can(role, "inventory:write") ? (
            <>
              <Card>
                <h2 className="mb-4 font-semibold text-slate-900">Settings</h2>
                <PlacementForm
                  placement={{
                    id: placement.id,
                    values: placementFormValues(placement),
                  }}
                />
              </Card>
              <ArchivePlacementForm placementId={placement.id} />
            </>
          ) : null}
        </div>
      </div>
    </>
  );
}
