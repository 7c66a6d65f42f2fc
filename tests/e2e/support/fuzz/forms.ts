// Cases of the server actions: every form the dashboard renders (crawled with JavaScript off, as
// each role sees them), posted mutated the way a browser without JavaScript posts it, through
// the fetch protocol with a raw `Next-Action` header, and as payloads React cannot decode.
import type { Browser } from "@playwright/test";
import type { StorageState } from "../sign-in";
import { generate, type FuzzCase, type FuzzRun, type PendingCase } from "./cases";
import { ID_POOL, JOIN_TOKEN } from "./fixtures";
import { excerpt, findLeaks, headerSafe, HUGE, nastyText, randomJson, randomString, Rng, streamSeed } from "./inputs";

export interface FormField {
  name: string;
  tag: string;
  type: string;
  value: string;
  checked: boolean;
  options: string[];
}

export interface CrawledForm {
  /** Where it was found; it posts there (React's forms have action=""). */
  page: string;
  method: string;
  label: string;
  fields: FormField[];
}

export const ROLE_PAGES = {
  advertiser: [
    "/dashboard",
    "/advertiser",
    "/advertiser/campaigns",
    "/advertiser/campaigns/new",
    "/advertiser/campaigns/demo-campaign-spring",
    "/advertiser/campaigns/demo-campaign-spring/edit",
    "/advertiser/campaigns/demo-campaign-spring/creatives/new",
    "/advertiser/campaigns/demo-campaign-spring/creatives/demo-creative-spring-mpu/edit",
    "/advertiser/reports",
    "/settings/api-keys",
    "/settings/members",
  ],
  publisher: [
    "/publisher",
    "/publisher/sites",
    "/publisher/sites/demo-site-trailhead",
    "/publisher/sites/demo-site-trailhead/edit",
    "/publisher/placements/demo-placement-sidebar",
    "/publisher/reports",
    "/settings/api-keys",
    "/settings/members",
    `/invite/${JOIN_TOKEN}`,
  ],
  admin: ["/admin", "/admin/review", "/admin/health", "/dashboard", `/invite/${JOIN_TOKEN}`],
} as const;

const CRAWL_PREFIXES = ["/dashboard", "/advertiser", "/publisher", "/admin", "/settings"];
const MAX_PAGES = 30;

/**
 * Every form on the given pages and the pages they link to, read from the server's HTML with
 * JavaScript off — exactly what a browser without JavaScript would post. A crawled page that
 * fails (5xx) or leaks (findLeaks, with `secrets`) is one of the returned failures.
 */
export async function crawlForms(browser: Browser, url: string, storageState: StorageState, seeds: readonly string[], secrets: readonly string[]) {
  const context = await browser.newContext({ baseURL: url, storageState, javaScriptEnabled: false });
  const pages: string[] = [];
  const forms: CrawledForm[] = [];
  const failures: string[] = [];
  const seen = new Set<string>();
  const queue = [...seeds];
  try {
    const page = await context.newPage();
    while (queue.length > 0 && pages.length < MAX_PAGES) {
      const target = queue.shift()!;
      if (seen.has(target)) continue;
      seen.add(target);
      const response = await page.goto(target);
      const status = response?.status() ?? 0;
      const html = await page.content();
      const problems = [...(status >= 500 ? [`status ${status}`] : []), ...findLeaks(html, secrets)];
      if (problems.length) failures.push(`crawl GET ${target} → ${status}: ${problems.join("; ")}`);
      const landed = new URL(page.url()).pathname;
      if (landed !== target.split("?")[0]) continue; // redirected (not this role's page)
      pages.push(target);
      const found = await page.$$eval("form", (elements) =>
        elements.map((form) => ({
          method: (form.getAttribute("method") ?? "get").toLowerCase(),
          label: (form.getAttribute("aria-label") ?? form.querySelector("button")?.textContent ?? form.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40),
          fields: [...form.elements]
            .filter((element): element is HTMLInputElement => "name" in element && !!(element as HTMLInputElement).name)
            .map((element) => ({
              name: element.name,
              tag: element.tagName.toLowerCase(),
              type: (element.type ?? "").toLowerCase(),
              value: element.value ?? "",
              checked: !!element.checked,
              options: element.tagName === "SELECT" ? [...(element as unknown as HTMLSelectElement).options].map((option) => option.value) : [],
            })),
        })),
      );
      for (const form of found) forms.push({ ...form, page: target });
      const links = await page.$$eval("a[href]", (anchors) => anchors.map((anchor) => anchor.getAttribute("href") ?? ""));
      for (const link of links) {
        const linked = new URL(link, url);
        if (linked.origin === url && CRAWL_PREFIXES.some((prefix) => linked.pathname.startsWith(prefix)) && !linked.pathname.endsWith(".csv")) queue.push(linked.pathname);
      }
    }
  } finally {
    await context.close();
  }
  // One of each kind: the same action with the same fields (a row's buttons) is one form.
  const distinct = new Map<string, CrawledForm>();
  for (const form of forms) {
    if (/sign out/i.test(form.label)) continue; // ends the very session the fuzz runs in
    const key = `${form.method} ${form.fields.map((field) => (field.name.startsWith("$ACTION_") ? actionIdOf(field) : field.name)).sort().join(",")}`;
    if (!distinct.has(key)) distinct.set(key, form);
  }
  const distinctForms = [...distinct.values()];
  const actionIds = [...new Set(distinctForms.flatMap((form) => form.fields.map(actionIdOf).filter((id): id is string => !!id)))];
  return { pages, forms: distinctForms, actionIds, failures };
}

/** The server action a React form field names: `$ACTION_ID_<id>`, or the id inside `$ACTION_n:0`. */
function actionIdOf(field: Pick<FormField, "name" | "value">): string | undefined {
  if (field.name.startsWith("$ACTION_ID_")) return field.name.slice("$ACTION_ID_".length);
  if (/^\$ACTION_\d+:0$/.test(field.name)) {
    try {
      return (JSON.parse(field.value) as { id?: string }).id;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const isReactField = (name: string) => name.startsWith("$ACTION_");

type Entry = [name: string, value: string | Blob];

/** What the form would send if submitted as rendered (one of its submit buttons pressed). */
function submittedEntries(rng: Rng, form: CrawledForm): Entry[] {
  const entries: Entry[] = [];
  const buttons = form.fields.filter((field) => field.tag === "button" || field.type === "submit");
  const pressed = buttons.length ? rng.pick(buttons) : undefined;
  for (const field of form.fields) {
    if (field.tag === "button" || field.type === "submit") {
      if (field === pressed) entries.push([field.name, field.value]);
    } else if (field.type === "checkbox" || field.type === "radio") {
      if (field.checked) entries.push([field.name, field.value]);
    } else if (field.type !== "file") {
      entries.push([field.name, field.value]);
    }
  }
  return entries;
}

/** A value a field of this kind is not expecting (another organisation's id in an id field). */
function hostileValue(rng: Rng, field: FormField | undefined): string | Blob {
  if (rng.chance(0.04)) return new Blob([rng.chance(0.5) ? HUGE : "\u0000\u00ff"], { type: "application/octet-stream" });
  if (field && /id$/i.test(field.name) && rng.chance(0.6)) return rng.pick(ID_POOL);
  if (field && field.options.length && rng.chance(0.3)) return `${rng.pick(field.options)}${rng.pick(["", " ", "x", "\u0000"])}`;
  if (field?.type === "checkbox" && rng.chance(0.3)) return rng.pick(["on", "24", "-1", "7", "SATURDAY", "0x1", "1e1"]);
  return nastyText(rng, ID_POOL);
}

/** The submitted fields with 1–4 of them broken: dropped, repeated, emptied, swapped, added. */
function mutateEntries(rng: Rng, form: CrawledForm): { entries: Entry[]; notes: string[] } {
  let entries = submittedEntries(rng, form);
  const notes: string[] = [];
  if (rng.chance(0.08)) return { entries, notes: ["as rendered"] };
  const userFields = form.fields.filter((field) => !isReactField(field.name));
  for (let round = rng.between(1, 4); round > 0; round -= 1) {
    const field = userFields.length ? rng.pick(userFields) : undefined;
    const name = field?.name ?? randomString(rng, 8);
    switch (rng.int(7)) {
      case 0:
        entries = entries.filter(([entryName]) => entryName !== name);
        notes.push(`drop ${name}`);
        break;
      case 1:
        entries.push([name, rng.chance(0.5) ? (entries.find(([entryName]) => entryName === name)?.[1] ?? "") : hostileValue(rng, field)]);
        notes.push(`repeat ${name}`);
        break;
      case 2:
        entries = entries.map(([entryName, value]) => [entryName, entryName === name ? "" : value]);
        notes.push(`empty ${name}`);
        break;
      case 3: {
        const extra = rng.chance(0.5) ? rng.pick(["id", "organizationId", "role", "kind", "__proto__", "constructor", "status", "campaignId", "$ACTION_ID_", "a[]", "userId"]) : randomString(rng, 12);
        entries.push([extra, hostileValue(rng, undefined)]);
        notes.push(`add ${extra}`);
        break;
      }
      default: {
        const value = hostileValue(rng, field);
        entries = entries.filter(([entryName]) => entryName !== name);
        entries.push([name, value]);
        notes.push(`${name}=${typeof value === "string" ? excerpt(value, 40) : "<file>"}`);
      }
    }
  }
  if (rng.chance(0.12)) {
    // React's own fields: the bound arguments (ids, previous state) are input too.
    const reactEntries = entries.filter(([entryName]) => isReactField(entryName));
    const target = reactEntries.length ? rng.pick(reactEntries)[0] : "";
    if (/^\$ACTION_\d+:[1-9]$/.test(target)) {
      // Always an array, as React encodes bound arguments: what React cannot decode is the
      // undecodable cases' business, not the forms'.
      const value = JSON.stringify(escapeReply(rng.pick([[], [null], [rng.pick(ID_POOL)], [rng.pick(ID_POOL), { status: "idle" }], [{ status: "error", values: { a: 1 } }], [1, 2, 3], [randomJson(rng, 2)]])));
      entries = entries.map(([entryName, old]) => [entryName, entryName === target ? value : old]);
      notes.push(`${target}=${excerpt(value, 60)}`);
    } else if (entries.some(([entryName]) => entryName === "$ACTION_KEY")) {
      entries = entries.filter(([entryName]) => entryName !== "$ACTION_KEY");
      notes.push("drop $ACTION_KEY");
    }
  }
  return { entries, notes };
}

/** Strings that begin with `$` are references in React's reply protocol; `$$` is a literal `$`. */
function escapeReply(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(escapeReply);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, escapeReply(item)]));
  return value;
}

async function multipart(entries: readonly Entry[]): Promise<{ body: Buffer; contentType: string }> {
  const formData = new FormData();
  for (const [name, value] of entries) {
    if (typeof value === "string") formData.append(name, value);
    else formData.append(name, value, "fuzz.bin");
  }
  const encoded = new Response(formData);
  return { body: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get("content-type")! };
}

function entriesNote(entries: readonly Entry[]): string {
  return entries.map(([name, value]) => `${name}=${typeof value === "string" ? excerpt(value, 60) : "<file>"}`).join(" ");
}

/**
 * Posts of every form: most as a browser without JavaScript posts them (multipart to the page,
 * React's hidden fields naming the action), some through the fetch protocol (`Next-Action`
 * header, arguments encoded as React's client encodes them, or as nothing React can decode).
 */
export function actionCases(run: FuzzRun, area: string, forms: readonly CrawledForm[], cookie: string | undefined, actionIds: readonly string[]): FuzzCase[] {
  const cases: PendingCase[] = [];
  forms.forEach((form, formIndex) => {
    const formArea = `${area}:${formIndex}`;
    if (form.method === "get") {
      // A filter form (reports): its fields are a query string.
      for (const pending of generate(run, `${formArea}:get`, 20, (rng, id) => getFormCase(rng, id, form, cookie))) cases.push(pending);
      return;
    }
    // Every form must answer a no-JS post (a bound useActionState action once never did: ids
    // now travel as hidden fields).
    for (let index = 0; index < 30; index += 1) cases.push(lazy(run.seed, `${formArea}:form#${index}`, (rng, id) => formPostCase(rng, id, form, run.url, cookie)));
    for (let index = 0; index < 10; index += 1) cases.push(lazy(run.seed, `${formArea}:fetch#${index}`, (rng, id) => fetchActionCase(rng, id, form, run.url, cookie)));
  });
  for (let index = 0; index < Math.max(10, actionIds.length * 3); index += 1) {
    cases.push(lazy(run.seed, `${area}:undecodable#${index}`, (rng, id) => undecodableActionCase(rng, id, forms, actionIds, run.url, cookie)));
  }
  return cases as FuzzCase[];
}

function lazy(seed: number, id: string, make: (rng: Rng, id: string) => Promise<FuzzCase>): () => Promise<FuzzCase> {
  const [area, index] = id.split("#");
  return () => make(new Rng(streamSeed(seed, area!, Number(index))), id);
}

function actionHeaders(origin: string, cookie: string | undefined): Record<string, string> {
  // A browser sends the page's own origin; Next.js refuses actions from other origins.
  return { origin, ...(cookie ? { cookie } : {}) };
}

function getFormCase(rng: Rng, id: string, form: CrawledForm, cookie: string | undefined): FuzzCase {
  const { entries } = mutateEntries(rng, form);
  const query = entries
    .filter(([, value]) => typeof value === "string")
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent((value as string).replace(/[\uD800-\uDFFF]/g, ""))}`)
    .join("&");
  return { id, method: "GET", path: `${form.page.split("?")[0]}?${query}`.slice(0, 12_000), headers: { ...(cookie ? { cookie } : {}) } };
}

async function formPostCase(rng: Rng, id: string, form: CrawledForm, origin: string, cookie: string | undefined): Promise<FuzzCase> {
  const { entries, notes } = mutateEntries(rng, form);
  const { body, contentType } = await multipart(entries);
  return {
    id,
    method: "POST",
    path: form.page,
    headers: { ...actionHeaders(origin, cookie), "content-type": contentType, accept: "text/html" },
    body,
    bodyNote: `[${form.label}] ${notes.join(", ")} :: ${entriesNote(entries)}`,
    action: true,
  };
}

/** The arguments a bound action is called with before its form data (`$ACTION_n:1`, e.g. [siteId, prevState]). */
function boundArguments(form: CrawledForm): unknown[] {
  const bound = form.fields.find((field) => /^\$ACTION_\d+:1$/.test(field.name));
  if (!bound) return [];
  try {
    const value = JSON.parse(bound.value) as unknown;
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

async function fetchActionCase(rng: Rng, id: string, form: CrawledForm, origin: string, cookie: string | undefined): Promise<FuzzCase> {
  const actionId = form.fields.map(actionIdOf).find((value) => value);
  const { entries, notes } = mutateEntries(rng, form);
  let args: unknown[] = [...boundArguments(form), "$K1"];
  if (rng.chance(0.35)) {
    // Well-formed for React, wrong for the action: missing, extra or mistyped arguments.
    const replacement = escapeReply(randomJson(rng, 2, ID_POOL));
    const at = rng.int(args.length + 1);
    args = rng.chance(0.5) ? args.map((arg, index) => (index === at ? replacement : arg)) : rng.chance(0.5) ? args.slice(0, at) : [...args, replacement];
    notes.push(`arguments ${excerpt(JSON.stringify(args), 80)}`);
  }
  const fields: Entry[] = entries.filter(([name]) => !isReactField(name)).map(([name, value]) => [`_1_${name}`, value]);
  const { body, contentType } = await multipart([...fields, ["0", JSON.stringify(args)]]);
  return {
    id,
    method: "POST",
    path: form.page,
    headers: { ...actionHeaders(origin, cookie), "next-action": actionId ?? "0".repeat(42), "content-type": contentType, accept: "text/x-component" },
    body,
    bodyNote: `[${form.label}] fetch protocol, ${notes.join(", ")} :: 0=${excerpt(JSON.stringify(args), 80)} ${entriesNote(fields)}`,
    action: true,
  };
}

/** What React's decoder itself must refuse: bodies and ids no client encodes. */
async function undecodableActionCase(rng: Rng, id: string, forms: readonly CrawledForm[], actionIds: readonly string[], origin: string, cookie: string | undefined): Promise<FuzzCase> {
  const page = forms.length ? rng.pick(forms).page : "/sign-in";
  const actionId = rng.chance(0.8) && actionIds.length ? rng.pick(actionIds) : headerSafe(rng.pick(["0".repeat(42), "deadbeef", "", "x".repeat(500), "$ACTION_ID", nastyText(rng)]));
  const headers: Record<string, string> = { ...actionHeaders(origin, cookie), "next-action": actionId, accept: "text/x-component" };
  let body: Buffer | string;
  if (rng.chance(0.5)) {
    headers["content-type"] = rng.pick(["text/plain;charset=UTF-8", "application/json", "application/x-www-form-urlencoded", "text/plain"]);
    body = rng.pick(["", "{{{", "[", '["$K9"]', '["$@9"]', '["$Q1"]', '["$F1"]', '["$h1"]', "\u0000", '[1,"$', JSON.stringify(nastyText(rng)), "x".repeat(200_000)]);
  } else {
    const { body: encoded, contentType } = await multipart(
      rng.pick<Entry[]>([
        [["1_name", "x"]],
        [["0", "{{{"]],
        [["0", '["$K1"]']],
        [["0", '["$@1"]'], ["1", "[]"]],
        [["0", "["], ["_1_name", "x"]],
        [["0", JSON.stringify(["$Q2"])], ["2", "not json"]],
      ]),
    );
    headers["content-type"] = rng.chance(0.9) ? contentType : "multipart/form-data; boundary=nope";
    body = rng.chance(0.8) ? encoded : encoded.subarray(0, rng.int(encoded.length));
  }
  if (rng.chance(0.05)) headers.origin = "https://evil.example";
  return { id, method: "POST", path: page, headers, body, bodyNote: `fetch protocol, undecodable :: ${excerpt(body.toString(), 120)}`, action: true };
}
