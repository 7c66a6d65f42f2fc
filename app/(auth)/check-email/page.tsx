import type { Metadata } from "next";
import Link from "next/link";
import { FORGOT_PASSWORD_PATH } from "@/lib/auth/account-paths";

export const metadata: Metadata = { title: "Check your inbox" };

/** After sign-up, the same whether or not the address already had an account. */
export default function CheckEmailPage() {
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Check your inbox</h1>
      <div className="flex flex-col gap-3 text-sm text-slate-700">
        <p>We sent a mail to the address you gave. Follow its link to confirm the address, then sign in.</p>
        <p>Until the address is confirmed, you can build campaigns and placements, but they do not serve or earn.</p>
        <p>
          Nothing arrived after a few minutes? Look in the spam folder. If you already had an account, the mail says so: you can{" "}
          <Link href={FORGOT_PASSWORD_PATH} className="font-medium text-brand-600 hover:text-brand-700">
            reset your password
          </Link>
          .
        </p>
      </div>
      <p className="mt-6 text-sm text-slate-600">
        <Link href="/sign-in" className="font-medium text-brand-600 hover:text-brand-700">
          Sign in
        </Link>
      </p>
    </>
  );
}
