import type { NextRequest } from "next/server";
import { impressionBeacon, impressionHead, impressionPreflight, queryToken } from "@/lib/tracking/tracking-routes";

// The impression beacon, /api/i?t=<offer token> (the URL /api/serve hands out).

export const dynamic = "force-dynamic";

const beacon = (request: NextRequest) => impressionBeacon(request, queryToken(request), "/api/i");

export const GET = beacon;
export const POST = beacon;
export const HEAD = impressionHead;
export const OPTIONS = impressionPreflight;
