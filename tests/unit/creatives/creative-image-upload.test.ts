import { describe, expect, it } from "vitest";
import { assetId } from "@/lib/assets/asset-name";
import { creativeUploadSchema, uploadedImage } from "@/lib/creatives/creative-image-upload";
import { png, svg } from "@/tests/support/images";

const LIMIT = 150 * 1024;
const form = { name: "Spring banner", kind: "IMAGE", size: "300x250", imageUrl: "", altText: "Tents on sale", landingUrl: "https://shop.example/spring" };

function errorsOf(result: ReturnType<ReturnType<typeof creativeUploadSchema>["safeParse"]>) {
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
}

describe("the creative form with an uploaded image", () => {
  it("makes a good upload the creative's image URL: its asset's path", () => {
    const image = png(300, 250);
    const result = creativeUploadSchema(image, LIMIT).safeParse(form);
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ kind: "IMAGE", width: 300, height: 250, imageUrl: `/assets/${assetId(image)}.png`, image: { contentType: "image/png" } });
  });

  it("takes the upload over a typed URL", () => {
    const image = png(300, 250);
    const result = creativeUploadSchema(image, LIMIT).safeParse({ ...form, imageUrl: "https://cdn.example/old.png" });
    expect(result.data?.imageUrl).toBe(`/assets/${assetId(image)}.png`);
  });

  it("refuses a bad upload next to the file field only, with the other fields' errors", () => {
    const result = creativeUploadSchema(svg(300, 250), LIMIT).safeParse({ ...form, altText: "" });
    expect(errorsOf(result)).toEqual({
      imageFile: "The image must be PNG, JPEG, GIF or WebP (SVG is not accepted: it can carry scripts).",
      altText: "Describe the image for people who cannot see it.",
    });
  });

  it("checks the size against the chosen one", () => {
    const result = creativeUploadSchema(png(300, 250), LIMIT).safeParse({ ...form, size: "728x90" });
    expect(errorsOf(result)).toEqual({ imageFile: "The image is 300×250 px; a 728×90 creative needs 728×90 or 1456×180." });
  });

  it("ignores an upload for a text creative", () => {
    const result = creativeUploadSchema(png(300, 250), LIMIT).safeParse({ ...form, kind: "TEXT", headline: "Tents" });
    expect(result.data).toMatchObject({ kind: "TEXT", imageUrl: null, image: null });
  });

  it("without an upload, needs the URL as before", () => {
    expect(errorsOf(creativeUploadSchema(null, LIMIT).safeParse(form))).toEqual({ imageUrl: "Enter the image URL." });
    expect(creativeUploadSchema(null, LIMIT).safeParse({ ...form, imageUrl: "https://cdn.example/a.png" }).data).toMatchObject({ imageUrl: "https://cdn.example/a.png", image: null });
  });
});

describe("uploadedImage", () => {
  it("reads the chosen file's bytes", async () => {
    const formData = new FormData();
    formData.set("imageFile", new File([new Uint8Array(png(300, 250))], "banner.png", { type: "image/png" }));
    expect(await uploadedImage(formData)).toEqual(new Uint8Array(png(300, 250)));
  });

  it("reads an empty file input (no file chosen), a text value and no form as no upload", async () => {
    const empty = new FormData();
    empty.set("imageFile", new File([], "", { type: "application/octet-stream" }));
    const text = new FormData();
    text.set("imageFile", "not a file");
    expect(await uploadedImage(empty)).toBeNull();
    expect(await uploadedImage(text)).toBeNull();
    expect(await uploadedImage("anything")).toBeNull();
  });
});
