-- Each member chooses whether to get mail about the organisation's campaigns (a rejected
-- creative, a spent budget); on for everyone until they turn it off.
ALTER TABLE "membership" ADD COLUMN "campaignMail" BOOLEAN NOT NULL DEFAULT true;
