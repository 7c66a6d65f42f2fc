// The database asset store and the /assets/ route over it, on PGlite and PostgreSQL: an upload
// is one row named by its bytes' hash, and the route answers those bytes, cacheable forever.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assetId } from "@/lib/assets/asset-name";
import { assetResponse } from "@/lib/assets/asset-response";
import { chooseAssetStore } from "@/lib/assets/choose-asset-store";
import { databaseAssetStore } from "@/lib/assets/database-asset-store";
import { checkImage, type CheckedImage } from "@/lib/assets/image-rules";
import { parseEnv } from "@/lib/config/env";
import { freshPglite, freshPostgres, type FreshDatabase } from "@/tests/support/databases";
import { gif, png } from "@/tests/support/images";

function checked(bytes: Buffer): CheckedImage {
  const check = checkImage(bytes, { width: 300, height: 250 }, 150 * 1024);
  if (!check.ok) throw new Error(check.message);
  return check.image;
}

describe("chooseAssetStore", () => {
  it("keeps assets in the database without BLOB_READ_WRITE_TOKEN, in Vercel Blob with it", () => {
    expect(chooseAssetStore(parseEnv({})).kind).toBe("database");
    expect(chooseAssetStore(parseEnv({ BLOB_READ_WRITE_TOKEN: "vercel_blob_rw_store_secret" })).kind).toBe("blob");
  });
});

describe.each([
  ["PGlite", freshPglite],
  ["PostgreSQL", freshPostgres],
] as const)("the database asset store on %s", (_name, fresh) => {
  let database: FreshDatabase;
  const deps = () => ({ prisma: database.prisma });
  const image = png(300, 250);
  const id = assetId(image);

  beforeAll(async () => {
    database = await fresh();
    await database.prisma.organization.createMany({
      data: [
        { id: "org-advertiser", name: "Pinecone Outfitters", kind: "ADVERTISER" },
        { id: "org-other", name: "Other Advertiser", kind: "ADVERTISER" },
      ],
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  it("keeps the bytes under their hash and answers the asset's path", async () => {
    expect(await databaseAssetStore.save("org-advertiser", checked(image), deps())).toBe(`/assets/${id}.png`);
    const row = await database.prisma.asset.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ organizationId: "org-advertiser", contentType: "image/png", width: 300, height: 250, byteSize: image.byteLength, blobUrl: null });
    expect(Buffer.from(row.data!)).toEqual(image);
  });

  it("keeps the same bytes once, also when uploaded again at the same time or by another organisation", async () => {
    const paths = await Promise.all([
      databaseAssetStore.save("org-advertiser", checked(image), deps()),
      databaseAssetStore.save("org-advertiser", checked(image), deps()),
      databaseAssetStore.save("org-other", checked(image), deps()),
    ]);
    expect(new Set(paths)).toEqual(new Set([`/assets/${id}.png`]));
    expect(await database.prisma.asset.findMany({ where: { id }, select: { organizationId: true } })).toEqual([{ organizationId: "org-advertiser" }]);
  });

  it("serves the bytes with their type, a year's immutable cache, nosniff and the hash as ETag", async () => {
    const response = await assetResponse(`${id}.png`, new Headers(), deps());
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "image/png",
      "content-length": String(image.byteLength),
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      etag: `"${id}"`,
    });
    expect(Buffer.from(await response.arrayBuffer())).toEqual(image);
  });

  it("answers 304 to a browser that has it (If-None-Match)", async () => {
    const response = await assetResponse(`${id}.png`, new Headers({ "if-none-match": `W/"x", "${id}"` }), deps());
    expect(response.status).toBe(304);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await response.text()).toBe("");
  });

  it.each([
    ["an unknown hash", `${"0".repeat(64)}.png`],
    ["a known hash with another format's extension", `${assetId(png(300, 250))}.gif`],
    ["a known hash without its extension", assetId(png(300, 250))],
    ["a path-like name", "..%2F..%2Fetc%2Fpasswd"],
  ])("answers 404, not cacheable, for %s", async (_label, name) => {
    const response = await assetResponse(name, new Headers(), deps());
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toBe("Not found");
  });

  it("serves each format with its own type", async () => {
    const animated = gif(300, 250);
    const path = await databaseAssetStore.save("org-advertiser", checked(animated), deps());
    const response = await assetResponse(path.slice("/assets/".length), new Headers(), deps());
    expect(response.headers.get("content-type")).toBe("image/gif");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(animated);
  });
});
