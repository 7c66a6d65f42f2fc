// The Vercel Blob asset store against a stand-in of Blob's API (tests/support/blob-stand-in.ts),
// reached by @vercel/blob's own client through VERCEL_BLOB_API_URL: the requests the store
// makes are the documented ones, and the /assets/ route sends browsers on to the blob.
import { BlobNotFoundError, del, head, put } from "@vercel/blob";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assetId } from "@/lib/assets/asset-name";
import { assetResponse } from "@/lib/assets/asset-response";
import { blobAssetStore } from "@/lib/assets/blob-asset-store";
import { checkImage, type CheckedImage } from "@/lib/assets/image-rules";
import { startBlobStandIn, type BlobStandIn } from "@/tests/support/blob-stand-in";
import { freshPglite, type FreshDatabase } from "@/tests/support/databases";
import { png, webp } from "@/tests/support/images";

let blob: BlobStandIn;
let database: FreshDatabase;
const deps = () => ({ prisma: database.prisma });
const saved = { VERCEL_BLOB_API_URL: process.env.VERCEL_BLOB_API_URL, VERCEL_BLOB_RETRIES: process.env.VERCEL_BLOB_RETRIES };

function checked(bytes: Buffer): CheckedImage {
  const check = checkImage(bytes, { width: 300, height: 250 }, 150 * 1024);
  if (!check.ok) throw new Error(check.message);
  return check.image;
}

beforeAll(async () => {
  blob = await startBlobStandIn();
  process.env.VERCEL_BLOB_API_URL = blob.apiUrl;
  // A refusal is final here; the client's default retries ten times with back-off.
  process.env.VERCEL_BLOB_RETRIES = "0";
  database = await freshPglite();
  await database.prisma.organization.create({ data: { id: "org-advertiser", name: "Pinecone Outfitters", kind: "ADVERTISER" } });
});

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await database?.close();
  await blob?.close();
});

describe("the Blob asset store", () => {
  const image = png(300, 250, { rgb: [22, 163, 74] });
  const id = assetId(image);

  it("puts the bytes at assets/<hash>.<ext>, public, without a random suffix, cached a year", async () => {
    const path = await blobAssetStore(blob.token).save("org-advertiser", checked(image), deps());
    expect(path).toBe(`/assets/${id}.png`);
    const stored = blob.blobs.get(`assets/${id}.png`);
    expect(stored?.bytes).toEqual(image);
    expect(stored?.contentType).toBe("image/png");
    expect(stored?.headers).toMatchObject({ "x-vercel-blob-access": "public", "x-add-random-suffix": "0", "x-allow-overwrite": "1", "x-cache-control-max-age": "31536000" });
  });

  it("records the blob's URL, not the bytes, in the asset table", async () => {
    expect(await database.prisma.asset.findUniqueOrThrow({ where: { id } })).toMatchObject({
      organizationId: "org-advertiser",
      contentType: "image/png",
      byteSize: image.byteLength,
      data: null,
      blobUrl: `${blob.apiUrl}/files/assets/${id}.png`,
    });
  });

  it("does not upload the same bytes again", async () => {
    const puts = blob.requests.filter((request) => request.method === "PUT").length;
    expect(await blobAssetStore(blob.token).save("org-advertiser", checked(image), deps())).toBe(`/assets/${id}.png`);
    expect(blob.requests.filter((request) => request.method === "PUT")).toHaveLength(puts);
    expect(await database.prisma.asset.count({ where: { id } })).toBe(1);
  });

  it("answers /assets/<hash>.png with a permanent redirect to the blob, cacheable forever", async () => {
    const response = await assetResponse(`${id}.png`, new Headers(), deps());
    expect(response.status).toBe(308);
    expect(response.headers.get("location")).toBe(`${blob.apiUrl}/files/assets/${id}.png`);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const served = await fetch(response.headers.get("location")!);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(image);
  });

  it("fails, storing nothing, when Blob refuses the token", async () => {
    const other = webp(300, 250);
    await expect(blobAssetStore("vercel_blob_rw_store_wrong").save("org-advertiser", checked(other), deps())).rejects.toThrow(/Vercel Blob/);
    expect(await database.prisma.asset.count({ where: { id: assetId(other) } })).toBe(0);
  });
});

describe("the stand-in keeps Blob's contract for put, head and del", () => {
  it("head describes a put blob; del removes it; head then says not found", async () => {
    const bytes = png(300, 250, { rgb: [200, 30, 30] });
    const { url, pathname, contentType } = await put("contract/red.png", bytes, { access: "public", token: blob.token, addRandomSuffix: false, contentType: "image/png" });
    expect({ pathname, contentType }).toEqual({ pathname: "contract/red.png", contentType: "image/png" });
    expect(await head(url, { token: blob.token })).toMatchObject({ url, pathname, size: bytes.byteLength, contentType: "image/png", cacheControl: "public, max-age=2592000" });
    await del(url, { token: blob.token });
    await expect(head(url, { token: blob.token })).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it("refuses to overwrite a pathname unless told to", async () => {
    await put("contract/once.png", png(300, 250), { access: "public", token: blob.token, addRandomSuffix: false });
    await expect(put("contract/once.png", png(300, 250), { access: "public", token: blob.token, addRandomSuffix: false })).rejects.toThrow(/already exists/);
  });
});
