import { describe, expect, it } from "vitest";
import { localPath, signInPath } from "@/lib/http/local-path";
import { signInFormSchema } from "@/lib/zod/schemas/auth";
import { signInCodeSchema } from "@/lib/zod/schemas/two-factor";

describe("localPath", () => {
  it("keeps a path of this site with its query and fragment", () => {
    expect(localPath("/advertiser/campaigns/c1/edit")).toBe("/advertiser/campaigns/c1/edit");
    expect(localPath("/advertiser/reports?from=2026-11-01&to=2026-11-30#chart")).toBe("/advertiser/reports?from=2026-11-01&to=2026-11-30#chart");
    expect(localPath("/advertiser/campaigns/c%201")).toBe("/advertiser/campaigns/c%201");
  });

  it("refuses another origin in every spelling a browser would follow", () => {
    for (const value of ["//evil.example", "//evil.example/advertiser", "https://evil.example/", "/\\evil.example", "\\\\evil.example", "javascript:alert(1)", "evil.example", "/\t/evil.example", "/\n/evil.example", " /advertiser"]) {
      expect(localPath(value), value).toBeUndefined();
    }
  });

  it("refuses the sign-in pages, API routes, non-strings and very long values", () => {
    for (const value of ["/sign-in", "/sign-in?next=/x", "/sign-in/two-factor", "/api/auth/sign-out", undefined, null, 42, ["/advertiser"], `/${"a".repeat(2_000)}`]) {
      expect(localPath(value)).toBeUndefined();
    }
  });

  it("normalises dot segments, which cannot leave the site", () => {
    expect(localPath("/advertiser/../admin")).toBe("/admin");
    expect(localPath("/../../etc/passwd")).toBe("/etc/passwd");
  });
});

describe("signInPath", () => {
  it("names the page to go on to, and leaves out the dashboard and anything not local", () => {
    expect(signInPath("/advertiser/campaigns/c1/edit?x=1")).toBe("/sign-in?next=%2Fadvertiser%2Fcampaigns%2Fc1%2Fedit%3Fx%3D1");
    expect(signInPath("/dashboard")).toBe("/sign-in");
    expect(signInPath("//evil.example")).toBe("/sign-in");
    expect(signInPath(null)).toBe("/sign-in");
    expect(signInPath("/advertiser", "/sign-in/two-factor")).toBe("/sign-in/two-factor?next=%2Fadvertiser");
  });
});

describe("the sign-in form's next field", () => {
  it("is optional, keeps a local path and drops anything else without refusing the form", () => {
    const credentials = { email: "Ada@Example.com", password: "secret" };
    expect(signInFormSchema.parse(credentials)).toEqual({ email: "ada@example.com", password: "secret", next: undefined });
    expect(signInFormSchema.parse({ ...credentials, next: "/advertiser/reports?from=2026-11-01" }).next).toBe("/advertiser/reports?from=2026-11-01");
    expect(signInFormSchema.parse({ ...credentials, next: "//evil.example" }).next).toBeUndefined();
    expect(signInCodeSchema.parse({ code: "123456", next: "/advertiser" })).toMatchObject({ code: "123456", next: "/advertiser" });
    expect(signInCodeSchema.parse({ code: "123456" }).next).toBeUndefined();
  });
});
