import { expect, type Page } from "@playwright/test";

export interface NewAccount {
  kind: "Advertise" | "Publish";
  organizationName: string;
  name: string;
  email: string;
  password: string;
}

/** Signs up through the form; the answer is "check your inbox", with no session. */
export async function signUpThroughForm(page: Page, account: NewAccount): Promise<void> {
  await page.goto("/sign-up");
  await page.getByRole("radio", { name: new RegExp(account.kind) }).check();
  await page.getByLabel("Company or site name").fill(account.organizationName);
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/check-email$/);
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
}

/** Signs in through the form (an unverified account may: it only cannot serve or earn). */
export async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/**
 * The link of the newest kept mail to `to` with `subject`, read by an operator at /admin/outbox
 * (the suite's server has no SMTP_URL), as a path and query: the server's MARQUEE_PUBLIC_URL is
 * unset, so the mail names localhost, while the specs' browser speaks to 127.0.0.1.
 */
export async function linkFromOutbox(operator: Page, to: string, subject: string): Promise<string> {
  await operator.goto("/admin/outbox");
  const mail = operator.getByRole("article", { name: `${subject} to ${to}` }).first();
  await expect(mail).toBeVisible();
  const links = (await mail.innerText()).match(/https?:\/\/\S+/g) ?? [];
  expect(links, "one link in the mail").toHaveLength(1);
  const url = new URL(links[0]!);
  return `${url.pathname}${url.search}`;
}
