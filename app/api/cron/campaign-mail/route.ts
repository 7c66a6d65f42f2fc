import { mailEndedFlights } from "@/lib/campaigns/flight-ended-mail";
import { prisma } from "@/lib/db";
import { plural } from "@/lib/format/number";
import { cronJobRoute } from "@/lib/jobs/cron-route";
import { sendEach } from "@/lib/mail/send-mail";

// Vercel Cron (vercel.json, daily 07:00 UTC) calls this with `Authorization: Bearer <CRON_SECRET>`.
// It mails the advertisers whose campaigns' flights ended (and were not mailed yet) what each
// delivered. Each campaign is claimed before it is mailed: running it more often, or twice,
// mails no one twice.

export const dynamic = "force-dynamic";
/** Seconds Vercel lets the function run; the job stops starting campaigns well before. */
export const maxDuration = 60;

export const GET = cronJobRoute("campaign-mail", maxDuration, {
  run: (timeBudgetMs) => mailEndedFlights({ prisma, send: sendEach }, { timeBudgetMs }),
  summary: ({ campaigns, messages }) => `mailed the end of ${plural(campaigns, "campaign")} (${plural(messages, "message")})`,
  answer: ({ campaigns, messages, complete }) => ({ flightsEnded: { campaigns, messages }, complete }),
});
