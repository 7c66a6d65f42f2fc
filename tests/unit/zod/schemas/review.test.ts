import { describe, expect, it } from "vitest";
import { reviewDecisionSchema } from "@/lib/zod/schemas/review";

function errorsOf(input: Record<string, unknown>): Record<string, string[]> {
  const result = reviewDecisionSchema.safeParse(input);
  if (result.success) throw new Error(`accepted: ${JSON.stringify(input)}`);
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message);
  return errors;
}

describe("reviewDecisionSchema", () => {
  it("approves without a note", () => {
    expect(reviewDecisionSchema.parse({ creativeId: "c1", decision: "APPROVE", reason: "" })).toEqual({ creativeId: "c1", decision: "APPROVE", reason: undefined });
  });

  it("keeps an approval's note, trimmed", () => {
    expect(reviewDecisionSchema.parse({ creativeId: "c1", decision: "APPROVE", reason: "  Fine.  " })).toEqual({ creativeId: "c1", decision: "APPROVE", reason: "Fine." });
  });

  it("rejects with a reason, trimmed", () => {
    expect(reviewDecisionSchema.parse({ creativeId: "c1", decision: "REJECT", reason: " Misleading claim. " })).toEqual({
      creativeId: "c1",
      decision: "REJECT",
      reason: "Misleading claim.",
    });
  });

  it("keeps the queue's search to return to, trimmed; one too long or not text is dropped, not an error", () => {
    expect(reviewDecisionSchema.parse({ creativeId: "c1", decision: "APPROVE", search: " Leaderboard " })).toMatchObject({ search: "Leaderboard" });
    expect(reviewDecisionSchema.parse({ creativeId: "c1", decision: "REJECT", reason: "No.", search: "x".repeat(201) }).search).toBeUndefined();
    expect(reviewDecisionSchema.parse({ creativeId: "c1", decision: "APPROVE", search: 7 }).search).toBeUndefined();
  });

  it.each([
    [{ creativeId: "c1", decision: "REJECT", reason: "" }, { reason: ["Give the advertiser a reason for the rejection."] }],
    [{ creativeId: "c1", decision: "REJECT", reason: "   " }, { reason: ["Give the advertiser a reason for the rejection."] }],
    [{ creativeId: "c1", decision: "REJECT" }, { reason: ["Give the advertiser a reason for the rejection."] }],
    [{ creativeId: "c1", decision: "REJECT", reason: "x".repeat(501) }, { reason: ["Keep the reason under 500 characters."] }],
    [{ creativeId: "c1", decision: "APPROVE", reason: "x".repeat(501) }, { reason: ["Keep the note under 500 characters."] }],
    [{ creativeId: "c1", decision: "DELETE", reason: "x" }, { decision: ["Choose Approve or Reject."] }],
    [{ creativeId: "c1" }, { decision: ["Choose Approve or Reject."] }],
    [{ creativeId: "", decision: "APPROVE" }, { creativeId: ["Creative not found."] }],
    [{ decision: "APPROVE" }, { creativeId: ["Creative not found."] }],
    [{ creativeId: "x".repeat(65), decision: "APPROVE" }, { creativeId: ["Creative not found."] }],
  ])("%j → %j", (input, errors) => {
    expect(errorsOf(input)).toEqual(errors);
  });
});
