// Who acts in tests that call the domain functions directly: a member in the dashboard (the
// audit log records them; tests of the log itself build their own actors).
import type { Actor } from "@/lib/audit/actor";

export const testActor: Actor = { channel: "DASHBOARD", userId: "test-user-member", email: "member@marquee.test" };
