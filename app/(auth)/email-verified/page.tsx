import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ResendVerificationForm } from "@/components/auth/resend-verification-form";
import { currentUser } from "@/lib/auth/session";
import { noticeUrl } from "@/lib/forms/notices";
import { accountMessages } from "@/lib/zod/schemas/auth";

export const metadata: Metadata = { title: "Confirm your e-mail address" };

/**
 * Where the verification link (better-auth's /api/auth/verify-email) lands: on success, on to
 * the dashboard (or sign-in) with its notice; with better-auth's `?error=` (expired, garbled, for an account
 * that is gone), what happened and how to get a new link.
 */
export default async function EmailVerifiedPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  const { error } = await searchParams;
  const user = await currentUser();
  // Confirmed: on to the dashboard, or to sign-in when this browser has no session (the link
  // does not sign in: that would skip a second factor).
  if (error === undefined) redirect(noticeUrl(user ? "/dashboard" : "/sign-in", "email-verified"));
  const expired = typeof error === "string" && error.toUpperCase() === "TOKEN_EXPIRED";
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">This link did not confirm your address</h1>
      <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
        {expired ? "The confirmation link has expired: links work for 24 hours." : "The confirmation link is not valid: it may be incomplete, or meant for an account that no longer exists."}
      </p>
      <div className="mt-4 text-sm text-slate-700">
        {user?.emailVerified ? (
          <p>
            {accountMessages.alreadyVerified}{" "}
            <Link href="/dashboard" className="font-medium text-brand-600 hover:text-brand-700">
              Go to your dashboard
            </Link>
          </p>
        ) : user ? (
          <>
            <p>Get a new link, sent to {user.email}:</p>
            <ResendVerificationForm />
          </>
        ) : (
          <p>
            <Link href="/sign-in" className="font-medium text-brand-600 hover:text-brand-700">
              Sign in
            </Link>{" "}
            with your password: the page then offers to send a new link.
          </p>
        )}
      </div>
    </>
  );
}
