import { describe, expect, it } from "vitest";
import { siteSchema } from "@/lib/zod/schemas/sites";

function errorsOf(input: Record<string, unknown>): Record<string, string[]> {
  const result = siteSchema.safeParse(input);
  if (result.success) throw new Error(`accepted: ${JSON.stringify(input)}`);
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message);
  return errors;
}

describe("siteSchema", () => {
  it("trims the name", () => {
    expect(siteSchema.parse({ name: "  Trailhead Daily ", domain: "trailhead.example" })).toEqual({ name: "Trailhead Daily", domain: "trailhead.example" });
  });

  it.each([
    ["example.com", "example.com"],
    ["Blog.Example.COM", "blog.example.com"],
    ["https://www.example.com/", "www.example.com"],
    ["http://example.co.uk/news?page=2#top", "example.co.uk"],
    ["example.com.", "example.com"],
    ["  my-site.example  ", "my-site.example"],
    ["xn--bcher-kva.example", "xn--bcher-kva.example"],
  ])("domain %j → %j", (domain, host) => {
    expect(siteSchema.parse({ name: "Site", domain }).domain).toBe(host);
  });

  it.each([
    [{ name: "", domain: "example.com" }, { name: ["Name the site."] }],
    [{ name: "   ", domain: "example.com" }, { name: ["Name the site."] }],
    [{ domain: "example.com" }, { name: ["Name the site."] }],
    [{ name: "x".repeat(101), domain: "example.com" }, { name: ["Keep the name under 100 characters."] }],
    [{ name: "Site", domain: "" }, { domain: ["Enter the site's domain."] }],
    [{ name: "Site" }, { domain: ["Enter the site's domain."] }],
    [{ name: "Site", domain: "localhost" }, { domain: ["Enter a domain like example.com (no port or path)."] }],
    [{ name: "Site", domain: "example.com:8080" }, { domain: ["Enter a domain like example.com (no port or path)."] }],
    [{ name: "Site", domain: "exa mple.com" }, { domain: ["Enter a domain like example.com (no port or path)."] }],
    [{ name: "Site", domain: "-example.com" }, { domain: ["Enter a domain like example.com (no port or path)."] }],
    [{ name: "Site", domain: "example..com" }, { domain: ["Enter a domain like example.com (no port or path)."] }],
    [{ name: "Site", domain: "ftp://example.com" }, { domain: ["Enter a domain like example.com (no port or path)."] }],
    [{ name: "Site", domain: "<script>.com" }, { domain: ["Enter a domain like example.com (no port or path)."] }],
    [{ name: "Site", domain: `${"a".repeat(64)}.com` }, { domain: ["Enter a domain like example.com (no port or path)."] }],
    [{ name: "", domain: "" }, { name: ["Name the site."], domain: ["Enter the site's domain."] }],
  ])("%j → %j", (input, errors) => {
    expect(errorsOf(input)).toEqual(errors);
  });
});
