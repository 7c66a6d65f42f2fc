// Who is an operator, on PGlite and PostgreSQL, through the domain functions and better-auth's
// own sign-up: the setup link makes the first operator once (also when two use it at once),
// operators grant and revoke the role, never the last one, and every change is in the audit log.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Before anything reads the environment (lib/config/env.ts parses it once per process).
vi.stubEnv("SMTP_URL", "");
for (const name of ["REDIS_URL", "REDIS_HOST", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_URL", "KV_REST_API_TOKEN", "MARQUEE_PUBLIC_URL"]) vi.stubEnv(name, "");

import { grantOperator } from "@/lib/admin/grant-operator";
import { listOperators } from "@/lib/admin/list-operators";
import { operatorSetupToken } from "@/lib/admin/operator-setup-link";
import { revokeOperator } from "@/lib/admin/revoke-operator";
import { assertSetupOpen, createFirstOperator, setUpFirstOperator } from "@/lib/admin/set-up-first-operator";
import type { DatabaseHandle } from "@/lib/db/create-client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { operatorSetupAnnouncement } from "@/lib/startup/announce-operator-setup";
import { operatorMessages } from "@/lib/zod/schemas/operators";
import { BOTH_DATABASES, type FreshDatabase } from "@/tests/support/databases";

const globalForDb = globalThis as unknown as { marqueeDb?: DatabaseHandle };
const SECRET = randomBytes(32).toString("hex");
const TOKEN = operatorSetupToken(SECRET);
const STRONG = "violet anchor prairie 47";

/** A fresh client address per sign-up: the account rules limit sign-ups per address. */
let client = 0;
const from = () => new Headers({ "x-forwarded-for": `198.51.100.${(client += 1) % 250}` });
const unique = (label: string) => `${label}-${randomBytes(4).toString("hex")}@operators.test`;

describe.each(BOTH_DATABASES)("operators on $name", ({ open }) => {
  let database: FreshDatabase;
  let prisma: PrismaClient;
  const deps = () => ({ prisma, secret: SECRET });

  beforeAll(async () => {
    // An empty database, as a production install has it: no demo data, no operator.
    database = await open();
    prisma = database.prisma;
    // The process's client (lib/db) is this database: better-auth's sign-up writes to it.
    globalForDb.marqueeDb = database;
  });
  afterAll(async () => {
    globalForDb.marqueeDb = undefined;
    await database?.close();
  });

  const plainUser = async (label: string) =>
    prisma.user.create({ data: { id: `${label}-${randomBytes(4).toString("hex")}`, name: `User ${label}`, email: unique(label) }, select: { id: true, email: true } });
  const operatorIds = async () => (await listOperators({ prisma })).map((operator) => operator.id).sort();
  const auditOf = (targetId: string) => prisma.auditEvent.findMany({ where: { targetId }, orderBy: { createdAt: "asc" } });

  describe("the setup link", () => {
    it("is announced while no operator exists, and refuses a wrong token without creating an account", async () => {
      expect(await operatorSetupAnnouncement({ MARQUEE_PUBLIC_URL: "https://ads.example.test", MARQUEE_SECRET: SECRET }, undefined, { prisma })).toContain(
        `  https://ads.example.test/setup?token=${TOKEN}`,
      );
      const users = await prisma.user.count();
      const wrong = operatorSetupToken(randomBytes(32).toString("hex"));
      await expect(createFirstOperator({ name: "Mallory", email: unique("mallory"), password: STRONG }, wrong, from(), deps())).rejects.toMatchObject({
        code: "not_found",
        message: operatorMessages.setupLinkInvalid,
      });
      expect(await prisma.user.count()).toBe(users);
    });

    it("makes exactly one first operator when two people use the link at the same moment", async () => {
      const [first, second] = await Promise.all([plainUser("racer-a"), plainUser("racer-b")]);
      const outcomes = await Promise.allSettled([setUpFirstOperator(TOKEN, first.id, deps()), setUpFirstOperator(TOKEN, second.id, deps())]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(outcomes.find((outcome) => outcome.status === "rejected")).toMatchObject({ reason: { code: "gone", message: operatorMessages.setupDone } });
      const operators = await operatorIds();
      expect(operators).toHaveLength(1);
      expect([first.id, second.id]).toContain(operators[0]);
      // Back to no operator for the tests below (the role is all that made the winner one).
      await prisma.user.updateMany({ where: { id: { in: [first.id, second.id] } }, data: { role: "user" } });
    });

    it("takes back the loser's account when two whole setups race: one operator, one new account", async () => {
      const [a, b] = [unique("first-a"), unique("first-b")];
      const outcomes = await Promise.allSettled([
        createFirstOperator({ name: "Ann First", email: a, password: STRONG }, TOKEN, from(), deps()),
        createFirstOperator({ name: "Ben First", email: b, password: STRONG }, TOKEN, from(), deps()),
      ]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(await prisma.user.count({ where: { email: { in: [a, b] } } })).toBe(1);
      const winner = await prisma.user.findFirstOrThrow({ where: { email: { in: [a, b] } } });
      expect(winner).toMatchObject({ role: "admin", emailVerified: true });
      // For the next test: the winner steps back, and leaves no operator.
      await prisma.user.delete({ where: { id: winner.id } });
    }, 120_000);

    it("creates the first operator through better-auth's sign-up, confirmed and recorded, and then no longer works", async () => {
      const email = unique("otto");
      const { userId } = await createFirstOperator({ name: "Otto First", email, password: STRONG }, TOKEN, from(), deps());
      const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, include: { accounts: true } });
      expect(user).toMatchObject({ email, role: "admin", emailVerified: true });
      expect(user.accounts.map((account) => account.providerId)).toEqual(["credential"]);
      expect(user.accounts[0]!.password).not.toContain(STRONG);
      expect(await auditOf(userId)).toMatchObject([
        { action: "operator.set_up", organizationId: null, actorId: userId, actorEmail: email, channel: "DASHBOARD", targetType: "operator", targetName: `Otto First <${email}>` },
      ]);

      expect(await operatorSetupAnnouncement({ MARQUEE_PUBLIC_URL: undefined, MARQUEE_SECRET: SECRET }, undefined, { prisma })).toEqual([]);
      await expect(assertSetupOpen(TOKEN, deps())).rejects.toMatchObject({ code: "gone", message: operatorMessages.setupDone });
      const users = await prisma.user.count();
      const late = unique("late");
      await expect(createFirstOperator({ name: "Late Comer", email: late, password: STRONG }, TOKEN, from(), deps())).rejects.toMatchObject({ code: "gone" });
      await expect(setUpFirstOperator(TOKEN, (await plainUser("sneaky")).id, deps())).rejects.toMatchObject({ code: "gone" });
      expect(await prisma.user.count({ where: { email: late } })).toBe(0);
      expect(await prisma.user.count()).toBe(users + 1);
      expect(await operatorIds()).toEqual([userId]);
    }, 120_000);
  });

  describe("granting and revoking", () => {
    let otto: string;
    beforeAll(async () => {
      otto = (await operatorIds())[0]!;
    });

    it("grants the role by e-mail of an existing account, in the audit log", async () => {
      const pat = await plainUser("pat");
      await grantOperator(otto, pat.email, { prisma });
      expect(await operatorIds()).toContain(pat.id);
      expect(await auditOf(pat.id)).toMatchObject([{ action: "operator.granted", organizationId: null, actorId: otto, targetType: "operator" }]);
      await revokeOperator(otto, pat.id, { prisma });
    });

    it("refuses an address without an account, and an account that is an operator already", async () => {
      await expect(grantOperator(otto, unique("nobody"), { prisma })).rejects.toMatchObject({ code: "not_found", message: operatorMessages.accountNotFound });
      const ottoEmail = (await prisma.user.findUniqueOrThrow({ where: { id: otto } })).email;
      await expect(grantOperator(otto, ottoEmail, { prisma })).rejects.toMatchObject({ code: "conflict", message: operatorMessages.alreadyOperator });
    });

    it("refuses a caller who is not an operator, changing nothing", async () => {
      const [mallory, victim] = await Promise.all([plainUser("mallory"), plainUser("victim")]);
      const before = await operatorIds();
      await expect(grantOperator(mallory.id, mallory.email, { prisma })).rejects.toMatchObject({ code: "forbidden", message: operatorMessages.notOperator });
      await expect(grantOperator(mallory.id, victim.email, { prisma })).rejects.toMatchObject({ code: "forbidden" });
      await expect(revokeOperator(mallory.id, otto, { prisma })).rejects.toMatchObject({ code: "forbidden" });
      expect(await operatorIds()).toEqual(before);
      expect(await prisma.auditEvent.count({ where: { actorId: mallory.id } })).toBe(0);
    });

    it("revokes another operator's role, in the audit log; the account stays", async () => {
      const pat = await plainUser("pat2");
      await grantOperator(otto, pat.email, { prisma });
      expect(await revokeOperator(otto, pat.id, { prisma })).toEqual({ self: false });
      expect(await operatorIds()).toEqual([otto]);
      expect(await prisma.user.findUniqueOrThrow({ where: { id: pat.id } })).toMatchObject({ role: "user" });
      expect((await auditOf(pat.id)).map((event) => [event.action, event.actorId])).toEqual([
        ["operator.granted", otto],
        ["operator.revoked", otto],
      ]);
    });

    it("never revokes the last operator, not even one's own role", async () => {
      await expect(revokeOperator(otto, otto, { prisma })).rejects.toMatchObject({ code: "conflict", message: operatorMessages.lastOperator });
      expect(await operatorIds()).toEqual([otto]);
    });

    it("lets an operator step down while another remains", async () => {
      const pat = await plainUser("pat3");
      await grantOperator(otto, pat.email, { prisma });
      expect(await revokeOperator(pat.id, pat.id, { prisma })).toEqual({ self: true });
      expect(await operatorIds()).toEqual([otto]);
    });

    it("leaves one operator when two revoke each other at the same moment", async () => {
      const pat = await plainUser("pat4");
      await grantOperator(otto, pat.email, { prisma });
      const outcomes = await Promise.allSettled([revokeOperator(otto, pat.id, { prisma }), revokeOperator(pat.id, otto, { prisma })]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
      const remaining = await operatorIds();
      expect(remaining).toHaveLength(1);
      if (remaining[0] !== otto) await grantOperator(pat.id, (await prisma.user.findUniqueOrThrow({ where: { id: otto } })).email, { prisma });
    });
  });
});
