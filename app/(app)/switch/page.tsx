import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { currentOrganization, requireUser, userOrganizations } from "@/lib/auth/session";
import { noticeUrl } from "@/lib/forms/notices";
import { localPath } from "@/lib/http/local-path";
import { switchOrganizationAction } from "@/lib/members/actions";

export const metadata: Metadata = { title: "Switch organisation" };

/**
 * Where a link in a mail about one organisation's page leads (lib/mail/links.ts
 * organizationMailLink): straight on when the person already works in it; asked to switch
 * (a button, never a GET that changes where they work) when their switcher points at another
 * of theirs; told it is not theirs otherwise.
 */
export default async function SwitchPage({ searchParams }: { searchParams: Promise<{ organization?: string | string[]; next?: string | string[] }> }) {
  const user = await requireUser();
  const { organization: asked, next: nextParam } = await searchParams;
  const next = localPath(nextParam) ?? "/dashboard";
  const [context, memberships] = await Promise.all([currentOrganization(), userOrganizations(user.id)]);
  const target = memberships.find(({ organization }) => organization.id === asked)?.organization;
  if (!target) redirect(noticeUrl("/dashboard", "organization-not-found"));
  if (!context || context.organization.id === target.id) redirect(next);
  return (
    <>
      <PageHeader title={`Switch to ${target.name}?`} />
      <Card className="flex max-w-xl flex-col gap-4">
        <p className="text-slate-700">
          This link opens a page of <strong>{target.name}</strong>. You are working in <strong>{context.organization.name}</strong>.
        </p>
        <form action={switchOrganizationAction} className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="organizationId" value={target.id} />
          <input type="hidden" name="next" value={next} />
          <SubmitButton pendingLabel="Switching…">Switch to {target.name}</SubmitButton>
          <Link href="/dashboard" className="text-sm font-medium text-brand-600 hover:text-brand-700">
            Stay in {context.organization.name}
          </Link>
        </form>
      </Card>
    </>
  );
}
