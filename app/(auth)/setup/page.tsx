import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FirstOperatorForm } from "@/components/admin/first-operator-form";
import { assertSetupOpen } from "@/lib/admin/set-up-first-operator";
import { readDeps } from "@/lib/cache/deps";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors";
import { setupTokenSchema } from "@/lib/zod/schemas/operators";

export const metadata: Metadata = { title: "Create the first operator account", robots: { index: false } };

/**
 * The setup link printed to the server's log while no operator exists. A wrong link, or one
 * used already, is a 404 that says why (./not-found.tsx), and tells nobody whether an operator
 * exists beyond what the link's holder may know.
 */
export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const parsed = setupTokenSchema.safeParse((await searchParams).token);
  if (!parsed.success) notFound();
  try {
    await assertSetupOpen(parsed.data, { ...readDeps(), secret: env().MARQUEE_SECRET });
  } catch (error) {
    if (error instanceof AppError) notFound();
    throw error;
  }
  return (
    <>
      <h1 className="mb-2 text-xl font-semibold">Create the first operator account</h1>
      <p className="mb-6 text-sm text-slate-600">
        Operators review creatives and see every account. This link works once: after this account exists, operators make other accounts operators in Operators.
      </p>
      <FirstOperatorForm token={parsed.data} />
    </>
  );
}
