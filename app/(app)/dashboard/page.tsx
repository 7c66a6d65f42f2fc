import { redirect } from "next/navigation";
import { currentOrganization, requireUser } from "@/lib/auth/session";
import { noticeFor } from "@/lib/forms/notices";

/** Where "home" is depends on who you are; a notice (e.g. the e-mail confirmation's) goes along. */
export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ notice?: string | string[] }> }) {
  const user = await requireUser();
  const context = await currentOrganization();
  const { notice } = await searchParams;
  const carried = noticeFor(notice) ? `?notice=${notice as string}` : "";
  if (context?.organization.kind === "ADVERTISER") redirect(`/advertiser${carried}`);
  if (context?.organization.kind === "PUBLISHER") redirect(`/publisher${carried}`);
  if (user.role === "admin") redirect("/admin");
  return (
    <p className="text-slate-700">
      Your account is not part of an organisation yet. Ask its owner to add you, or sign up again with a new organisation.
    </p>
  );
}
