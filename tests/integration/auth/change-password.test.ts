// Changing one's password while signed in (Settings → Security), through the real server action
// and better-auth on PGlite, with two browsers (cookie jars; next/headers stubbed to read the
// acting one's): the current password is checked and a wrong one is said next to its field;
// the new one must be strong (with the person's own name in mind), typed twice and not the
// current one; a change signs out every other browser and mails the address; attempts count against the
// client's sign-in limit. The mail is kept in the outbox (SMTP_URL unset).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CookieBrowser as Browser } from "@/tests/support/cookie-browser";

vi.stubEnv("SMTP_URL", "");
for (const name of ["REDIS_URL", "REDIS_HOST", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "KV_REST_API_URL", "KV_REST_API_TOKEN"]) vi.stubEnv(name, "");

const stubs = vi.hoisted(() => ({ browser: null as { headers(): Headers; cookies: Map<string, string> } | null }));
vi.mock("next/headers", () => ({
  headers: async () => stubs.browser?.headers() ?? new Headers(),
  // What the session functions read. (better-auth's nextCookies plugin, which gives this browser its
  // new session in the app, loads next/headers itself, past this mock: tests/e2e/two-factor.spec.ts
  // shows the browser still signed in after a change.)
  cookies: async () => ({
    get: () => undefined,
    toString: () => stubs.browser?.headers().get("cookie") ?? "",
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { auth } = await import("@/lib/auth/auth");
const { enforceAccountRules, tooManyAttempts } = await import("@/lib/auth/account-rules");
const { changePassword } = await import("@/lib/auth/password-actions");
const { CORRECT_FIELDS_MESSAGE, initialFormState } = await import("@/lib/forms/form-state");
const { listOutbox } = await import("@/lib/mail/list-outbox");
const { accountMessages } = await import("@/lib/zod/schemas/auth");
const { formOf } = await import("@/tests/support/actions");
const { freshPglite } = await import("@/tests/support/databases");
type DatabaseHandle = import("@/lib/db/create-client").DatabaseHandle;

const PASSWORD = "violet-harbour-lantern-7";
const NEW_PASSWORD = "copper-meadow-orbit-93";
/** Every account's name: a password made of it is easy to guess for whoever knows the person. */
const NAME = "Quillon Zabriskie-Oduya";
const globalForDb = globalThis as unknown as { marqueeDb?: DatabaseHandle };

let database: Awaited<ReturnType<typeof freshPglite>>;
beforeAll(async () => {
  database = await freshPglite();
  // lib/db's client (behind better-auth and the action) is this database's.
  globalForDb.marqueeDb = database;
});
afterAll(async () => {
  globalForDb.marqueeDb = undefined;
  await database?.close();
});

let people = 0;
/** A new account (through better-auth's sign-up, as the form does), owner of a new organisation, and a browser signed in to it. */
async function signedInAccount(): Promise<{ id: string; email: string; browser: Browser }> {
  people += 1;
  const browser = new Browser(`203.0.113.${people}`);
  const email = `person-${people}-${Date.now().toString(36)}@change-password.test`;
  const { user } = await auth().api.signUpEmail({ body: { name: NAME, email, password: PASSWORD }, headers: browser.headers() });
  await database.prisma.organization.create({ data: { name: `Organisation ${people}`, kind: "ADVERTISER", memberships: { create: { userId: user.id, role: "OWNER" } } } });
  await signIn(browser, email, PASSWORD);
  return { id: user.id, email, browser };
}

async function signIn(browser: Browser, email: string, password: string): Promise<void> {
  const { headers } = await auth().api.signInEmail({ body: { email, password }, headers: browser.headers(), returnHeaders: true });
  browser.take(headers);
}

/** Whether the password signs the address in (a fresh browser at an address of its own). */
async function passwordWorks(email: string, password: string): Promise<boolean> {
  people += 1;
  return auth()
    .api.signInEmail({ body: { email, password }, headers: new Browser(`198.51.100.${people}`).headers() })
    .then(
      () => true,
      () => false,
    );
}

const sessionOf = (browser: Browser) => auth().api.getSession({ headers: browser.headers() });

/** The change-password form posted from `browser`. */
async function post(browser: Browser, fields: { currentPassword: string; newPassword: string; confirmPassword?: string }) {
  stubs.browser = browser;
  try {
    return await changePassword(initialFormState, formOf({ ...fields, confirmPassword: fields.confirmPassword ?? fields.newPassword }));
  } finally {
    stubs.browser = null;
  }
}

describe("changing one's password", () => {
  it("takes the current password and a new one; signs out every other browser and mails the address", async () => {
    const account = await signedInAccount();
    const other = new Browser("192.0.2.50");
    await signIn(other, account.email, PASSWORD);
    expect((await sessionOf(other))?.user.id).toBe(account.id);

    expect(await post(account.browser, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).toEqual({ status: "success", message: accountMessages.passwordChanged });
    expect(await passwordWorks(account.email, PASSWORD)).toBe(false);
    expect(await passwordWorks(account.email, NEW_PASSWORD)).toBe(true);
    expect(await sessionOf(other), "the other browser is signed out").toBeNull();

    const [mail] = (await listOutbox({ prisma: database.prisma })).filter((kept) => kept.to === account.email);
    expect(mail).toMatchObject({ subject: "Your Marquee password was changed" });
    expect(mail!.text).toContain("/forgot-password");
    expect(mail!.text).not.toContain(NEW_PASSWORD);
  });

  it("says a wrong current password next to its field, and changes nothing", async () => {
    const account = await signedInAccount();
    expect(await post(account.browser, { currentPassword: "not-the-password-1", newPassword: NEW_PASSWORD })).toEqual({
      status: "error",
      message: CORRECT_FIELDS_MESSAGE,
      errors: { currentPassword: [accountMessages.currentPasswordWrong] },
    });
    expect(await passwordWorks(account.email, PASSWORD)).toBe(true);
    expect((await sessionOf(account.browser))?.user.id).toBe(account.id);
    expect((await listOutbox({ prisma: database.prisma })).some((kept) => kept.to === account.email && kept.subject.includes("password was changed"))).toBe(false);
  });

  it.each([
    ["a weak new password", { newPassword: "password1234" }, "newPassword"],
    // Strong enough for a stranger (the library's own check passes it); not with the person's name.
    ["one made of the person's own name", { newPassword: "oduyazabriskie" }, "newPassword"],
    ["two different new passwords", { newPassword: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}!` }, "confirmPassword"],
    ["the current password again", { newPassword: PASSWORD }, "newPassword"],
    ["no current password", { currentPassword: "", newPassword: NEW_PASSWORD }, "currentPassword"],
  ])("refuses %s next to the field, sends no password back, and changes nothing", async (_name, fields, field) => {
    const account = await signedInAccount();
    const answer = await post(account.browser, { currentPassword: PASSWORD, ...fields });
    expect(answer.status).toBe("error");
    expect(Object.keys(answer.errors ?? {})).toEqual([field]);
    expect(answer.values).toBeUndefined();
    expect(JSON.stringify(answer)).not.toContain(PASSWORD);
    expect(await passwordWorks(account.email, PASSWORD)).toBe(true);
  });

  it("counts each attempt against the client's sign-in limit (30 a minute), whatever the form", async () => {
    const address = "192.0.2.77";
    const attempt = () => enforceAccountRules({ path: "/change-password", body: { currentPassword: "x", newPassword: NEW_PASSWORD }, headers: new Headers({ "x-forwarded-for": address }) });
    for (let i = 0; i < 30; i++) await attempt();
    await expect(attempt()).rejects.toMatchObject({ status: "TOO_MANY_REQUESTS", message: expect.stringMatching(/^Too many attempts\. Try again in \d+ seconds\.$/) });
    expect(tooManyAttempts(60)).toBe("Too many attempts. Try again in 60 seconds.");
  });
});
