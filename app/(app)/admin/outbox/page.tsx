import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/session";
import { readDeps } from "@/lib/cache/deps";
import { listOutbox, OUTBOX_PAGE_SIZE } from "@/lib/mail/list-outbox";

export const metadata: Metadata = { title: "Outbox" };

const when = (date: Date) => date.toISOString().replace("T", " ").slice(0, 19) + " UTC";

/**
 * The mails Marquee kept because no transport is configured (SMTP_URL unset): operators read
 * them here, and can pass a link on to the person it is for.
 */
export default async function OutboxPage() {
  await requireAdmin();
  const mails = await listOutbox(readDeps());
  return (
    <>
      <PageHeader
        title="Outbox"
        description={`Mail is kept here, not sent, while SMTP_URL is not set. The newest ${OUTBOX_PAGE_SIZE}; each link works only for the person it was sent to.`}
      />
      {mails.length === 0 ? (
        <EmptyState title="No mail kept" description="With SMTP_URL set, mail goes out and nothing is kept here." />
      ) : (
        <ol className="flex flex-col gap-4" aria-label="Kept mails">
          {mails.map((mail) => (
            <li key={mail.id}>
              <article aria-label={`${mail.subject} to ${mail.to}`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <header className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-sm">
                  <h2 className="font-medium text-slate-900">{mail.subject}</h2>
                  <span className="text-slate-500">
                    to {mail.to}, <time dateTime={mail.createdAt.toISOString()}>{when(mail.createdAt)}</time>
                  </span>
                </header>
                <pre className="whitespace-pre-wrap break-all font-sans text-sm text-slate-700">{mail.text}</pre>
              </article>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
