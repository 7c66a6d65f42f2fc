-- The advertiser is mailed once when a campaign's total budget is spent: the instance whose
-- UPDATE … WHERE "budgetSpentMailedAt" IS NULL sets the stamp sends the mail, no other does.
-- A change of the total budget clears it (lib/campaigns/update-campaign.ts).
ALTER TABLE "campaign" ADD COLUMN "budgetSpentMailedAt" TIMESTAMP(3);
