import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { FORGOT_PASSWORD_PATH } from "@/lib/auth/account-paths";
import { resetLinkIsLive } from "@/lib/auth/reset-link";
import { accountMessages, resetTokenSchema } from "@/lib/zod/schemas/auth";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const parsed = resetTokenSchema.safeParse((await searchParams).token);
  const token = parsed.success && (await resetLinkIsLive(parsed.data)) ? parsed.data : null;
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold">Choose a new password</h1>
      {token ? (
        <ResetPasswordForm token={token} />
      ) : (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {accountMessages.resetLinkDead}
        </p>
      )}
      <p className="mt-6 text-sm text-slate-600">
        <Link href={FORGOT_PASSWORD_PATH} className="font-medium text-brand-600 hover:text-brand-700">
          Ask for a new reset link
        </Link>
      </p>
    </>
  );
}
