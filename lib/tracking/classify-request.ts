// Which tracking requests must not count: they did not come from a person looking at (or
// clicking) an ad. Real beacons and clicks come from browsers, so anything announcing
// itself as a crawler, a link unfurler, a headless browser or a scripting HTTP client is
// left out, as are prefetches and previews (a browser fetching a link nobody clicked yet).
//
// Deliberately NOT listed: `undici` and `node` (the User-Agents of Node's fetch). The test
// suites and load benchmarks drive the endpoints with Node's fetch, and a browser never
// sends them, so counting them costs nothing real. Scripting clients that are listed
// (curl, wget, python-requests, Go-http-client, …) are the usual tools of click fraud and
// of monitoring probes.

/**
 * Case-insensitive User-Agent fragments of non-human clients. `bot` and `crawl`/`spider`
 * cover most crawlers (Googlebot, bingbot, AhrefsBot, Twitterbot, Slackbot, GPTBot, …);
 * the others are named because they do not say "bot".
 */
export const NON_HUMAN_USER_AGENT_PATTERNS: readonly string[] = [
  // Crawlers and indexers
  "bot",
  "crawl",
  "spider",
  "slurp", // Yahoo
  "mediapartners-google",
  "google-inspectiontool",
  "googleother",
  "feedfetcher",
  "bingpreview",
  "yandex",
  "archive.org_bot",
  "ia_archiver",
  // Link previews (a page that mentions the link, not a visit)
  "facebookexternalhit",
  "facebookcatalog",
  "embedly",
  "whatsapp",
  "skypeuripreview",
  "vkshare",
  "google web preview",
  // Headless and automated browsers
  "headlesschrome",
  "phantomjs",
  "lighthouse",
  "pingdom",
  "uptimerobot",
  // Scripting HTTP clients
  "curl/",
  "wget/",
  "python-requests",
  "python-urllib",
  "python-httpx",
  "aiohttp",
  "go-http-client",
  "java/",
  "okhttp",
  "apache-httpclient",
  "libwww-perl",
  "scrapy",
  "axios/",
  "node-fetch",
  "got (https://github.com/sindresorhus/got)",
  "postmanruntime",
  "insomnia",
];

/** Real devices whose names contain a listed fragment (the Cubot phone brand contains "bot"). */
const FALSE_POSITIVES = ["cubot"];

/** `Purpose`/`Sec-Purpose`/`X-Purpose`/`X-Moz` values of speculative loads (prefetch, prerender, preview). */
const SPECULATIVE = /\b(prefetch|prerender|preview)\b/i;

/**
 * True for a request that must not count as an impression or a click: HEAD (headers only,
 * e.g. link checkers), a prefetch or preview, an empty User-Agent, or a known bot,
 * crawler, headless browser or scripting client.
 */
export function isBotOrPrefetch(headers: Headers, method: string): boolean {
  if (method.toUpperCase() === "HEAD") return true;
  for (const name of ["purpose", "sec-purpose", "x-purpose", "x-moz"]) {
    const value = headers.get(name);
    if (value && SPECULATIVE.test(value)) return true;
  }
  const userAgent = (headers.get("user-agent") ?? "").trim().toLowerCase();
  if (userAgent === "") return true;
  let checked = userAgent;
  for (const device of FALSE_POSITIVES) checked = checked.replaceAll(device, "");
  return NON_HUMAN_USER_AGENT_PATTERNS.some((pattern) => checked.includes(pattern));
}
