// A production install as a self-hoster makes it: an EMPTY PostgreSQL, prepared as `npm start`
// prepares it (scripts/db/prepare.ts, no MARQUEE_DEMO) and served by scripts/server.mjs in
// production mode. No demo account exists; the log names the setup link; the link makes one
// operator, who opens /admin and grants and revokes the role there; then the link is dead.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { freePort, startPostgres, waitFor, type PostgresServer } from "@/tests/support/services";
import { signInThroughForm, signUpThroughForm } from "./support/accounts";
import { checkQuery } from "./support/database";
import { demoAccounts } from "./support/sign-in";
import { startAppInstance, stopAppInstance, type Instance } from "./support/instances";

test.describe.configure({ mode: "serial" });

const SECRET = randomBytes(32).toString("hex");
const OPERATOR = { name: "Olga Operator", email: `olga-${Date.now().toString(36)}@example.com`, password: "granite harbor lantern 61" };
let postgres: PostgresServer;
let databaseUrl: string;
let database: pg.Pool;
let instance: Instance;
let prepareOutput: string;

/** A tsx script of the repository run as a self-hoster runs it, with exactly this database and secret (no MARQUEE_DEMO). */
function runScript(script: string, env: Record<string, string> = {}) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, MARQUEE_SECRET: SECRET, NODE_ENV: "production", ...env };
  delete childEnv.MARQUEE_DEMO;
  const result = spawnSync(path.join(process.cwd(), "node_modules", ".bin", "tsx"), [script], { cwd: process.cwd(), env: childEnv, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${script} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  postgres = await startPostgres();
  databaseUrl = await postgres.createDatabase("marquee_first_operator");
  prepareOutput = runScript("scripts/db/prepare.ts");
  database = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // An idle connection that Postgres closes must not crash the worker (as the fuzz spec's): the
  // pool replaces it, and checkQuery retries a query it interrupted. Seen with one core busy (57P01).
  database.on("error", () => {});
  const port = await freePort();
  instance = await startAppInstance("the self-hosted instance", { DATABASE_URL: databaseUrl, MARQUEE_SECRET: SECRET }, { keepAllOutput: true, port });
});

test.afterAll(async () => {
  if (instance) await stopAppInstance(instance);
  await database?.end();
  await postgres?.stop();
});

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: instance.url, storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

const count = async (sql: string) => Number((await checkQuery(database, sql, [])).rows[0]!.count);

/** The setup link the server logged, and its path on the instance (the log names localhost, the browser uses 127.0.0.1). */
async function loggedSetupLink(): Promise<{ link: string; path: string }> {
  const link = await waitFor(() => instance.output().match(/http:\/\/localhost:\d+\/setup\?token=[A-Za-z0-9_-]{43}/)?.[0], {
    timeout: 30_000,
    interval: 100,
    description: "the setup link in the server's log",
  });
  const url = new URL(link);
  return { link, path: `${url.pathname}${url.search}` };
}

test("no demo data and no known password on a production Postgres", async ({ browser }) => {
  expect(prepareOutput).not.toMatch(/marquee\.local|marquee-admin|marquee-advertiser|marquee-publisher/);
  expect(prepareOutput).toContain("No demo data");
  expect(await count(`SELECT count(*) FROM "user"`)).toBe(0);
  expect(await count(`SELECT count(*) FROM "organization"`)).toBe(0);

  const page = await newPage(browser);
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(demoAccounts.admin.email);
  await page.getByLabel("Password").fill(demoAccounts.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The e-mail address or the password is not right." })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
  // Signed out: to sign in, then back to the page asked for.
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin$/);
});

test("the log names the setup link on this server, and `npm run setup-link` prints the same", async () => {
  const { link } = await loggedSetupLink();
  expect(link.startsWith(`http://localhost:${instance.port}/setup?token=`)).toBe(true);
  expect(runScript("scripts/setup-link.ts", { PORT: String(instance.port) })).toContain(link);
});

test("the setup link creates an operator who opens /admin, grants and revokes the role; then the link is dead", async ({ browser }) => {
  test.setTimeout(150_000);
  const { path: setupPath } = await loggedSetupLink();
  const page = await newPage(browser);
  await page.goto(setupPath);
  await expect(page.getByRole("heading", { name: "Create the first operator account" })).toBeVisible();
  await page.getByLabel("Your name").fill(OPERATOR.name);
  await page.getByLabel("E-mail").fill(OPERATOR.email);
  await page.getByLabel("Password").fill(OPERATOR.password);
  await page.getByRole("button", { name: "Create the operator account" }).click();
  await expect(page).toHaveURL(/\/sign-in\?notice=operator-set-up$/);
  await expect(page.getByRole("status").filter({ hasText: "Your operator account is ready" })).toBeVisible();

  await signInThroughForm(page, OPERATOR.email, OPERATOR.password);
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Accounts" })).toBeVisible();
  await page.getByRole("link", { name: "Operators" }).click();
  await expect(page).toHaveURL(/\/admin\/operators$/);
  await expect(page.getByRole("table", { name: "Operators" })).toContainText(OPERATOR.email);
  await expect(page.getByRole("table", { name: "Operators" })).toContainText("The last operator");

  // The link is dead: a 404 that says why, for anyone, signed in or not.
  const again = await newPage(browser);
  const response = await again.goto(setupPath);
  expect(response?.status()).toBe(404);
  await expect(again.getByRole("heading", { name: "This setup link does not work" })).toBeVisible();
  expect(runScript("scripts/setup-link.ts")).toContain("An operator account exists: the setup link no longer works.");

  // Another person signs up; the operator makes them one, then takes the role back.
  const colleague = { name: "Cem Colleague", email: `cem-${Date.now().toString(36)}@example.com`, password: "quartz meadow beacon 83" };
  await signUpThroughForm(await newPage(browser), { kind: "Advertise", organizationName: "Cem Outfitters", ...colleague });
  await page.getByLabel("E-mail of the account").fill(colleague.email);
  await page.getByRole("button", { name: "Make operator" }).click();
  await expect(page).toHaveURL(/\/admin\/operators\?notice=operator-granted$/);
  await expect(page.getByRole("table", { name: "Operators" })).toContainText(colleague.email);
  await page.getByRole("button", { name: `Revoke operator: ${colleague.name}` }).click();
  await expect(page).toHaveURL(/\/admin\/operators\?notice=operator-revoked$/);
  await expect(page.getByRole("table", { name: "Operators" })).not.toContainText(colleague.email);

  expect((await checkQuery(database, `SELECT "action" FROM "audit_event" WHERE "targetType" = 'operator' ORDER BY "createdAt"`, [])).rows.map((row) => row.action)).toEqual([
    "operator.set_up",
    "operator.granted",
    "operator.revoked",
  ]);
  expect(await count(`SELECT count(*) FROM "user" WHERE "role" = 'admin'`)).toBe(1);
});
