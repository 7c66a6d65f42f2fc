import { Notice } from "@/components/ui/notice";
import { advertiserNotice } from "@/lib/campaigns/notices";

/** The `?notice=` of an advertiser page: a confirmation, or what went wrong. */
export function ActionNotice({ code }: { code: string | string[] | undefined }) {
  const notice = advertiserNotice(code);
  if (!notice) return null;
  if (notice.tone === "success") return <Notice message={notice.message} />;
  return (
    <div role="alert" className="mb-4 rounded-md bg-red-50 px-4 py-2.5 text-sm text-red-800 ring-1 ring-red-200">
      {notice.message}
    </div>
  );
}
