import { assetResponse } from "@/lib/assets/asset-response";
import { readDeps } from "@/lib/cache/deps";

// Uploaded creative images, by content hash (lib/assets): cached for a year, never changed.

export const dynamic = "force-dynamic";

async function asset(request: Request, { params }: { params: Promise<{ name: string }> }): Promise<Response> {
  const { name } = await params;
  return assetResponse(name, request.headers, readDeps());
}

export const GET = asset;
export const HEAD = asset;
