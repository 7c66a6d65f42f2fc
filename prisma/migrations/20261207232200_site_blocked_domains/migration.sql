-- Publishers' blocking control: advertisers' domains whose ads never show on a site's placements
-- (a campaign with an ad leading to one, or to a subdomain, is left out; lib/ads/ad-index.ts).
ALTER TABLE "site" ADD COLUMN     "blockedDomains" TEXT[] DEFAULT ARRAY[]::TEXT[];
