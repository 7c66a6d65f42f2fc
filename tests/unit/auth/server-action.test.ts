import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { FormState } from "@/lib/forms/form-state";
import type { MemberRole } from "@/lib/model/enums";
import type { Permission } from "@/lib/model/permissions";
import { formOf, redirectOf } from "@/tests/support/actions";

// The wrapper with the real session functions (lib/auth/session.ts) over a stubbed better-auth
// session and membership lookup, and Next's real redirect(): what each branch answers.

const { getSession, findMemberships, revalidatePath } = vi.hoisted(() => ({
  getSession: vi.fn(),
  findMemberships: vi.fn(),
  revalidatePath: vi.fn(),
}));

vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));
vi.mock("next/cache", () => ({ revalidatePath }));
vi.mock("@/lib/auth/auth", () => ({ auth: () => ({ api: { getSession } }) }));
vi.mock("@/lib/db", () => ({ prisma: { membership: { findMany: findMemberships } } }));

const { access, formAction, redirectAction, redirectTo } = await import("@/lib/auth/server-action");
const { can, PERMISSIONS, permissionRefusalMessage, ROLE_PERMISSIONS } = await import("@/lib/model/permissions");
const { initialFormState } = await import("@/lib/forms/form-state");
const { noticeUrl, refusalUrl } = await import("@/lib/forms/notices");

const user = { id: "user-1", name: "Ada", email: "ada@example.com", role: "user", emailVerified: true, twoFactorEnabled: false };
const organization = { id: "org-1", name: "Northwind", kind: "ADVERTISER", requireTwoFactor: false } as const;

function signedInAs(role: "user" | "admin" = "user") {
  getSession.mockResolvedValue({ user: { ...user, role } });
}

function memberOf(kind: "ADVERTISER" | "PUBLISHER", role: MemberRole = "OWNER") {
  findMemberships.mockResolvedValue([{ role, organization: { ...organization, kind } }]);
}



const schema = z.object({
  name: z.string({ error: "Name it." }).trim().min(1, "Name it."),
  hours: z.array(z.coerce.number()),
});

const run = vi.fn();

const createThing = formAction({
  access: access.organization("ADVERTISER", "campaigns:write"),
  schema,
  listFields: ["hours"],
  run: (input, context) => run(input, context) as Promise<{ id: string }>,
  done: (thing) => redirectTo(noticeUrl(`/advertiser/campaigns/${thing.id}`, "campaign-created")),
  revalidate: ["/advertiser", "layout"],
});

beforeEach(() => {
  getSession.mockReset().mockResolvedValue(null);
  findMemberships.mockReset().mockResolvedValue([]);
  revalidatePath.mockReset();
  run.mockReset();
});

describe("formAction: who may call", () => {
  it("sends someone without a session to the sign-in page, as pages do, before reading the form", async () => {
    expect(await redirectOf(createThing(initialFormState, formOf({ name: "A" })))).toBe("/sign-in");
    expect(run).not.toHaveBeenCalled();
  });

  it("sends a member of an organisation of another kind (or of none) to the dashboard", async () => {
    signedInAs();
    memberOf("PUBLISHER");
    expect(await redirectOf(createThing(initialFormState, formOf({ name: "A" })))).toBe("/dashboard");
    findMemberships.mockResolvedValue([]);
    expect(await redirectOf(createThing(initialFormState, formOf({ name: "A" })))).toBe("/dashboard");
    expect(run).not.toHaveBeenCalled();
  });

  it("refuses a role without the permission with the table's words, without refilling the form", async () => {
    signedInAs();
    memberOf("PUBLISHER", "MEMBER");
    const manageMembers = formAction({ access: access.organization("any", "members:manage"), schema, run, done: () => redirectTo("/done") });
    expect(await manageMembers(initialFormState, formOf({ name: "A" }))).toEqual({
      status: "error",
      message: "Your role (Member) does not allow this: invite members, change their roles and remove them. Ask an owner or an admin of the organisation.",
    });
    expect(run).not.toHaveBeenCalled();
  });

  describe.each(Object.keys(ROLE_PERMISSIONS) as MemberRole[])("a %s", (role) => {
    it.each(Object.keys(PERMISSIONS) as Permission[])("reaches an action that needs %s exactly when the table gives it", async (permission) => {
      signedInAs();
      memberOf("PUBLISHER", role);
      run.mockResolvedValue(undefined);
      const guarded = formAction({ access: access.organization("any", permission), run, done: (): FormState => ({ status: "success", message: "Done." }) });
      const answer = await guarded(initialFormState, formOf({}));
      if (can(role, permission)) {
        expect(answer).toEqual({ status: "success", message: "Done." });
        expect(run).toHaveBeenCalledOnce();
      } else {
        expect(answer).toEqual({ status: "error", message: permissionRefusalMessage(role, permission) });
        expect(run).not.toHaveBeenCalled();
      }
    });
  });

  it("sends a signed-in user who is not an operator to the dashboard from an operator's action", async () => {
    signedInAs("user");
    const review = formAction({ access: access.operator, run, done: () => redirectTo("/admin/review") });
    expect(await redirectOf(review(initialFormState, formOf({})))).toBe("/dashboard");
    signedInAs("admin");
    run.mockResolvedValue(undefined);
    expect(await redirectOf(review(initialFormState, formOf({})))).toBe("/admin/review");
    expect(run).toHaveBeenCalledWith({}, { user: { ...user, role: "admin" } });
  });

  it("tells a signed-in user that a signed-out-only action is not for them", async () => {
    signedInAs();
    const signUp = formAction({ access: access.signedOut("You are already signed in."), schema, run, done: () => redirectTo("/dashboard") });
    expect(await signUp(initialFormState, formOf({ name: "A" }))).toEqual({ status: "error", message: "You are already signed in." });
    expect(run).not.toHaveBeenCalled();
  });
});

describe("formAction: the form", () => {
  beforeEach(() => {
    signedInAs();
    memberOf("ADVERTISER");
  });

  it("answers an invalid form with each field's errors and keeps what was typed (never a password)", async () => {
    const state = await createThing(initialFormState, formOf({ name: " ", hours: ["1", "2"], password: "secret", $ACTION_ID_x: "" }));
    expect(state).toEqual({
      status: "error",
      message: "Please correct the highlighted fields.",
      errors: { name: ["Name it."] },
      values: { name: " ", hours: "1,2" },
    });
    expect(run).not.toHaveBeenCalled();
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("parses with the schema schemaFor builds from the caller's context (e.g. the organisation's time zone)", async () => {
    findMemberships.mockResolvedValue([{ role: "OWNER", organization: { ...organization, timeZone: "Europe/Berlin" } }]);
    const zoned = formAction({
      access: access.organization("ADVERTISER", "campaigns:write"),
      schemaFor: ({ organization: { timeZone } }) => z.object({ name: z.string().transform((name) => `${name} in ${timeZone}`) }),
      run,
      done: (): FormState => ({ status: "success" }),
    });
    run.mockResolvedValue(undefined);
    expect(await zoned(initialFormState, formOf({ name: "A" }))).toEqual({ status: "success" });
    expect(run).toHaveBeenCalledWith({ name: "A in Europe/Berlin" }, expect.objectContaining({ role: "OWNER" }));
  });

  it("reads anything that is not FormData (a direct POST) as an empty form", async () => {
    const state = await createThing(initialFormState, "not a form" as unknown as FormData);
    expect(state).toMatchObject({ status: "error", errors: { name: ["Name it."] }, values: {} });
    expect(run).not.toHaveBeenCalled();
  });

  it("reads the record's hidden id first: a missing one is not found, with what was typed", async () => {
    const update = formAction({
      access: access.organization("ADVERTISER", "campaigns:write"),
      record: { field: "campaignId", schema: z.string().trim().min(1), notFound: "Campaign not found." },
      schema,
      listFields: ["hours"],
      run,
      done: (_result, { campaignId }) => redirectTo(`/advertiser/campaigns/${campaignId}`),
    });
    expect(await update(initialFormState, formOf({ name: "" }))).toEqual({ status: "error", message: "Campaign not found.", values: { name: "" } });
    run.mockResolvedValue({});
    expect(await redirectOf(update(initialFormState, formOf({ campaignId: "c-1", name: "A", hours: "3" })))).toBe("/advertiser/campaigns/c-1");
    expect(run).toHaveBeenCalledWith({ name: "A", hours: [3], campaignId: "c-1" }, expect.objectContaining({ organization: expect.objectContaining({ id: "org-1" }) }));
  });

  it("lets an action answer an invalid form its own way", async () => {
    const join = formAction({
      access: access.user,
      schema,
      invalid: () => ({ status: "error", message: "This link is not valid." }),
      run,
      done: () => redirectTo("/dashboard"),
    });
    expect(await join(initialFormState, formOf({}))).toEqual({ status: "error", message: "This link is not valid." });
  });
});

describe("formAction: the domain's answer", () => {
  beforeEach(() => {
    signedInAs();
    memberOf("ADVERTISER");
  });

  it("tells a broken rule about one field next to that field, under the form's usual heading", async () => {
    run.mockRejectedValue(new AppError("unprocessable_entity", "A new campaign starts as a draft or active.", { details: { field: "status" } }));
    expect(await createThing(initialFormState, formOf({ name: "A", status: "PAUSED" }))).toEqual({
      status: "error",
      message: "Please correct the highlighted fields.",
      errors: { status: ["A new campaign starts as a draft or active."] },
      values: { name: "A", status: "PAUSED" },
    });
  });

  it("tells another refusal about one field in its own words, next to the field (with its own text when given)", async () => {
    run.mockRejectedValue(new AppError("conflict", "This domain is already one of your sites.", { details: { field: "domain" } }));
    expect(await createThing(initialFormState, formOf({ name: "A" }))).toEqual({
      status: "error",
      message: "This domain is already one of your sites.",
      errors: { domain: ["This domain is already one of your sites."] },
      values: { name: "A" },
    });
    run.mockRejectedValue(new AppError("conflict", "An account already exists.", { details: { field: "email", fieldMessage: "Already registered." } }));
    expect(await createThing(initialFormState, formOf({ name: "A" }))).toMatchObject({ message: "An account already exists.", errors: { email: ["Already registered."] } });
  });

  it("tells a refusal without a field (not found, conflict, …) as the form's message, with what was typed", async () => {
    run.mockRejectedValue(new AppError("not_found", "Campaign not found."));
    expect(await createThing(initialFormState, formOf({ name: "A" }))).toEqual({ status: "error", message: "Campaign not found.", values: { name: "A" } });
    run.mockRejectedValue(new AppError("conflict", "The campaign changed while you were editing it."));
    expect(await createThing(initialFormState, formOf({ name: "A" }))).toMatchObject({ message: "The campaign changed while you were editing it." });
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("does not refill the form when told so", async () => {
    const join = formAction({ access: access.user, refill: false, run, done: () => redirectTo("/dashboard") });
    run.mockRejectedValue(new AppError("gone", "This invitation link is not valid."));
    expect(await join(initialFormState, formOf({ token: "t" }))).toEqual({ status: "error", message: "This invitation link is not valid." });
  });

  it("rethrows anything that is not a refusal (a bug: the error page)", async () => {
    const bug = new TypeError("boom");
    run.mockRejectedValue(bug);
    await expect(createThing(initialFormState, formOf({ name: "A" }))).rejects.toBe(bug);
  });

  it("after a success, revalidates and redirects with the notice", async () => {
    run.mockResolvedValue({ id: "c-9" });
    expect(await redirectOf(createThing(initialFormState, formOf({ name: "A", hours: ["1"] })))).toBe("/advertiser/campaigns/c-9?notice=campaign-created");
    expect(run).toHaveBeenCalledWith({ name: "A", hours: [1] }, { user, organization, role: "OWNER" });
    expect(revalidatePath).toHaveBeenCalledWith("/advertiser", "layout");
  });

  it("after a success, answers a state when the action has one (a key shown once)", async () => {
    const create = formAction({
      access: access.organization("any", "api_keys:create"),
      run: async () => "key-1",
      done: (key): FormState & { created?: string } => ({ status: "success", message: "Created.", created: key }),
      revalidate: ["/settings/api-keys"],
    });
    expect(await create(initialFormState, formOf({}))).toEqual({ status: "success", message: "Created.", created: "key-1" });
    expect(revalidatePath).toHaveBeenCalledWith("/settings/api-keys");
  });
});

describe("redirectAction", () => {
  const archive = redirectAction({
    access: access.organization("any", "members:manage"),
    schema: z.object({ id: z.string().min(1) }),
    invalid: noticeUrl("/settings/members", "member-not-found"),
    run: ({ id }) => run(id) as Promise<void>,
    done: () => noticeUrl("/settings/members", "member-removed"),
    refused: (error) => refusalUrl("/settings/members", error, "member-not-found"),
    revalidate: ["/settings/members"],
  });

  beforeEach(() => {
    signedInAs();
    memberOf("PUBLISHER");
  });

  it("sends someone without a session to the sign-in page", async () => {
    getSession.mockResolvedValue(null);
    expect(await redirectOf(archive(formOf({ id: "m-1" })))).toBe("/sign-in");
  });

  it("answers a role without the permission with the refusal's notice, before reading the form", async () => {
    memberOf("PUBLISHER", "MEMBER");
    expect(await redirectOf(archive(formOf({})))).toBe("/settings/members?notice=not-permitted");
    expect(run).not.toHaveBeenCalled();
  });

  it("answers an invalid form (or no form at all) with its notice", async () => {
    expect(await redirectOf(archive(formOf({ id: "" })))).toBe("/settings/members?notice=member-not-found");
    expect(await redirectOf(archive(undefined as unknown as FormData))).toBe("/settings/members?notice=member-not-found");
    expect(run).not.toHaveBeenCalled();
    expect(revalidatePath).toHaveBeenCalledWith("/settings/members");
  });

  it("answers the domain's refusal with its notice, and rethrows one it does not expect", async () => {
    run.mockRejectedValue(new AppError("not_found", "Member not found."));
    expect(await redirectOf(archive(formOf({ id: "m-1" })))).toBe("/settings/members?notice=member-not-found");
    const unexpected = new AppError("gone", "Gone.");
    run.mockRejectedValue(unexpected);
    await expect(archive(formOf({ id: "m-1" }))).rejects.toBe(unexpected);
  });

  it("after a success, revalidates and redirects with the notice", async () => {
    run.mockResolvedValue(undefined);
    expect(await redirectOf(archive(formOf({ id: "m-1" })))).toBe("/settings/members?notice=member-removed");
    expect(run).toHaveBeenCalledWith("m-1");
    expect(revalidatePath).toHaveBeenCalledWith("/settings/members");
  });

  it("runs without a form for an action that reads none (sign out)", async () => {
    const signOut = redirectAction({ access: access.anyone, run: async () => "out", done: () => "/" });
    getSession.mockResolvedValue(null);
    expect(await redirectOf(signOut(undefined as unknown as FormData))).toBe("/");
  });
});
