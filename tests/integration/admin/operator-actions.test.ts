// The operators' server actions as a browser's form post reaches them, on PGlite and PostgreSQL
// (better-auth's session and next/headers stubbed to say who is signed in): only an operator may
// grant or revoke — anyone else is sent away and nothing changes — and the refusals are told in
// the page's words.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/lib/db/create-client";
import { BOTH_DATABASES, type FreshDatabase } from "@/tests/support/databases";
import { formOf, redirectOf } from "@/tests/support/actions";

const browser = vi.hoisted(() => ({ user: null as null | { id: string; name: string; email: string; role: string } }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined, toString: () => "" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/auth/auth", () => ({
  auth: () => ({ api: { getSession: async () => (browser.user ? { user: { ...browser.user, emailVerified: true, twoFactorEnabled: false } } : null) } }),
}));

const { prisma } = await import("@/lib/db");
const { grantOperatorAction, revokeOperatorAction } = await import("@/lib/admin/actions");
const { initialFormState } = await import("@/lib/forms/form-state");
const { operatorMessages } = await import("@/lib/zod/schemas/operators");

const REDIS_VARIABLES = ["REDIS_URL", "REDIS_HOST", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_URL", "KV_REST_API_TOKEN"];
const globalForDb = globalThis as unknown as { marqueeDb?: DatabaseHandle };

/** A new account; signed in from now on when `signIn`. The session's role is the database's, as better-auth reads it. */
async function account(role: "user" | "admin", { signIn = false } = {}) {
  const id = randomUUID();
  const user = await prisma.user.create({ data: { id, name: `An ${role}`, email: `${id}@operator-actions.test`, role, emailVerified: true } });
  if (signIn) browser.user = { id, name: user.name, email: user.email, role };
  return user;
}

const operators = async () => (await prisma.user.findMany({ where: { role: "admin" }, select: { id: true }, orderBy: { id: "asc" } })).map((user) => user.id);

describe.each(BOTH_DATABASES)("operator actions on $name", ({ open }) => {
  let database: FreshDatabase;
  beforeAll(async () => {
    for (const name of REDIS_VARIABLES) vi.stubEnv(name, "");
    database = await open();
    globalForDb.marqueeDb = database;
  });
  afterAll(async () => {
    globalForDb.marqueeDb = undefined;
    vi.unstubAllEnvs();
    await database?.close();
  });
  beforeEach(async () => {
    browser.user = null;
    await prisma.user.updateMany({ where: { role: "admin" }, data: { role: "user" } });
  });

  it("lets an operator grant the role by e-mail, and tells a missing account next to the field", async () => {
    await account("admin", { signIn: true });
    const person = await account("user");
    expect(await redirectOf(grantOperatorAction(initialFormState, formOf({ email: person.email.toUpperCase() })))).toBe("/admin/operators?notice=operator-granted");
    expect(await operators()).toContain(person.id);
    expect(await grantOperatorAction(initialFormState, formOf({ email: "nobody@operator-actions.test" }))).toMatchObject({
      status: "error",
      errors: { email: [operatorMessages.accountNotFound] },
    });
  });

  it("sends a signed-in non-operator to the dashboard, granting and revoking nothing", async () => {
    const operator = await account("admin");
    const mallory = await account("user", { signIn: true });
    const before = await operators();
    expect(await redirectOf(grantOperatorAction(initialFormState, formOf({ email: mallory.email })))).toBe("/dashboard");
    expect(await redirectOf(revokeOperatorAction(formOf({ userId: operator.id })))).toBe("/dashboard");
    expect(await operators()).toEqual(before);
  });

  it("sends a visitor who is not signed in to sign in", async () => {
    const person = await account("user");
    expect(await redirectOf(grantOperatorAction(initialFormState, formOf({ email: person.email })))).toBe("/sign-in");
    expect(await operators()).toEqual([]);
  });

  it("revokes another operator, and refuses the last one with its notice", async () => {
    const me = await account("admin", { signIn: true });
    const other = await account("admin");
    expect(await redirectOf(revokeOperatorAction(formOf({ userId: other.id })))).toBe("/admin/operators?notice=operator-revoked");
    expect(await redirectOf(revokeOperatorAction(formOf({ userId: me.id })))).toBe("/admin/operators?notice=last-operator");
    expect(await redirectOf(revokeOperatorAction(formOf({ userId: other.id })))).toBe("/admin/operators?notice=operator-not-found");
    expect(await operators()).toEqual([me.id]);
  });

  it("sends an operator who stepped down to the dashboard", async () => {
    const me = await account("admin", { signIn: true });
    await account("admin");
    expect(await redirectOf(revokeOperatorAction(formOf({ userId: me.id })))).toBe("/dashboard");
    expect(await operators()).not.toContain(me.id);
  });
});
