import { impressionBeacon, impressionHead, impressionPreflight } from "@/lib/tracking/tracking-routes";

// The impression beacon's older URL, /api/i/<offer token>: offers served before /api/i?t=
// still carry it (lib/tracking/tracking-routes.ts).

export const dynamic = "force-dynamic";

const beacon = async (request: Request, { params }: { params: Promise<{ token: string }> }) => impressionBeacon(request, (await params).token, "/api/i/[token]");

export const GET = beacon;
export const POST = beacon;
export const HEAD = impressionHead;
export const OPTIONS = impressionPreflight;
