// A browser as the server sees it, for tests that call better-auth and the server actions
// directly: its cookies and the address it calls from (the account rules limit per address).
// The test's next/headers mock reads `headers()` of the browser acting.

export class CookieBrowser {
  readonly cookies = new Map<string, string>();
  constructor(readonly address: string) {}

  headers(): Headers {
    const headers = new Headers({ "x-forwarded-for": this.address });
    if (this.cookies.size > 0) headers.set("cookie", [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    return headers;
  }

  /** Keeps what a response's Set-Cookie lines set, and drops what they expire. */
  take(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const name = pair.slice(0, pair.indexOf("=")).trim();
      const value = pair.slice(pair.indexOf("=") + 1).trim();
      const expired = value === "" || attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
