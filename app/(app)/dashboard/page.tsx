import { redirect } from "next/navigation";
import { currentOrganization, requireUser } from "@/lib/auth/session";

/** Where "home" is depends on who you are. */
export default async function DashboardPage() {
  const user = await requireUser();
  const context = await currentOrganization();
  if (context?.organization.kind === "ADVERTISER") redirect("/advertiser");
  if (context?.organization.kind === "PUBLISHER") redirect("/publisher");
  if (user.role === "admin") redirect("/admin");
  return (
    <p className="text-slate-700">
      Your account is not part of an organisation yet. Ask its owner to add you, or sign up again with a new organisation.
    </p>
  );
}
