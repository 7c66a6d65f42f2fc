"use server";

import { access, formAction, redirectTo } from "@/lib/auth/server-action";
import { domainDeps } from "@/lib/cache/deps";
import { noticeUrl } from "@/lib/forms/notices";
import { reviewDecisionSchema } from "@/lib/zod/schemas/review";
import { reviewCreative } from "./review-creative";

/** An operator approves or rejects a creative waiting for review. */
export const reviewCreativeAction = formAction({
  access: access.operator,
  schema: reviewDecisionSchema,
  run: (decision, { user }) => reviewCreative(user, decision, domainDeps()),
  done: (_result, { decision }) => redirectTo(noticeUrl("/admin/review", decision === "APPROVE" ? "creative-approved" : "creative-rejected")),
  revalidate: ["/admin/review"],
});
