import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-lg flex-col items-center justify-center gap-3 px-4 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="text-2xl font-semibold">This page does not exist</h1>
      <p className="text-slate-600">It may have been moved or deleted, or it belongs to another account.</p>
      <Link href="/dashboard" className="mt-2 font-medium text-brand-600 hover:text-brand-700">
        Back to your dashboard
      </Link>
    </main>
  );
}
