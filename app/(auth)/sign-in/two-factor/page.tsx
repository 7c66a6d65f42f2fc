import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { TwoFactorSignIn } from "@/components/auth/two-factor-sign-in";
import { currentUser } from "@/lib/auth/session";
import { localPath, signInPath } from "@/lib/http/local-path";

export const metadata: Metadata = { title: "Two-factor authentication" };

// Reached from the sign-in form when the account has two-factor authentication on: the password
// was right and better-auth holds the sign-in for 10 minutes in a cookie of its own; no session
// exists until a code is verified here.
export default async function TwoFactorSignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const next = localPath((await searchParams).next);
  if (await currentUser()) redirect(next ?? "/dashboard");
  return (
    <>
      <h1 className="mb-2 text-xl font-semibold">Two-factor authentication</h1>
      <p className="mb-6 text-sm text-slate-600">Open your authenticator app and enter the code it shows for Marquee.</p>
      <TwoFactorSignIn next={next} />
      <p className="mt-6 text-sm text-slate-600">
        Not you, or took too long?{" "}
        <Link href={signInPath(next)} className="font-medium text-brand-600 hover:text-brand-700">
          Sign in again
        </Link>
      </p>
    </>
  );
}
