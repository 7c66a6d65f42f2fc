"use server";

import { access, formAction, redirectTo } from "@/lib/auth/server-action";
import { domainDeps } from "@/lib/cache/deps";
import { noticeUrl } from "@/lib/forms/notices";
import { afterResponse } from "@/lib/http/after-response";
import { sendEach } from "@/lib/mail/send-mail";
import { reviewDecisionSchema } from "@/lib/zod/schemas/review";
import { reviewCreative } from "./review-creative";

/** The queue again, with the notice, in the search the operator decided from (if any). */
function queueUrl(code: "creative-approved" | "creative-rejected", search: string | undefined): string {
  const url = noticeUrl("/admin/review", code);
  return search ? `${url}&q=${encodeURIComponent(search)}` : url;
}

/** An operator approves or rejects a creative waiting for review. */
export const reviewCreativeAction = formAction({
  access: access.operator,
  schema: reviewDecisionSchema,
  // Mail goes after the redirect: each message on its own (sendEach; sendMail logs a refusal), none holding up the queue.
  run: (decision, { user }) => reviewCreative(user, decision, { ...domainDeps(), notify: (messages) => afterResponse(() => sendEach(messages)) }),
  done: (_result, { decision, search }) => redirectTo(queueUrl(decision === "APPROVE" ? "creative-approved" : "creative-rejected", search)),
  revalidate: ["/admin/review"],
});
