import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Notice } from "@/components/ui/notice";
import { FORGOT_PASSWORD_PATH } from "@/lib/auth/account-paths";
import { currentUser } from "@/lib/auth/session";
import { localPath } from "@/lib/http/local-path";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ notice?: string | string[]; next?: string | string[] }> }) {
  const { notice, next: asked } = await searchParams;
  // The page that sent the person here (requireUser), e.g. a link in a mail: where they go on to.
  const next = localPath(asked);
  if (await currentUser()) redirect(next ?? "/dashboard");
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold">Sign in to Marquee</h1>
      <Notice code={notice} />
      <SignInForm next={next} />
      <p className="mt-4 text-sm">
        <Link href={FORGOT_PASSWORD_PATH} className="font-medium text-brand-600 hover:text-brand-700">
          Forgot password?
        </Link>
      </p>
      <p className="mt-6 text-sm text-slate-600">
        New here?{" "}
        {/* Come from an invitation: its own form makes the account in the inviting organisation. */}
        <Link href={next?.startsWith("/invite/") ? next : "/sign-up"} className="font-medium text-brand-600 hover:text-brand-700">
          Create an account
        </Link>
      </p>
    </>
  );
}
