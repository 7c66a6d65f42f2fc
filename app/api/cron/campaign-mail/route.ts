import { prisma } from "@/lib/db";
import { mailEndedFlights } from "@/lib/campaigns/flight-ended-mail";
import { toErrorResponse } from "@/lib/http/error-response";
import { checkCronRequest } from "@/lib/http/cron-request";
import { plural } from "@/lib/format/number";
import { runScheduledJob } from "@/lib/jobs/scheduled-jobs";
import { sendEach } from "@/lib/mail/send-mail";

// Vercel Cron (vercel.json, daily 07:00 UTC) calls this with `Authorization: Bearer <CRON_SECRET>`.
// It mails the advertisers whose campaigns' flights ended (and were not mailed yet) what each
// delivered. Each campaign is claimed before it is mailed: running it more often, or twice,
// mails no one twice.

export const dynamic = "force-dynamic";
/** Seconds Vercel lets the function run; the job stops starting campaigns well before. */
export const maxDuration = 60;

export async function GET(request: Request): Promise<Response> {
  try {
    checkCronRequest(request);
    const result = await runScheduledJob(
      prisma,
      "campaign-mail",
      () => mailEndedFlights({ prisma, send: sendEach }, { timeBudgetMs: (maxDuration - 10) * 1_000 }),
      ({ campaigns, messages, complete }) =>
        `mailed the end of ${plural(campaigns, "campaign")} (${plural(messages, "message")})${complete ? "" : "; stopped at its time limit, the next run carries on"}`,
    );
    return Response.json({ flightsEnded: { campaigns: result.campaigns, messages: result.messages }, complete: result.complete }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
