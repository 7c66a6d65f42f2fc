import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { authorizeDeepCheck } from "@/lib/health/deep-check-access";

const TOKEN = "health-token-0123456789abcdef";
const nobody = async () => null;
const noSessionRead = async (): Promise<string | null> => {
  throw new Error("the session must not be read when an Authorization header is sent");
};

async function refusal(input: Parameters<typeof authorizeDeepCheck>[0]): Promise<{ status: number; message: string; headers?: Record<string, string> }> {
  const error = await authorizeDeepCheck(input).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { status: error.status, message: error.message, headers: error.headers };
}

describe("authorizeDeepCheck", () => {
  it("lets a monitor in with the right bearer token", async () => {
    expect(await authorizeDeepCheck({ authorization: `Bearer ${TOKEN}`, token: TOKEN, sessionRole: noSessionRead })).toBe("token");
  });

  it("lets a signed-in operator in without a token", async () => {
    expect(await authorizeDeepCheck({ authorization: null, token: TOKEN, sessionRole: async () => "admin" })).toBe("operator");
    expect(await authorizeDeepCheck({ authorization: null, token: undefined, sessionRole: async () => "admin" })).toBe("operator");
  });

  it.each([
    ["a wrong token", "Bearer not-the-health-token-at-all"],
    ["the token with another scheme", `Basic ${TOKEN}`],
    ["the bare token", TOKEN],
    ["a prefix of the token", `Bearer ${TOKEN.slice(0, -1)}`],
    ["an empty bearer", "Bearer "],
  ])("refuses %s with 401, asking for the bearer token", async (_, authorization) => {
    expect(await refusal({ authorization, token: TOKEN, sessionRole: noSessionRead })).toEqual({
      status: 401,
      message: "Wrong health check token: send Authorization: Bearer <HEALTH_CHECK_TOKEN>.",
      headers: { "WWW-Authenticate": 'Bearer realm="health"' },
    });
  });

  it("refuses a bearer token with 401 when none is configured, pointing to operators' sign-in", async () => {
    expect(await refusal({ authorization: `Bearer ${TOKEN}`, token: undefined, sessionRole: noSessionRead })).toMatchObject({
      status: 401,
      message: "Token access to the deep health check is not enabled on this server (HEALTH_CHECK_TOKEN is not set). Sign in as an operator instead.",
    });
  });

  it("refuses a request without session or token with 401", async () => {
    expect(await refusal({ authorization: null, token: TOKEN, sessionRole: nobody })).toMatchObject({
      status: 401,
      message: "Sign in as an operator, or send Authorization: Bearer <HEALTH_CHECK_TOKEN>.",
    });
  });

  it("refuses a signed-in person who is not an operator with 403", async () => {
    expect(await refusal({ authorization: null, token: TOKEN, sessionRole: async () => "user" })).toEqual({
      status: 403,
      message: "Only operators may read the deep health check.",
      headers: undefined,
    });
  });
});
