// Two-factor authentication as the server runs it: better-auth's twoFactor plugin called the way
// Marquee's actions call it (auth().api with the request's cookies), on PGlite and on
// PostgreSQL, with a cookie jar standing for the browser. The organisation's requirement runs
// through the real session functions and server actions, over that jar (next/headers stubbed
// to read it): a member without two-factor authentication is sent to set it up, from a page
// and from an action, and let in once it is on.
import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/lib/db/create-client";
import { BOTH_DATABASES, type FreshDatabase } from "@/tests/support/databases";
import { redirectOf } from "@/tests/support/actions";
import { CookieBrowser } from "@/tests/support/cookie-browser";

/** A browser: its cookies, and the address it calls from (the limits count per address). */
class Browser extends CookieBrowser {}

const stubs = vi.hoisted(() => ({ browser: null as { headers(): Headers } | null }));
vi.mock("next/headers", () => ({
  headers: async () => stubs.browser?.headers() ?? new Headers(),
  // What the session functions read: the browser's cookies (none chooses an organisation).
  cookies: async () => ({ get: () => undefined, toString: () => stubs.browser?.headers().get("cookie") ?? "" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { auth } = await import("@/lib/auth/auth");
const { requireOrganization, requireUser, TWO_FACTOR_SETUP_PATH } = await import("@/lib/auth/session");
const { recoveryCodesLeft, twoFactorRefusals } = await import("@/lib/auth/two-factor");
const { disableTwoFactor: disableTwoFactorAction, startTwoFactorSetup } = await import("@/lib/auth/two-factor-actions");
const { initialFormState } = await import("@/lib/forms/form-state");
const { setTwoFactorRequirementAction } = await import("@/lib/organizations/actions");
const { setTwoFactorRequirement, twoFactorRequirementMessages } = await import("@/lib/organizations/set-two-factor-requirement");
const { prisma } = await import("@/lib/db");

const PASSWORD = "violet-harbour-lantern-7";
const REDIS_VARIABLES = ["REDIS_URL", "REDIS_HOST", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_URL", "KV_REST_API_TOKEN"];
const globalForDb = globalThis as unknown as { marqueeDb?: DatabaseHandle };

let people = 0;
/** A new browser at an address of its own, so no test meets another's attempt limits. */
function newBrowser(): Browser {
  people += 1;
  return new Browser(`203.0.113.${people}`);
}

/** A new account (through better-auth's sign-up, as the form does), owner of a new organisation. */
async function newAccount(options: { organizationId?: string; role?: "OWNER" | "MEMBER" } = {}): Promise<{ id: string; email: string }> {
  const browser = newBrowser();
  const email = `person-${people}-${Date.now().toString(36)}@two-factor.test`;
  const { user } = await auth().api.signUpEmail({ body: { name: `Person ${people}`, email, password: PASSWORD }, headers: browser.headers() });
  if (options.organizationId) {
    await prisma.membership.create({ data: { organizationId: options.organizationId, userId: user.id, role: options.role ?? "MEMBER" } });
  } else {
    await prisma.organization.create({ data: { name: `Organisation ${people}`, kind: "ADVERTISER", memberships: { create: { userId: user.id, role: "OWNER" } } } });
  }
  return { id: user.id, email };
}

/** Signs in with the password: the library's answer, the browser keeps the cookies it set. */
async function signIn(browser: Browser, email: string): Promise<{ twoFactorRedirect?: boolean }> {
  const { headers, response } = await auth().api.signInEmail({ body: { email, password: PASSWORD }, headers: browser.headers(), returnHeaders: true });
  browser.take(headers);
  return response as { twoFactorRedirect?: boolean };
}

async function session(browser: Browser) {
  return auth().api.getSession({ headers: browser.headers() });
}

async function call<T>(browser: Browser, run: (headers: Headers) => Promise<{ headers: Headers; response: T }>): Promise<T> {
  const { headers, response } = await run(browser.headers());
  browser.take(headers);
  return response;
}

/** The code the app shows now, and one it does not show in any window the library accepts. */
function codes(totpURI: string): { now: () => string; wrong: () => string } {
  const secret = Secret.fromBase32(new URL(totpURI).searchParams.get("secret")!);
  const totp = new TOTP({ secret, algorithm: "SHA1", digits: 6, period: 30 });
  return {
    now: () => totp.generate(),
    wrong: () => {
      const accepted = new Set([-30_000, 0, 30_000].map((offset) => totp.generate({ timestamp: Date.now() + offset })));
      let code = 0;
      while (accepted.has(String(code).padStart(6, "0"))) code += 1;
      return String(code).padStart(6, "0");
    },
  };
}

/** The library's refusal code (INVALID_CODE, …) of a call that must fail. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => new Error("expected a refusal"),
    (thrown: unknown) => thrown,
  );
  const code = (error as { body?: { code?: string } }).body?.code;
  if (!code) throw error;
  return code;
}


/** A signed-in user with two-factor authentication on: its browser, the codes, the recovery codes. */
async function withTwoFactor(account: { email: string }) {
  const browser = newBrowser();
  await signIn(browser, account.email);
  const setup = await call(browser, (headers) => auth().api.enableTwoFactor({ body: { password: PASSWORD }, headers, returnHeaders: true }));
  if (setup.method !== "totp") throw new Error("expected a TOTP setup");
  const app = codes(setup.totpURI);
  await call(browser, (headers) => auth().api.verifyTOTP({ body: { code: app.now() }, headers, returnHeaders: true }));
  return { browser, app, recoveryCodes: setup.backupCodes };
}

async function twoFactorEnabled(userId: string): Promise<boolean> {
  return (await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { twoFactorEnabled: true } })).twoFactorEnabled;
}

const databases = BOTH_DATABASES;

describe.each(databases)("two-factor authentication on $name", ({ open }) => {
  let database: FreshDatabase;
  beforeAll(async () => {
    for (const name of REDIS_VARIABLES) vi.stubEnv(name, "");
    database = await open();
    // lib/db's client (behind better-auth and the actions) is this database's.
    globalForDb.marqueeDb = database;
  });
  afterAll(async () => {
    globalForDb.marqueeDb = undefined;
    await database?.close();
  });

  it("is on only once a code from the app proved the secret: until then a password signs in alone", async () => {
    const account = await newAccount();
    const browser = newBrowser();
    await signIn(browser, account.email);
    const setup = await call(browser, (headers) => auth().api.enableTwoFactor({ body: { password: PASSWORD }, headers, returnHeaders: true }));
    if (setup.method !== "totp") throw new Error("expected a TOTP setup");
    expect(setup.backupCodes).toHaveLength(10);
    expect(await twoFactorEnabled(account.id)).toBe(false);

    const stranger = newBrowser();
    expect((await signIn(stranger, account.email)).twoFactorRedirect).toBeUndefined();
    expect((await session(stranger))?.user.id).toBe(account.id);

    const app = codes(setup.totpURI);
    expect(await refusal(auth().api.verifyTOTP({ body: { code: app.wrong() }, headers: browser.headers() }))).toBe("INVALID_CODE");
    expect(await twoFactorEnabled(account.id)).toBe(false);

    await call(browser, (headers) => auth().api.verifyTOTP({ body: { code: app.now() }, headers, returnHeaders: true }));
    expect(await twoFactorEnabled(account.id)).toBe(true);
    expect(await recoveryCodesLeft(account.id)).toBe(10);
  });

  it("refuses to start without the right password", async () => {
    const account = await newAccount();
    const browser = newBrowser();
    await signIn(browser, account.email);
    expect(await refusal(auth().api.enableTwoFactor({ body: { password: "not-the-password-1" }, headers: browser.headers() }))).toBe("INVALID_PASSWORD");
    expect(await prisma.twoFactor.count({ where: { userId: account.id } })).toBe(0);
  });

  it("gives no session for the password alone: the second step holds the sign-in", async () => {
    const account = await newAccount();
    await withTwoFactor(account);
    const browser = newBrowser();
    expect(await signIn(browser, account.email)).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["totp"] });
    expect(await session(browser)).toBeNull();
    expect([...browser.cookies.keys()].some((name) => name.endsWith("session_token"))).toBe(false);
    expect([...browser.cookies.keys()].some((name) => name.endsWith("two_factor"))).toBe(true);
  });

  it("refuses a wrong code and signs in with the right one", async () => {
    const account = await newAccount();
    const { app } = await withTwoFactor(account);
    const browser = newBrowser();
    await signIn(browser, account.email);

    expect(await refusal(auth().api.verifyTOTP({ body: { code: app.wrong() }, headers: browser.headers() }))).toBe("INVALID_CODE");
    expect(await session(browser)).toBeNull();

    await call(browser, (headers) => auth().api.verifyTOTP({ body: { code: app.now() }, headers, returnHeaders: true }));
    expect((await session(browser))?.user).toMatchObject({ id: account.id, twoFactorEnabled: true });
  });

  it("refuses a code without a pending sign-in (no two-factor cookie)", async () => {
    const account = await newAccount();
    const { app } = await withTwoFactor(account);
    expect(await refusal(auth().api.verifyTOTP({ body: { code: app.now() }, headers: newBrowser().headers() }))).toBe("INVALID_TWO_FACTOR_COOKIE");
  });

  it("takes a recovery code once only", async () => {
    const account = await newAccount();
    const { recoveryCodes } = await withTwoFactor(account);
    const [code] = recoveryCodes;

    const first = newBrowser();
    await signIn(first, account.email);
    await call(first, (headers) => auth().api.verifyBackupCode({ body: { code: code! }, headers, returnHeaders: true }));
    expect((await session(first))?.user.id).toBe(account.id);
    expect(await recoveryCodesLeft(account.id)).toBe(9);

    const second = newBrowser();
    await signIn(second, account.email);
    expect(await refusal(auth().api.verifyBackupCode({ body: { code: code! }, headers: second.headers() }))).toBe("INVALID_BACKUP_CODE");
    expect(await session(second)).toBeNull();
    expect(await recoveryCodesLeft(account.id)).toBe(9);
  });

  it("makes new recovery codes after the password: the old ones stop working", async () => {
    const account = await newAccount();
    const { browser, recoveryCodes } = await withTwoFactor(account);
    expect(await refusal(auth().api.generateBackupCodes({ body: { password: "not-the-password-1" }, headers: browser.headers() }))).toBe("INVALID_PASSWORD");
    const { backupCodes } = await auth().api.generateBackupCodes({ body: { password: PASSWORD }, headers: browser.headers() });
    expect(backupCodes).toHaveLength(10);
    expect(backupCodes).not.toContain(recoveryCodes[0]);

    const next = newBrowser();
    await signIn(next, account.email);
    expect(await refusal(auth().api.verifyBackupCode({ body: { code: recoveryCodes[0]! }, headers: next.headers() }))).toBe("INVALID_BACKUP_CODE");
  });

  it("limits the password checks of turning it off like sign-in attempts: past 30 a minute from one address, refused before the password is checked", async () => {
    const account = await newAccount();
    const { browser } = await withTwoFactor(account);
    const statuses: string[] = [];
    for (let attempt = 0; attempt < 31; attempt += 1) {
      statuses.push(await refusal(auth().api.disableTwoFactor({ body: { password: "not-the-password-1" }, headers: browser.headers() })).catch((error: { statusCode?: number; message?: string }) => `${error.statusCode} ${error.message}`));
    }
    // The sign-in before this test already counted once for this address.
    expect(statuses.filter((status) => status === "INVALID_PASSWORD").length).toBeGreaterThanOrEqual(28);
    expect(statuses.at(-1)).toMatch(/^429 Too many attempts\. Try again in \d+ seconds\.$/);
    expect(await twoFactorEnabled(account.id)).toBe(true);
  });

  it("is turned off only with the password", async () => {
    const account = await newAccount();
    const { browser } = await withTwoFactor(account);
    expect(await refusal(auth().api.disableTwoFactor({ body: { password: "not-the-password-1" }, headers: browser.headers() }))).toBe("INVALID_PASSWORD");
    expect(await twoFactorEnabled(account.id)).toBe(true);

    await call(browser, (headers) => auth().api.disableTwoFactor({ body: { password: PASSWORD }, headers, returnHeaders: true }));
    expect(await twoFactorEnabled(account.id)).toBe(false);
    expect(await prisma.twoFactor.count({ where: { userId: account.id } })).toBe(0);
    expect((await signIn(newBrowser(), account.email)).twoFactorRedirect).toBeUndefined();
  });

  describe("an organisation that requires it", () => {
    it("cannot be turned on by an owner without it, and is recorded in the audit log when it is", async () => {
      const owner = await newAccount();
      const { organizationId } = await prisma.membership.findFirstOrThrow({ where: { userId: owner.id } });
      const actor = { organizationId, user: owner };
      await expect(setTwoFactorRequirement(actor, true, { prisma })).rejects.toMatchObject({ code: "conflict", message: twoFactorRequirementMessages.ownTwoFactorFirst });
      expect(await prisma.organization.findUniqueOrThrow({ where: { id: organizationId } })).toMatchObject({ requireTwoFactor: false });

      await withTwoFactor(owner);
      expect(await setTwoFactorRequirement(actor, true, { prisma })).toEqual({ changed: true });
      expect(await setTwoFactorRequirement(actor, true, { prisma })).toEqual({ changed: false });
      expect(await prisma.organization.findUniqueOrThrow({ where: { id: organizationId } })).toMatchObject({ requireTwoFactor: true });
      expect(await prisma.auditEvent.findMany({ where: { organizationId }, select: { action: true, actorId: true, targetId: true, detail: true } })).toEqual([
        { action: "organization.updated", actorId: owner.id, targetId: organizationId, detail: { changes: { requireTwoFactor: true } } },
      ]);
    });

    it("sends a member without it to set it up, from pages and actions, and lets them in once it is on", async () => {
      const owner = await newAccount();
      const { organizationId } = await prisma.membership.findFirstOrThrow({ where: { userId: owner.id } });
      await withTwoFactor(owner);
      await setTwoFactorRequirement({ organizationId, user: owner }, true, { prisma });

      const member = await newAccount({ organizationId, role: "MEMBER" });
      const browser = newBrowser();
      await signIn(browser, member.email);
      stubs.browser = browser;
      try {
        expect(await redirectOf(requireOrganization("any"))).toBe(TWO_FACTOR_SETUP_PATH);
        // An action is refused the same way before it reads its form.
        const form = new FormData();
        form.set("requireTwoFactor", "off");
        expect(await redirectOf(setTwoFactorRequirementAction(form))).toBe(TWO_FACTOR_SETUP_PATH);
        expect(await prisma.organization.findUniqueOrThrow({ where: { id: organizationId } })).toMatchObject({ requireTwoFactor: true });
        // The setup page itself asks only for a signed-in user.
        expect((await requireUser()).id).toBe(member.id);

        const setup = await call(browser, (headers) => auth().api.enableTwoFactor({ body: { password: PASSWORD }, headers, returnHeaders: true }));
        if (setup.method !== "totp") throw new Error("expected a TOTP setup");
        await call(browser, (headers) => auth().api.verifyTOTP({ body: { code: codes(setup.totpURI).now() }, headers, returnHeaders: true }));
        expect(await requireOrganization("any")).toMatchObject({ organization: { id: organizationId }, role: "MEMBER", user: { id: member.id } });

        // And while the organisation requires it, it stays on.
        const state = await disableTwoFactorAction(initialFormState, (() => {
          const data = new FormData();
          data.set("password", PASSWORD);
          return data;
        })());
        expect(state).toMatchObject({ status: "error", message: expect.stringContaining("requires two-factor authentication of every member") });
        expect(await twoFactorEnabled(member.id)).toBe(true);
      } finally {
        stubs.browser = null;
      }
    });

    it("refuses a member whose role may not change the setting", async () => {
      const owner = await newAccount();
      const { organizationId } = await prisma.membership.findFirstOrThrow({ where: { userId: owner.id } });
      const member = await newAccount({ organizationId, role: "MEMBER" });
      const browser = newBrowser();
      await signIn(browser, member.email);
      stubs.browser = browser;
      try {
        const form = new FormData();
        form.set("requireTwoFactor", "on");
        expect(await redirectOf(setTwoFactorRequirementAction(form))).toBe("/settings/organization?notice=owner-only-setting");
        expect(await prisma.organization.findUniqueOrThrow({ where: { id: organizationId } })).toMatchObject({ requireTwoFactor: false });
      } finally {
        stubs.browser = null;
      }
    });
  });

  it("tells the settings form a wrong password next to the field, and starts nothing", async () => {
    const account = await newAccount();
    const browser = newBrowser();
    await signIn(browser, account.email);
    stubs.browser = browser;
    try {
      const form = new FormData();
      form.set("password", "not-the-password-1");
      expect(await startTwoFactorSetup(initialFormState, form)).toEqual({ status: "error", message: twoFactorRefusals.password, errors: { password: [twoFactorRefusals.password] } });
      expect(await prisma.twoFactor.count({ where: { userId: account.id } })).toBe(0);
    } finally {
      stubs.browser = null;
    }
  });
});
