import { describe, expect, it } from "vitest";
import { createInvitationSchema } from "@/lib/zod/schemas/members";

const errorsOf = (input: Record<string, unknown>) => {
  const parsed = createInvitationSchema.safeParse(input);
  return parsed.success ? undefined : parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("createInvitationSchema", () => {
  it("takes a role, and an address to mail the link to only when one is typed", () => {
    expect(createInvitationSchema.parse({ role: "MEMBER" })).toEqual({ role: "MEMBER" });
    expect(createInvitationSchema.parse({ role: "MEMBER", email: "" })).toEqual({ role: "MEMBER" });
    expect(createInvitationSchema.parse({ role: "MEMBER", email: "   " })).toEqual({ role: "MEMBER" });
    expect(createInvitationSchema.parse({ role: "VIEWER", email: "  Sam@Northwind.Example " })).toEqual({ role: "VIEWER", email: "sam@northwind.example" });
  });

  it("says what is wrong with an address that is not one, and with a role that is none", () => {
    expect(errorsOf({ role: "MEMBER", email: "sam at northwind" })).toEqual(["email: Enter a valid e-mail address."]);
    expect(errorsOf({ role: "MEMBER", email: `${"a".repeat(250)}@x.example` })).toEqual(["email: That e-mail address is too long."]);
    expect(errorsOf({ role: "KING", email: "sam@northwind.example" })).toEqual(["role: Choose a role: Owner, Admin, Member or Read-only."]);
  });
});
