// public/embed.js is what publishers' pages load: the minified build of lib/embed/embed.js,
// committed. It must be the build of today's source, and stay small.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { minifyEmbed } from "@/scripts/embed/minify-embed.mjs";

const served = readFileSync("public/embed.js", "utf8");

describe("public/embed.js", () => {
  it("is the build of lib/embed/embed.js (run `npm run build:embed` after changing the source)", async () => {
    expect(served).toBe(await minifyEmbed(readFileSync("lib/embed/embed.js", "utf8")));
  });

  it("stays within 3 KB gzipped", () => {
    expect(gzipSync(served, { level: 9 }).length).toBeLessThanOrEqual(3072);
  });
});
