import { describe, expect, it } from "vitest";
import { assetId, assetPath, extensionOf, parseAssetName } from "@/lib/assets/asset-name";
import { checkImage, formatWeight, imageMessages } from "@/lib/assets/image-rules";
import { parseEnv } from "@/lib/config/env";
import { assetMaxBytes } from "@/lib/assets/choose-asset-store";
import { gif, jpeg, png, svg, webp } from "@/tests/support/images";

const MEDIUM_RECTANGLE = { width: 300, height: 250 };
const LIMIT = 150 * 1024;

describe("checkImage: the type, by content", () => {
  it.each([
    ["PNG", png(300, 250), "png", "image/png"],
    ["JPEG", jpeg(300, 250), "jpg", "image/jpeg"],
    ["GIF", gif(300, 250), "gif", "image/gif"],
    ["WebP", webp(300, 250), "webp", "image/webp"],
  ])("accepts a %s of the creative's size, typed by its bytes", (_label, bytes, extension, contentType) => {
    const check = checkImage(bytes, MEDIUM_RECTANGLE, LIMIT);
    expect(check).toMatchObject({ ok: true, image: { extension, contentType, width: 300, height: 250 } });
  });

  it("takes a PNG renamed .gif for the PNG it is (the name is never read)", () => {
    const file = new File([new Uint8Array(png(300, 250))], "banner.gif", { type: "image/gif" });
    return file.arrayBuffer().then((buffer) => {
      expect(checkImage(new Uint8Array(buffer), MEDIUM_RECTANGLE, LIMIT)).toMatchObject({ ok: true, image: { format: "png", contentType: "image/png", extension: "png" } });
    });
  });

  it("refuses an SVG, saying it can carry scripts", () => {
    expect(checkImage(svg(300, 250), MEDIUM_RECTANGLE, LIMIT)).toEqual({
      ok: false,
      message: "The image must be PNG, JPEG, GIF or WebP (SVG is not accepted: it can carry scripts).",
    });
  });

  it("refuses what is not an image, and another image format (BMP)", () => {
    expect(checkImage(Buffer.from("<html><script>alert(1)</script></html>"), MEDIUM_RECTANGLE, LIMIT)).toEqual({ ok: false, message: imageMessages.format });
    const bmp = Buffer.alloc(54);
    bmp.write("BM", 0, "latin1");
    bmp.writeUInt32LE(40, 14);
    bmp.writeInt32LE(300, 18);
    bmp.writeInt32LE(250, 22);
    expect(checkImage(bmp, MEDIUM_RECTANGLE, LIMIT)).toEqual({ ok: false, message: imageMessages.format });
  });

  it("refuses an empty file", () => {
    expect(checkImage(new Uint8Array(0), MEDIUM_RECTANGLE, LIMIT)).toEqual({ ok: false, message: imageMessages.empty });
  });
});

describe("checkImage: the pixel size", () => {
  it("refuses another size, naming both the image's and the two that fit", () => {
    expect(checkImage(png(300, 200), MEDIUM_RECTANGLE, LIMIT)).toEqual({ ok: false, message: "The image is 300×200 px; a 300×250 creative needs 300×250 or 600×500." });
  });

  it("accepts exactly twice the size (retina)", () => {
    expect(checkImage(png(600, 500), MEDIUM_RECTANGLE, LIMIT)).toMatchObject({ ok: true, image: { width: 600, height: 500 } });
    expect(checkImage(png(728 * 2, 90 * 2), { width: 728, height: 90 }, LIMIT)).toMatchObject({ ok: true });
  });

  it("refuses twice one side only, or three times", () => {
    expect(checkImage(png(600, 250), MEDIUM_RECTANGLE, LIMIT)).toMatchObject({ ok: false, message: "The image is 600×250 px; a 300×250 creative needs 300×250 or 600×500." });
    expect(checkImage(png(900, 750), MEDIUM_RECTANGLE, LIMIT)).toMatchObject({ ok: false });
  });
});

describe("checkImage: the weight", () => {
  it("refuses an image over the limit, in KB", () => {
    const heavy = png(300, 250, { padding: 212 * 1024 });
    expect(heavy.byteLength).toBeGreaterThan(212 * 1024);
    expect(heavy.byteLength).toBeLessThanOrEqual(213 * 1024);
    expect(checkImage(heavy, MEDIUM_RECTANGLE, LIMIT)).toEqual({ ok: false, message: "The image is 213 KB; the most is 150 KB." });
  });

  it("accepts an image of exactly the limit", () => {
    const image = png(300, 250);
    expect(checkImage(image, MEDIUM_RECTANGLE, image.byteLength)).toMatchObject({ ok: true });
    expect(checkImage(image, MEDIUM_RECTANGLE, image.byteLength - 1)).toMatchObject({ ok: false });
  });

  it("says megabytes past 1,024 KB", () => {
    expect(formatWeight(1.5 * 1024 * 1024)).toBe("1.5 MB");
    expect(formatWeight(1)).toBe("1 KB");
  });
});

describe("ASSET_MAX_KB", () => {
  it("is 150 KB (IAB's initial-load guideline) unless set", () => {
    expect(parseEnv({}).ASSET_MAX_KB).toBe(150);
    expect(assetMaxBytes(parseEnv({}))).toBe(150 * 1024);
  });

  it("takes another whole number of KB", () => {
    expect(assetMaxBytes(parseEnv({ ASSET_MAX_KB: "200" }))).toBe(200 * 1024);
  });

  it("refuses a limit that is not a positive whole number, naming the variable", () => {
    expect(() => parseEnv({ ASSET_MAX_KB: "0" })).toThrow(/ASSET_MAX_KB: must be at least 1/);
    expect(() => parseEnv({ ASSET_MAX_KB: "1.5" })).toThrow(/ASSET_MAX_KB/);
    expect(() => parseEnv({ ASSET_MAX_KB: "lots" })).toThrow(/ASSET_MAX_KB/);
  });
});

describe("asset names", () => {
  it("names an asset by the SHA-256 of its bytes", () => {
    const bytes = png(300, 250);
    expect(assetId(bytes)).toMatch(/^[0-9a-f]{64}$/);
    expect(assetId(Buffer.from(bytes))).toBe(assetId(bytes));
    expect(assetId(png(300, 250, { rgb: [0, 0, 0] }))).not.toBe(assetId(bytes));
    expect(assetPath("a".repeat(64), "png")).toBe(`/assets/${"a".repeat(64)}.png`);
  });

  it("reads back only a hash with an image extension", () => {
    const id = "0123456789abcdef".repeat(4);
    expect(parseAssetName(`${id}.webp`)).toEqual({ id, extension: "webp" });
    expect(parseAssetName(`${id}.svg`)).toBeNull();
    expect(parseAssetName(`${id.toUpperCase()}.png`)).toBeNull();
    expect(parseAssetName(`${id}.png.html`)).toBeNull();
    expect(parseAssetName("../etc/passwd")).toBeNull();
    expect(extensionOf("image/jpeg")).toBe("jpg");
    expect(extensionOf("image/svg+xml")).toBeNull();
  });
});
