import { z } from "zod";
import { returnSearchSchema } from "./search";

export const MAX_REVIEW_NOTE_LENGTH = 500;

const creativeId = z.string({ error: "Creative not found." }).trim().min(1, "Creative not found.").max(64, "Creative not found.");

/** The queue's search the decision was made in (`?q=`), to return to it. */
const search = returnSearchSchema;

/** An approval may carry a note for the advertiser; a rejection must say why. */
export const reviewDecisionSchema = z.discriminatedUnion(
  "decision",
  [
    z.object({
      creativeId,
      search,
      decision: z.literal("APPROVE"),
      reason: z
        .string()
        .trim()
        .max(MAX_REVIEW_NOTE_LENGTH, `Keep the note under ${MAX_REVIEW_NOTE_LENGTH} characters.`)
        .optional()
        .transform((value) => value || undefined),
    }),
    z.object({
      creativeId,
      search,
      decision: z.literal("REJECT"),
      reason: z
        .string({ error: "Give the advertiser a reason for the rejection." })
        .trim()
        .min(1, "Give the advertiser a reason for the rejection.")
        .max(MAX_REVIEW_NOTE_LENGTH, `Keep the reason under ${MAX_REVIEW_NOTE_LENGTH} characters.`),
    }),
  ],
  { error: "Choose Approve or Reject." },
);

export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;
