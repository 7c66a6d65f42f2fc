// A local stand-in for Vercel Blob's API, for the requests @vercel/blob's put(), head() and
// del() make (read from its source, node_modules/@vercel/blob/dist): the client sends them to
// VERCEL_BLOB_API_URL when set, else https://vercel.com/api/blob.
//
//   PUT  /?pathname=<p>   body = the bytes; x-content-type, x-add-random-suffix,
//                         x-allow-overwrite, x-cache-control-max-age → {url, downloadUrl, pathname, contentType, contentDisposition, etag}
//   GET  /?url=<u>        (head) → {url, downloadUrl, pathname, size, uploadedAt, contentType, contentDisposition, cacheControl, etag}
//   POST /delete          {urls: [...]} → {}
//
// Every request carries `authorization: Bearer <token>` and `x-api-version`; errors are
// `{error: {code, message}}` (not_found, forbidden, bad_request). Blobs are served back at
// /files/<pathname>, standing in for <store>.public.blob.vercel-storage.com.
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface StoredBlob {
  pathname: string;
  bytes: Buffer;
  contentType: string;
  cacheControl: string;
  uploadedAt: Date;
  /** The headers of the PUT that stored it. */
  headers: IncomingMessage["headers"];
}

export interface BlobStandIn {
  /** The API's base URL, for VERCEL_BLOB_API_URL. */
  apiUrl: string;
  /** A read-write token the stand-in accepts (vercel_blob_rw_<store id>_<secret>). */
  token: string;
  blobs: Map<string, StoredBlob>;
  /** Every API request, in order: method and path with query. */
  requests: { method: string; url: string }[];
  close(): Promise<void>;
}

const API_VERSION = /^\d+$/;

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function json(response: ServerResponse, status: number, value: unknown) {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
}

const failure = (response: ServerResponse, status: number, code: string, message: string) => json(response, status, { error: { code, message } });

export async function startBlobStandIn(): Promise<BlobStandIn> {
  const storeId = randomBytes(8).toString("hex");
  const token = `vercel_blob_rw_${storeId}_${randomBytes(16).toString("hex")}`;
  const blobs = new Map<string, StoredBlob>();
  const requests: BlobStandIn["requests"] = [];
  let origin = "";
  const blobUrl = (pathname: string) => `${origin}/files/${pathname}`;
  const etag = (blob: StoredBlob) => `"${createHash("sha256").update(blob.bytes).digest("hex").slice(0, 32)}"`;
  const describe = (blob: StoredBlob) => ({
    url: blobUrl(blob.pathname),
    downloadUrl: `${blobUrl(blob.pathname)}?download=1`,
    pathname: blob.pathname,
    contentType: blob.contentType,
    contentDisposition: `inline; filename="${blob.pathname.split("/").pop()}"`,
    etag: etag(blob),
  });

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? "/", origin);
      if (request.method === "GET" && url.pathname.startsWith("/files/")) {
        const blob = blobs.get(decodeURIComponent(url.pathname.slice("/files/".length)));
        if (!blob) return void response.writeHead(404).end();
        return void response.writeHead(200, { "content-type": blob.contentType, "cache-control": blob.cacheControl }).end(blob.bytes);
      }
      requests.push({ method: request.method ?? "", url: request.url ?? "" });
      if (request.headers.authorization !== `Bearer ${token}`) return failure(response, 403, "forbidden", "Access denied, please provide a valid token for this resource.");
      if (!API_VERSION.test(String(request.headers["x-api-version"] ?? ""))) return failure(response, 400, "bad_request", "Missing x-api-version.");

      if (request.method === "PUT" && url.pathname === "/") {
        const pathname = url.searchParams.get("pathname") ?? "";
        if (pathname === "" || pathname.includes("//")) return failure(response, 400, "bad_request", "Invalid pathname.");
        if (request.headers["x-add-random-suffix"] === "1") return failure(response, 400, "bad_request", "This stand-in stores exact pathnames only.");
        if (blobs.has(pathname) && request.headers["x-allow-overwrite"] !== "1") {
          return failure(response, 400, "bad_request", "This blob already exists, use `allowOverwrite: true` if you want to overwrite it.");
        }
        const maxAge = Number(request.headers["x-cache-control-max-age"] ?? 2_592_000);
        const blob: StoredBlob = {
          pathname,
          bytes: await body(request),
          contentType: String(request.headers["x-content-type"] ?? "application/octet-stream"),
          cacheControl: `public, max-age=${maxAge}`,
          uploadedAt: new Date(),
          headers: request.headers,
        };
        blobs.set(pathname, blob);
        return json(response, 200, describe(blob));
      }
      if (request.method === "GET" && url.pathname === "/" && url.searchParams.has("url")) {
        const target = url.searchParams.get("url") ?? "";
        const pathname = target.startsWith(`${origin}/files/`) ? target.slice(`${origin}/files/`.length) : target;
        const blob = blobs.get(pathname);
        if (!blob) return failure(response, 404, "not_found", "The requested blob does not exist");
        return json(response, 200, { ...describe(blob), size: blob.bytes.byteLength, uploadedAt: blob.uploadedAt.toISOString(), cacheControl: blob.cacheControl });
      }
      if (request.method === "POST" && url.pathname === "/delete") {
        const { urls } = JSON.parse((await body(request)).toString("utf8")) as { urls: string[] };
        for (const target of urls) blobs.delete(target.startsWith(`${origin}/files/`) ? target.slice(`${origin}/files/`.length) : target);
        return json(response, 200, {});
      }
      failure(response, 404, "not_found", "Not found");
    })().catch((error: unknown) => failure(response, 500, "unknown_error", String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: origin,
    token,
    blobs,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
