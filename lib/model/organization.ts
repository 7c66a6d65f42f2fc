import type { Prisma } from "@/lib/generated/prisma/browser";

// When an organisation may move money: an advertiser's campaigns serve, a publisher's
// placements get ads (and so earn), only once someone answerable for it confirmed their
// e-mail address — at least one OWNER with a verified address. Until then its people can
// build everything; nothing is bought or sold in its name. Written once, as the where-fragment
// every query that decides serving uses (lib/ads/load-active-set.ts).

/** An organisation with at least one owner whose e-mail address is confirmed. */
export const VERIFIED_ORGANIZATION = {
  memberships: { some: { role: "OWNER", user: { emailVerified: true } } },
} as const satisfies Prisma.OrganizationWhereInput;
