import { describe, expect, it } from "vitest";
import { isOperatorSetupToken, operatorSetupLink, operatorSetupToken } from "@/lib/admin/operator-setup-link";
import { setupTokenSchema } from "@/lib/zod/schemas/operators";
import { setupLinkOrigin } from "@/lib/startup/announce-operator-setup";

const SECRET = "a".repeat(64);

describe("the first operator's setup link", () => {
  it("is the same for every instance of a deployment (derived from MARQUEE_SECRET alone), and another for another secret", () => {
    expect(operatorSetupToken(SECRET)).toBe(operatorSetupToken(SECRET));
    expect(operatorSetupToken("b".repeat(64))).not.toBe(operatorSetupToken(SECRET));
    expect(setupTokenSchema.safeParse(operatorSetupToken(SECRET)).success).toBe(true);
  });

  it("takes only this deployment's token", () => {
    const token = operatorSetupToken(SECRET);
    expect(isOperatorSetupToken(token, SECRET)).toBe(true);
    expect(isOperatorSetupToken(operatorSetupToken("b".repeat(64)), SECRET)).toBe(false);
    expect(isOperatorSetupToken(`${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, SECRET)).toBe(false);
    expect(isOperatorSetupToken("", SECRET)).toBe(false);
    expect(isOperatorSetupToken(`${token}x`, SECRET)).toBe(false);
  });

  it("points at MARQUEE_PUBLIC_URL, else this server on localhost", () => {
    const token = operatorSetupToken(SECRET);
    expect(operatorSetupLink(setupLinkOrigin({ MARQUEE_PUBLIC_URL: "https://ads.example.com" }, "8080"), SECRET)).toBe(`https://ads.example.com/setup?token=${token}`);
    expect(operatorSetupLink(setupLinkOrigin({ MARQUEE_PUBLIC_URL: undefined }, "8080"), SECRET)).toBe(`http://localhost:8080/setup?token=${token}`);
    expect(operatorSetupLink(setupLinkOrigin({ MARQUEE_PUBLIC_URL: undefined }, undefined), SECRET)).toBe(`http://localhost:3000/setup?token=${token}`);
  });
});
