import { describe, expect, it } from "vitest";
import { assetId } from "@/lib/assets/asset-name";
import { creativeUploadSchema } from "@/lib/creatives/creative-image-upload";
import { formFiles } from "@/lib/forms/form-entries";
import { png, svg } from "@/tests/support/images";

const LIMIT = 150 * 1024;
const form = { name: "Spring banner", kind: "IMAGE", size: "300x250", imageUrl: "", altText: "Tents on sale", landingUrl: "https://shop.example/spring" };

const schema = creativeUploadSchema(() => LIMIT);

function errorsOf(result: ReturnType<typeof schema.safeParse>) {
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
}

describe("the creative form with an uploaded image", () => {
  it("makes a good upload the creative's image URL: its asset's path", () => {
    const image = png(300, 250);
    const result = schema.safeParse({ ...form, imageFile: image });
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ kind: "IMAGE", width: 300, height: 250, imageUrl: `/assets/${assetId(image)}.png`, image: { contentType: "image/png" } });
  });

  it("takes the upload over a typed URL", () => {
    const image = png(300, 250);
    const result = schema.safeParse({ ...form, imageFile: image, imageUrl: "https://cdn.example/old.png" });
    expect(result.data?.imageUrl).toBe(`/assets/${assetId(image)}.png`);
  });

  it("refuses a bad upload next to the file field only, with the other fields' errors", () => {
    const result = schema.safeParse({ ...form, imageFile: svg(300, 250), altText: "" });
    expect(errorsOf(result)).toEqual({
      imageFile: "The image must be PNG, JPEG, GIF or WebP (SVG is not accepted: it can carry scripts).",
      altText: "Describe the image for people who cannot see it.",
    });
  });

  it("checks the size against the chosen one", () => {
    const result = schema.safeParse({ ...form, imageFile: png(300, 250), size: "728x90" });
    expect(errorsOf(result)).toEqual({ imageFile: "The image is 300×250 px; a 728×90 creative needs 728×90 or 1456×180." });
  });

  it("ignores an upload for a text creative", () => {
    const result = schema.safeParse({ ...form, imageFile: png(300, 250), kind: "TEXT", headline: "Tents" });
    expect(result.data).toMatchObject({ kind: "TEXT", imageUrl: null, image: null });
  });

  it("without an upload, needs the URL as before", () => {
    expect(errorsOf(schema.safeParse(form))).toEqual({ imageUrl: "Enter the image URL." });
    expect(schema.safeParse({ ...form, imageUrl: "https://cdn.example/a.png" }).data).toMatchObject({ imageUrl: "https://cdn.example/a.png", image: null });
  });
});

describe("formFiles", () => {
  it("reads a chosen file's bytes", async () => {
    const formData = new FormData();
    formData.set("imageFile", new File([new Uint8Array(png(300, 250))], "banner.png", { type: "image/png" }));
    expect(await formFiles(formData, ["imageFile"])).toEqual({ imageFile: new Uint8Array(png(300, 250)) });
  });

  it("leaves out an empty file input (no file chosen), a text value, and reads no form as none", async () => {
    const formData = new FormData();
    formData.set("imageFile", new File([], "", { type: "application/octet-stream" }));
    formData.set("other", "not a file");
    expect(await formFiles(formData, ["imageFile", "other", "absent"])).toEqual({});
    expect(await formFiles("anything", ["imageFile"])).toEqual({});
  });
});
