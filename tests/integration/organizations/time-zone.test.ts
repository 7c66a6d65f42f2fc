// An organisation's time zone, on PGlite and PostgreSQL, through the real sign-up and settings
// actions (better-auth and the session over the database; next/headers stubbed to say who is
// signed in): sign-up stores the zone the browser reported (an unknown or missing one is UTC);
// changing it in the settings is audited with the zone it was in, drops the cached active set
// (serving reads the zone), and a zone the runtime does not know is refused under the field.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.stubEnv("SMTP_URL", "");
for (const name of ["REDIS_URL", "REDIS_HOST", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_URL", "KV_REST_API_TOKEN"]) vi.stubEnv(name, "");

import type { DatabaseHandle } from "@/lib/db/create-client";
import type { DomainDeps } from "@/lib/db/deps";
import { seedDemoData } from "@/prisma/seed";
import { formOf, redirectOf } from "@/tests/support/actions";
import { BOTH_DATABASES, type FreshDatabase } from "@/tests/support/databases";

const browser = vi.hoisted(() => ({ user: null as null | { id: string; name: string; email: string }, address: 0 }));
vi.mock("next/headers", () => ({
  // A new address per request: the sign-up limits count per address.
  headers: async () => new Headers({ "x-forwarded-for": `203.0.113.${(browser.address += 1) % 250}` }),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/auth/auth", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/auth")>();
  return {
    ...original,
    // The real better-auth for signing up; the session is whoever the test signed in.
    auth: () => {
      const real = original.auth();
      return {
        ...real,
        api: {
          ...real.api,
          getSession: async () => (browser.user ? { user: { ...browser.user, role: "user", emailVerified: true, twoFactorEnabled: false } } : null),
        },
      };
    },
  };
});

const { signUp } = await import("@/lib/auth/actions");
const { CHECK_EMAIL_PATH } = await import("@/lib/auth/account-paths");
const { initialFormState } = await import("@/lib/forms/form-state");
const { setTimeZoneAction } = await import("@/lib/organizations/actions");
const { setTimeZone, timeZoneMessages } = await import("@/lib/organizations/set-time-zone");
const { organizationMessages } = await import("@/lib/zod/schemas/organizations");

const globalForDb = globalThis as unknown as { marqueeDb?: DatabaseHandle };

describe.each(BOTH_DATABASES)("an organisation's time zone on $name", ({ open }) => {
  let database: FreshDatabase;
  let invalidations = 0;
  let deps: DomainDeps;

  beforeAll(async () => {
    database = await open();
    globalForDb.marqueeDb = database;
    await seedDemoData(database.prisma);
    deps = { prisma: database.prisma, invalidate: async () => void (invalidations += 1) };
  });
  afterAll(async () => {
    globalForDb.marqueeDb = undefined;
    await database?.close();
  });
  beforeEach(() => {
    browser.user = null;
    invalidations = 0;
  });

  /** Signs up through the form's action with the given hidden timeZone field; the new organisation's zone. */
  async function signUpWith(timeZone: string | undefined): Promise<string> {
    const email = `zone-${randomUUID().slice(0, 8)}@example.test`;
    const fields: Record<string, string> = { kind: "PUBLISHER", organizationName: `Zone ${email}`, name: "Zoe Zone", email, password: "violet anchor prairie 47" };
    if (timeZone !== undefined) fields.timeZone = timeZone;
    expect(await redirectOf(signUp(initialFormState, formOf(fields)))).toBe(CHECK_EMAIL_PATH);
    const organization = await database.prisma.organization.findFirstOrThrow({ where: { name: `Zone ${email}` }, select: { timeZone: true } });
    return organization.timeZone;
  }

  /** A new organisation and its owner (or admin), signed in. */
  async function signedInMember(role: "OWNER" | "ADMIN", timeZone = "UTC") {
    const organizationId = randomUUID();
    const userId = randomUUID();
    await database.prisma.organization.create({ data: { id: organizationId, name: `Org ${organizationId.slice(0, 8)}`, kind: "ADVERTISER", timeZone } });
    await database.prisma.user.create({ data: { id: userId, name: "Zed", email: `${userId}@example.test`, emailVerified: true } });
    await database.prisma.membership.create({ data: { organizationId, userId, role } });
    browser.user = { id: userId, name: "Zed", email: `${userId}@example.test` };
    return { organizationId, user: { id: userId, email: `${userId}@example.test` } };
  }

  describe("sign-up", () => {
    it("stores the zone the browser reported on the new organisation", async () => {
      expect(await signUpWith("America/New_York")).toBe("America/New_York");
    });

    it("stores UTC for a zone the runtime does not know, rather than refusing a field the person never typed", async () => {
      expect(await signUpWith("Mars/Olympus_Mons")).toBe("UTC");
    });

    it("stores UTC when the browser sent none (no script)", async () => {
      expect(await signUpWith(undefined)).toBe("UTC");
      expect(await signUpWith("")).toBe("UTC");
    });
  });

  describe("the settings", () => {
    it("an admin's change is stored, audited with the zone it was in, and drops the cached active set", async () => {
      const { organizationId, user } = await signedInMember("ADMIN");
      expect(await redirectOf(setTimeZoneAction(initialFormState, formOf({ timeZone: "Europe/Berlin" })))).toBe("/settings/organization?notice=time-zone-changed");
      expect(await database.prisma.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { timeZone: true } })).toEqual({ timeZone: "Europe/Berlin" });
      const events = await database.prisma.auditEvent.findMany({ where: { organizationId } });
      expect(events.map(({ action, actorId, channel, targetType, targetId, detail }) => ({ action, actorId, channel, targetType, targetId, detail }))).toEqual([
        { action: "organization.updated", actorId: user.id, channel: "DASHBOARD", targetType: "organization", targetId: organizationId, detail: { changes: { timeZone: "Europe/Berlin" }, from: "UTC" } },
      ]);
    });

    it("drops the cached active set once per change, and choosing the current zone changes and records nothing", async () => {
      const { organizationId, user } = await signedInMember("OWNER", "Asia/Tokyo");
      expect(await setTimeZone({ organizationId, user }, "America/New_York", deps)).toEqual({ changed: true });
      expect(invalidations).toBe(1);
      expect(await setTimeZone({ organizationId, user }, "America/New_York", deps)).toEqual({ changed: false });
      expect(invalidations).toBe(1);
      expect(await database.prisma.auditEvent.count({ where: { organizationId } })).toBe(1);
    });

    it("refuses a zone the runtime does not know under the field, keeping what was typed, and changes nothing", async () => {
      const { organizationId } = await signedInMember("OWNER", "Europe/Paris");
      expect(await setTimeZoneAction(initialFormState, formOf({ timeZone: "Europe/Atlantis" }))).toMatchObject({
        status: "error",
        errors: { timeZone: [organizationMessages.timeZone] },
        values: { timeZone: "Europe/Atlantis" },
      });
      expect(await database.prisma.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { timeZone: true } })).toEqual({ timeZone: "Europe/Paris" });
      expect(await database.prisma.auditEvent.count({ where: { organizationId } })).toBe(0);
    });

    it("says an organisation that does not exist was not found", async () => {
      await expect(setTimeZone({ organizationId: "no-such-organisation", user: { id: "u", email: "u@example.test" } }, "UTC", deps)).rejects.toMatchObject({
        code: "not_found",
        message: timeZoneMessages.notFound,
      });
      expect(invalidations).toBe(0);
    });
  });
});
