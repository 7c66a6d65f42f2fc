import { describe, expect, it } from "vitest";
import { creativeSchema } from "@/lib/zod/schemas/creatives";

const image = { name: "Spring MPU", kind: "IMAGE", size: "300x250", imageUrl: "https://cdn.example.com/a.png", altText: "Trail shoes, 20 % off", landingUrl: "https://shop.example.com/spring" };
const text = { name: "Tents text", kind: "TEXT", size: "728x90", headline: "Sleep under the stars", body: "Two-person tents from 1.1 kg.", landingUrl: "https://shop.example.com/tents" };
const html = { name: "Newsletter", kind: "HTML", size: "300x600", html: "<div>Hi</div>", landingUrl: "http://example.com/" };

function errorsOf(input: Record<string, unknown>): Record<string, string[]> {
  const result = creativeSchema.safeParse(input);
  if (result.success) return {};
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message);
  return errors;
}

describe("creativeSchema: valid creatives", () => {
  it("keeps an image's fields, the size in pixels, and drops the other kinds' fields", () => {
    expect(creativeSchema.parse({ ...image, headline: "left over", html: "<b>left over</b>" })).toEqual({
      name: "Spring MPU",
      kind: "IMAGE",
      width: 300,
      height: 250,
      imageUrl: "https://cdn.example.com/a.png",
      altText: "Trail shoes, 20 % off",
      headline: null,
      body: null,
      html: null,
      landingUrl: "https://shop.example.com/spring",
    });
  });

  it("keeps a text ad (an empty body becomes null)", () => {
    expect(creativeSchema.parse({ ...text, body: "" })).toMatchObject({ kind: "TEXT", width: 728, height: 90, headline: "Sleep under the stars", body: null, imageUrl: null });
  });

  it("keeps HTML as typed (it only ever runs sandboxed)", () => {
    expect(creativeSchema.parse({ ...html, html: "<script>alert(1)</script>" })).toMatchObject({ kind: "HTML", html: "<script>alert(1)</script>" });
  });

  it("accepts exactly 60 headline characters, 140 body characters and 20 KB of HTML", () => {
    expect(errorsOf({ ...text, headline: "h".repeat(60), body: "b".repeat(140) })).toEqual({});
    expect(errorsOf({ ...html, html: "x".repeat(20 * 1024) })).toEqual({});
  });

  it("accepts an image path under this deployment's image folders (as the demo creatives use)", () => {
    expect(errorsOf({ ...image, imageUrl: "/demo/trail-shoes-300x250.svg" })).toEqual({});
    expect(creativeSchema.parse({ ...image, imageUrl: "/assets/spring/a.png" }).imageUrl).toBe("/assets/spring/a.png");
  });

  it("normalises URLs", () => {
    expect(creativeSchema.parse({ ...image, landingUrl: "HTTPS://Shop.Example.com/a b".replace(" ", "%20") }).landingUrl).toBe("https://shop.example.com/a%20b");
  });
});

describe("creativeSchema: every kind of mistake is named next to its field", () => {
  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    ["missing name", { ...image, name: " " }, "name", "Name the creative."],
    ["long name", { ...image, name: "n".repeat(101) }, "name", "Keep the name under 100 characters."],
    ["unknown kind", { ...image, kind: "VIDEO" }, "kind", "Choose image, text or HTML."],
    ["unknown size", { ...image, size: "300x300" }, "size", "Choose one of the listed sizes."],
    ["missing image URL", { ...image, imageUrl: "" }, "imageUrl", "Enter the image URL."],
    ["data: image", { ...image, imageUrl: "data:image/png;base64,AAAA" }, "imageUrl", "Use an image URL that starts with https:// or http://, or a path on this server under /demo/ or /assets/, such as /assets/banner.png."],
    ["javascript: image", { ...image, imageUrl: "javascript:alert(1)" }, "imageUrl", "Use an image URL that starts with https:// or http://, or a path on this server under /demo/ or /assets/, such as /assets/banner.png."],
    ["scheme-relative image", { ...image, imageUrl: "//evil.example/a.png" }, "imageUrl", "Use an image URL that starts with https:// or http://, or a path on this server under /demo/ or /assets/, such as /assets/banner.png."],
    ["backslash image path", { ...image, imageUrl: "/\\evil.example/a.png" }, "imageUrl", "Use an image URL that starts with https:// or http://, or a path on this server under /demo/ or /assets/, such as /assets/banner.png."],
    ["page-relative image", { ...image, imageUrl: "ads/a.png" }, "imageUrl", "Use an image URL that starts with https:// or http://, or a path on this server under /demo/ or /assets/, such as /assets/banner.png."],
    ["image path outside the image folders", { ...image, imageUrl: "/api/auth/get-session" }, "imageUrl", "Use an image URL that starts with https:// or http://, or a path on this server under /demo/ or /assets/, such as /assets/banner.png."],
    ["image path leaving an image folder", { ...image, imageUrl: "/assets/../c/token" }, "imageUrl", "Use an image URL that starts with https:// or http://, or a path on this server under /demo/ or /assets/, such as /assets/banner.png."],
    ["image URL with user info", { ...image, imageUrl: "https://cdn.example.com@evil.example/a.png" }, "imageUrl", "Remove the name and “@” before the host: a browser would go to the host after the “@”, not to the one before it."],
    ["missing alt text", { ...image, altText: "" }, "altText", "Describe the image for people who cannot see it."],
    ["long alt text", { ...image, altText: "a".repeat(201) }, "altText", "Keep the description under 200 characters."],
    ["missing headline", { ...text, headline: "" }, "headline", "Write a headline."],
    ["61-character headline", { ...text, headline: "h".repeat(61) }, "headline", "Keep the headline to 60 characters."],
    ["141-character body", { ...text, body: "b".repeat(141) }, "body", "Keep the text to 140 characters."],
    ["missing HTML", { ...html, html: "" }, "html", "Paste the HTML of the ad."],
    ["HTML over 20 KB", { ...html, html: "x".repeat(20 * 1024 + 1) }, "html", "Keep the HTML under 20 KB."],
    ["HTML over 20 KB in UTF-8 bytes", { ...html, html: "é".repeat(10 * 1024 + 1) }, "html", "Keep the HTML under 20 KB."],
    ["missing landing URL", { ...text, landingUrl: "" }, "landingUrl", "Enter the landing page URL."],
    ["javascript: landing URL", { ...text, landingUrl: "javascript:alert(1)" }, "landingUrl", "Use a landing page URL that starts with https:// or http://."],
    ["JavaScript: in capitals", { ...text, landingUrl: "JaVaScRiPt:alert(1)" }, "landingUrl", "Use a landing page URL that starts with https:// or http://."],
    ["data: landing URL", { ...text, landingUrl: "data:text/html,<script>alert(1)</script>" }, "landingUrl", "Use a landing page URL that starts with https:// or http://."],
    ["relative landing URL", { ...text, landingUrl: "/spring" }, "landingUrl", "Use a landing page URL that starts with https:// or http://."],
    ["scheme-relative landing URL", { ...text, landingUrl: "//evil.example/" }, "landingUrl", "Use a landing page URL that starts with https:// or http://."],
    ["ftp landing URL", { ...text, landingUrl: "ftp://files.example.com/" }, "landingUrl", "Use a landing page URL that starts with https:// or http://."],
    ["mailto landing URL", { ...text, landingUrl: "mailto:sales@example.com" }, "landingUrl", "Use a landing page URL that starts with https:// or http://."],
    ["host-less http", { ...text, landingUrl: "http:///path" }, "landingUrl", "Use a landing page URL that starts with https:// or http://."],
    ["URL with a space", { ...text, landingUrl: "https://exa mple.com/" }, "landingUrl", "Use a landing page URL that starts with https:// or http://."],
    ["no scheme", { ...text, landingUrl: "www.example.com" }, "landingUrl", "Use a landing page URL that starts with https:// or http://."],
    ["landing URL with a user name", { ...text, landingUrl: "https://example.com@evil.example/" }, "landingUrl", "Remove the name and “@” before the host: a browser would go to the host after the “@”, not to the one before it."],
    ["landing URL with a user name and password", { ...text, landingUrl: "https://user:pass@shop.example.com/" }, "landingUrl", "Remove the name and “@” before the host: a browser would go to the host after the “@”, not to the one before it."],
    ["overlong URL", { ...text, landingUrl: `https://example.com/${"a".repeat(2048)}` }, "landingUrl", "Keep the URL under 2,048 characters."],
  ];

  it.each(cases)("%s", (_name, input, field, message) => {
    expect(errorsOf(input)).toEqual({ [field]: [message] });
  });

  it("ignores the other kinds' fields, even when they would be invalid", () => {
    expect(errorsOf({ ...text, imageUrl: "javascript:alert(1)", html: "x".repeat(30_000) })).toEqual({});
  });
});
