// The audit log is append-only in the database itself (the trigger of the accounts
// migration): no UPDATE, DELETE or TRUNCATE goes through, whoever asks — on PGlite and on
// PostgreSQL alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { freshPglite, freshPostgres, type FreshDatabase } from "@/tests/support/databases";

describe.each([
  ["PGlite", freshPglite],
  ["PostgreSQL", freshPostgres],
] as const)("audit_event on %s", (_name, fresh) => {
  let database: FreshDatabase;
  beforeAll(async () => {
    database = await fresh();
    await recordAuditEvent(database.prisma, {
      organizationId: "org-1",
      actor: { channel: "DASHBOARD", userId: "user-1", email: "owner@example.test" },
      action: "campaign.paused",
      target: { id: "campaign-1", name: "Spring" },
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  const stored = () => database.prisma.auditEvent.findMany();

  it("stores the event with its actor, channel and record", async () => {
    expect(await stored()).toEqual([
      expect.objectContaining({ organizationId: "org-1", actorId: "user-1", actorEmail: "owner@example.test", channel: "DASHBOARD", apiKeyId: null, action: "campaign.paused", targetType: "campaign", targetId: "campaign-1", targetName: "Spring", detail: null }),
    ]);
  });

  it("refuses UPDATE, DELETE and TRUNCATE, and the event stays as it was", async () => {
    const before = await stored();
    await expect(database.prisma.auditEvent.updateMany({ data: { targetName: "Rewritten" } })).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(database.prisma.auditEvent.deleteMany({})).rejects.toThrow(/append-only: DELETE refused/);
    await expect(database.prisma.$executeRawUnsafe('UPDATE "audit_event" SET "actorEmail" = NULL')).rejects.toThrow(/append-only/);
    await expect(database.prisma.$executeRawUnsafe('TRUNCATE "audit_event"')).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect(await stored()).toEqual(before);
  });
});
