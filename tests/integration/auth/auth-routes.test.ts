// better-auth's HTTP surface (app/api/auth): every endpoint the library (and its plugins) ships
// is tried; only OPEN_AUTH_PATHS answer, every other one is 404 — so no door skips the rules
// the product's forms apply (sign-in limits, account rules, an organisation for every account).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth } from "@/lib/auth/auth";
import { OPEN_AUTH_PATHS } from "@/lib/auth/auth-headers";
import { createApiWorld, type ApiWorld } from "../api/api-world";

let world: ApiWorld;
beforeAll(async () => {
  world = await createApiWorld();
});
afterAll(async () => {
  await world?.close();
});

const paths = () =>
  [...new Set(Object.values(auth().api).map((endpoint) => (endpoint as { path?: string }).path).filter((path): path is string => typeof path === "string" && path.startsWith("/")))].sort();

async function call(method: "GET" | "POST", path: string): Promise<Response> {
  const { GET, POST } = await import("@/app/api/auth/[...all]/route");
  const url = `http://localhost:3000/api/auth${path}`;
  const request =
    method === "GET"
      ? new Request(url, { headers: { origin: "http://localhost:3000" } })
      : new Request(url, {
          method,
          headers: { "content-type": "application/json", origin: "http://localhost:3000", "x-forwarded-for": "203.0.113.9" },
          body: JSON.stringify({ email: "advertiser@marquee.local", password: "marquee-advertiser", name: "x".repeat(200_000), newPassword: "another-password-1" }),
        });
  return method === "GET" ? GET(request) : POST(request);
}

describe("better-auth over HTTP", () => {
  it("ships the endpoints this test enumerates (the list is not empty)", () => {
    expect(paths()).toEqual(expect.arrayContaining(["/sign-in/email", "/sign-up/email", "/update-user", "/get-session", "/sign-out", "/change-password"]));
  });

  it("answers 404 on every endpoint but the open ones, whatever the method", async () => {
    const closed = paths().filter((path) => !OPEN_AUTH_PATHS.has(path));
    expect(closed.length).toBeGreaterThan(10);
    for (const path of closed) {
      for (const method of ["GET", "POST"] as const) {
        const response = await call(method, path);
        expect(response.status, `${method} ${path}`).toBe(404);
        expect(await response.json(), `${method} ${path}`).toEqual({ code: "NOT_FOUND", message: "There is no such authentication endpoint." });
      }
    }
  });

  it("creates no user and changes no name through a closed endpoint", async () => {
    const users = await world.prisma.user.count();
    await call("POST", "/sign-up/email");
    await call("POST", "/update-user");
    expect(await world.prisma.user.count()).toBe(users);
    expect((await world.prisma.user.findUniqueOrThrow({ where: { email: "advertiser@marquee.local" } })).name.length).toBeLessThan(100);
  });

  it("keeps the session endpoints open", async () => {
    expect((await call("GET", "/get-session")).status).toBe(200);
  });
});

describe("the account rules on the library's own calls (the forms' path)", () => {
  it("refuses a sign-up whose name is longer than the form allows", async () => {
    await expect(auth().api.signUpEmail({ body: { name: "x".repeat(101), email: "long-name@example.com", password: "a-long-enough-password" }, headers: new Headers() })).rejects.toThrow(
      "Keep your name under 100 characters.",
    );
    expect(await world.prisma.user.count({ where: { email: "long-name@example.com" } })).toBe(0);
  });

  it("limits password attempts per e-mail address, however the forwarding headers rotate", async () => {
    const attempt = (index: number) =>
      auth().api.signInEmail({ body: { email: "publisher@marquee.local", password: `wrong-${index}` }, headers: new Headers({ "x-forwarded-for": `198.51.100.${index}` }) }).then(
        () => "signed in",
        (error: { status?: string; message?: string }) => error.status ?? error.message,
      );
    const outcomes = [];
    for (let index = 0; index < 6; index += 1) outcomes.push(await attempt(index));
    expect(outcomes.slice(0, 5).every((outcome) => outcome === "UNAUTHORIZED")).toBe(true);
    expect(outcomes[5]).toBe("TOO_MANY_REQUESTS");
    // Even the right password, now.
    await expect(auth().api.signInEmail({ body: { email: "publisher@marquee.local", password: "marquee-publisher" }, headers: new Headers() })).rejects.toMatchObject({ status: "TOO_MANY_REQUESTS" });
  });
});
