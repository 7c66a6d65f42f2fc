import { describe, expect, it } from "vitest";
import { siteFormSchema, siteSchema } from "@/lib/zod/schemas/sites";

function errorsOf(input: Record<string, unknown>, schema: typeof siteSchema | typeof siteFormSchema = siteSchema): Record<string, string[]> {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`accepted: ${JSON.stringify(input)}`);
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message);
  return errors;
}

describe("siteSchema", () => {
  it("trims the name", () => {
    expect(siteSchema.parse({ name: "  Trailhead Daily ", domain: "trailhead.example" })).toEqual({ name: "Trailhead Daily", domain: "trailhead.example", extraDomains: [], blockedDomains: [], adLabel: "Ad" });
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

describe("extra domains", () => {
  const site = { name: "Site", domain: "trailhead.example" };

  it.each([
    ["", []],
    ["   \n  ", []],
    ["example.org", ["example.org"]],
    ["Example.ORG\nnews.example.net", ["example.org", "news.example.net"]],
    ["example.org, news.example.net,shop.example.com", ["example.org", "news.example.net", "shop.example.com"]],
    ["example.org\r\n\r\nexample.org, EXAMPLE.org", ["example.org"]],
    ["https://Blog.Example.org/posts/1?x=2", ["blog.example.org"]],
    ["trailhead.example\nexample.org", ["example.org"]],
  ])("the form's %j → %j", (extraDomains, hosts) => {
    expect(siteFormSchema.parse({ ...site, extraDomains }).extraDomains).toEqual(hosts);
  });

  it("is none when the form or the API leaves it out", () => {
    expect(siteFormSchema.parse(site).extraDomains).toEqual([]);
    expect(siteSchema.parse(site).extraDomains).toEqual([]);
  });

  it("takes the API's list, each entry reduced the same way", () => {
    expect(siteSchema.parse({ ...site, extraDomains: [" Example.org ", "http://news.example.net/", "example.org"] }).extraDomains).toEqual(["example.org", "news.example.net"]);
  });

  it.each([
    ["example.org:8080", ["“example.org:8080” is not a domain: enter host names like example.org (no port or path)."]],
    ["localhost", ["“localhost” is not a domain: enter host names like example.org (no port or path)."]],
    ["ftp://example.org\n192.168.0.1", ["“ftp://example.org”, “192.168.0.1” are not domains: enter host names like example.org (no port or path)."]],
    ["a_b.example\n-x.example\nx..example\n<b>.example\nok.example", ["“a_b.example”, “-x.example”, “x..example” and 1 more are not domains: enter host names like example.org (no port or path)."]],
    [Array.from({ length: 21 }, (_, index) => `site-${index}.example`).join("\n"), ["List at most 20 extra domains (there are 21)."]],
    ["x.example,".repeat(700), ["List at most 20 extra domains."]],
  ])("the form's %j: %j", (extraDomains, messages) => {
    expect(errorsOf({ ...site, extraDomains }, siteFormSchema)).toEqual({ extraDomains: messages });
  });

  it("takes 20, the most, and 21 entries that name 20 hosts", () => {
    const twenty = Array.from({ length: 20 }, (_, index) => `site-${index}.example`);
    expect(siteFormSchema.parse({ ...site, extraDomains: [...twenty, "SITE-0.example"].join("\n") }).extraDomains).toEqual(twenty);
  });

  it("refuses an API value that is not a list of strings", () => {
    expect(errorsOf({ ...site, extraDomains: "example.org" })).toEqual({ extraDomains: ["Send the extra domains as a list of host names (enter host names like example.org (no port or path))."] });
    expect(errorsOf({ ...site, extraDomains: ["example.org", 7] })).toEqual({ extraDomains: ["Send each of the extra domains as a string."] });
  });
});

describe("the blocked domains", () => {
  const site = { name: "Site", domain: "example.com" };

  it("are none when left out; the form's text and the API's list are reduced to hosts, each once — the site's own domain too", () => {
    expect(siteFormSchema.parse(site).blockedDomains).toEqual([]);
    expect(siteSchema.parse(site).blockedDomains).toEqual([]);
    expect(siteFormSchema.parse({ ...site, blockedDomains: "https://Rival.example/spring?x=1\ncasino.example, rival.example" }).blockedDomains).toEqual(["rival.example", "casino.example"]);
    expect(siteSchema.parse({ ...site, blockedDomains: [" Rival.example ", "example.com"] }).blockedDomains).toEqual(["rival.example", "example.com"]);
  });

  it("take 100, the most, and refuse 101 or what is not a domain, naming it", () => {
    const hundred = Array.from({ length: 100 }, (_, index) => `brand-${index}.example`);
    expect(siteFormSchema.parse({ ...site, blockedDomains: hundred.join("\n") }).blockedDomains).toEqual(hundred);
    expect(errorsOf({ ...site, blockedDomains: [...hundred, "brand-100.example"].join(",") }, siteFormSchema)).toEqual({ blockedDomains: ["List at most 100 blocked domains (there are 101)."] });
    expect(errorsOf({ ...site, blockedDomains: "rival.example:443" }, siteFormSchema)).toEqual({
      blockedDomains: ["“rival.example:443” is not a domain: enter host names like example.org (no port or path)."],
    });
    expect(errorsOf({ ...site, blockedDomains: "x.example,".repeat(3_001) }, siteFormSchema)).toEqual({ blockedDomains: ["List at most 100 blocked domains."] });
    expect(errorsOf({ ...site, blockedDomains: ["rival.example", 7] })).toEqual({ blockedDomains: ["Send each of the blocked domains as a string."] });
  });
});

describe("the disclosure label", () => {
  const site = { name: "Site", domain: "example.com" };

  it("is Ad when none is sent", () => {
    expect(siteSchema.parse(site).adLabel).toBe("Ad");
    expect(siteFormSchema.parse(site).adLabel).toBe("Ad");
  });

  it.each([
    ["Sponsored", "Sponsored"],
    ["  Anzeige ", "Anzeige"],
    ["Publicité", "Publicité"],
    ["Paid partnership", "Paid partnership"],
    ["広告", "広告"],
  ])("takes %j as %j", (adLabel, stored) => {
    expect(siteFormSchema.parse({ ...site, adLabel }).adLabel).toBe(stored);
  });

  it("takes 20 characters, counted as people count them", () => {
    expect(siteSchema.parse({ ...site, adLabel: "x".repeat(20) }).adLabel).toHaveLength(20);
    expect(siteSchema.parse({ ...site, adLabel: "📣".repeat(20) }).adLabel).toBe("📣".repeat(20));
  });

  it.each([
    ["", "Enter the label every ad shows, e.g. Ad or Sponsored."],
    ["   ", "Enter the label every ad shows, e.g. Ad or Sponsored."],
    ["x".repeat(21), "Keep the label to 20 characters or fewer."],
    ["<b>Ad</b>", "Use plain text for the label (no < or >, no line breaks)."],
    ["Spon\nsored", "Use plain text for the label (no < or >, no line breaks)."],
    ["Ad\u0000", "Use plain text for the label (no < or >, no line breaks)."],
  ])("refuses %j: %j", (adLabel, message) => {
    expect(errorsOf({ ...site, adLabel }, siteFormSchema)).toEqual({ adLabel: [message] });
  });

  it("refuses an API value that is not text", () => {
    expect(errorsOf({ ...site, adLabel: 7 })).toEqual({ adLabel: ["Enter the label as text."] });
  });
});
