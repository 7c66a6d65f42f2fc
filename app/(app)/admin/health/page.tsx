import type { Metadata } from "next";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, StatCard } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getSystemHealth } from "@/lib/admin/get-system-health";
import { requireAdmin } from "@/lib/auth/session";
import { activeCampaigns } from "@/lib/cache";
import { prisma } from "@/lib/db";
import type { ComponentState } from "@/lib/health/check-health";
import { cacheState, storeHandle } from "@/lib/redis";

export const metadata: Metadata = { title: "System health" };

const tone: Record<ComponentState, BadgeTone> = { ok: "green", down: "red", disabled: "gray" };
const storeLabel = { upstash: "Upstash Redis (REST)", redis: "Redis (TCP)", memory: "In-process store (no Redis configured)" } as const;

function ComponentCard({ id, title, state, detail }: { id: string; title: string; state: ComponentState; detail: string }) {
  return (
    <Card className="flex flex-col gap-2">
      <div className="flex items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="font-semibold text-slate-900">
          {title}
        </h2>
        <span data-testid={`${id}-state`}>
          <Badge tone={tone[state]}>{state}</Badge>
        </span>
      </div>
      <p className="text-sm text-slate-600">{detail}</p>
    </Card>
  );
}

export default async function HealthPage() {
  await requireAdmin();
  const health = await getSystemHealth({
    prisma,
    cacheState,
    storeKind: storeHandle().store.kind,
    cacheStats: () => activeCampaigns().stats(),
  });
  const { localHits, redisHits, databaseLoads, hitRate } = health.cacheStats;

  return (
    <>
      <PageHeader title="System health" description={`Checked ${health.checkedAt.toISOString().replace("T", " ").slice(0, 19)} UTC by the instance that served this page.`} />
      <div className="flex flex-col gap-6">
        <div className="grid gap-4 md:grid-cols-2">
          <ComponentCard
            id="database"
            title="Database"
            state={health.database}
            detail={health.database === "ok" ? "Answers queries: serving, tracking and this dashboard work." : "Does not answer: tracking is refused and the dashboard cannot load data."}
          />
          <ComponentCard
            id="cache"
            title="Cache"
            state={health.cache}
            detail={`${storeLabel[health.storeKind]}. ${
              health.cache === "ok"
                ? "Reachable."
                : health.cache === "down"
                  ? "Unreachable: serving falls back to the database, counting stays exact."
                  : "Each instance caches the active campaigns in its own memory."
            }`}
          />
        </div>
        <section aria-labelledby="hit-rate-heading" className="flex flex-col gap-3">
          <h2 id="hit-rate-heading" className="text-sm font-semibold text-slate-700">
            Active campaign cache on this instance, since it started
          </h2>
          <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            <StatCard label="Hit rate" value={hitRate === null ? "—" : `${(hitRate * 100).toFixed(1)} %`} detail="Reads answered without the database" />
            <StatCard label="In-process hits" value={String(localHits)} />
            <StatCard label="Redis hits" value={String(redisHits)} />
            <StatCard label="Database loads" value={String(databaseLoads)} />
          </div>
        </section>
      </div>
    </>
  );
}
