import { prisma } from "@/lib/db";
import { checkHealth } from "@/lib/health/check-health";
import { cacheState } from "@/lib/redis";

export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkHealth({ prisma, cacheState });
  return Response.json(report, {
    status: report.database === "down" ? 503 : 200,
    headers: { "Cache-Control": "no-store" },
  });
}
