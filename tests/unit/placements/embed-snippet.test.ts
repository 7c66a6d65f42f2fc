import { describe, expect, it } from "vitest";
import { embedSnippet, previewDocument, previewPolicy } from "@/lib/placements/embed-snippet";

describe("embedSnippet", () => {
  it("is the loader from the deployment's origin and the placement's element", () => {
    expect(embedSnippet("https://ads.example.com", "cm123abc")).toBe(
      '<script async src="https://ads.example.com/embed.js"></script>\n<div data-marquee-placement="cm123abc"></div>',
    );
  });

  it("escapes what it puts in attributes", () => {
    expect(embedSnippet("https://a.example", '"><img src=x onerror=alert(1)>')).toContain('data-marquee-placement="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
  });
});

describe("previewDocument", () => {
  it("is a page holding the same snippet, marked as a preview that counts no view, with notes for no fill and errors", () => {
    const page = previewDocument("http://127.0.0.1:3100", "demo-placement-sidebar");
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<div data-marquee-placement="demo-placement-sidebar" data-marquee-preview></div>');
    expect(page).toContain('<script async src="http://127.0.0.1:3100/embed.js"></script>');
    expect(page).toContain('[data-marquee-state="empty"] ~ .empty');
    expect(page).toContain('[data-marquee-state="error"] ~ .error');
  });
});

describe("previewPolicy", () => {
  it("lets only the snippet run and fetch, and only this deployment frame the preview", () => {
    const policy = previewPolicy("https://ads.example.com");
    expect(policy.split("; ")).toEqual([
      "default-src 'none'",
      "script-src https://ads.example.com/embed.js",
      "connect-src https://ads.example.com",
      "img-src https: http: data:",
      "style-src 'unsafe-inline'",
      "frame-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'self'",
    ]);
  });
});

