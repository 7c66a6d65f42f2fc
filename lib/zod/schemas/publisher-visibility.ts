import { z } from "zod";

// The operator's "test publisher" flag (lib/admin/set-hidden-from-advertisers.ts): which
// publisher, and whether advertisers may see its placements.

export const publisherVisibilityMessages = {
  publisherNotFound: "That publisher was not found. Nothing was changed.",
  notOperator: "Only an operator can do this.",
} as const;

export const publisherVisibilitySchema = z.object({
  organizationId: z.string({ error: publisherVisibilityMessages.publisherNotFound }).trim().min(1, publisherVisibilityMessages.publisherNotFound).max(64, publisherVisibilityMessages.publisherNotFound),
  /** "true" hides the publisher from advertisers, "false" offers it again; anything else is refused. */
  hidden: z.enum(["true", "false"], { error: publisherVisibilityMessages.publisherNotFound }).transform((value) => value === "true"),
});
