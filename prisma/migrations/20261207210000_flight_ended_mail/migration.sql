-- The advertiser is mailed once when a campaign's flight ends, with what it delivered: the
-- daily job (GET /api/cron/campaign-mail) whose UPDATE … WHERE "flightEndedMailedAt" IS NULL
-- sets the stamp sends the mail. A new end date clears it (lib/campaigns/update-campaign.ts).
ALTER TABLE "campaign" ADD COLUMN "flightEndedMailedAt" TIMESTAMP(3);
