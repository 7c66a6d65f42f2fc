import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { formEntry, formFields, formFiles } from "@/lib/forms/form-entries";
import { failed, refused, validationFailed, type FormState } from "@/lib/forms/form-state";
import type { OrganizationKind } from "@/lib/generated/prisma/enums";
import { can, permissionRefusalMessage, type Permission } from "@/lib/model/permissions";
import { currentUser, requireAdmin, requireOrganization, requireUser, type OrganizationContext, type SessionUser } from "./session";

// Every server action goes through one of these two wrappers, which own what each action
// used to write out: who may call (session → organisation of the right kind → role), reading
// the form (a direct POST may pass anything in place of FormData: it reads as an empty form),
// the schema, the domain call, and the answer — a form state for useActionState forms, or a
// redirect with a notice for the small button forms. A refusal is an AppError (from the domain,
// or from the checks here) and is answered in the form's words; anything else is a bug and is
// rethrown (the error page, and Next's log). Next's redirect() is an exception too: the
// wrappers call it last, outside any try, so it is never taken for a refusal.

// ─── Who may call ─────────────────────────────────────────────────────────────

export type OrganizationAccess = { session: "organization"; kind: OrganizationKind | "any"; permission: Permission };

export type Access =
  | { session: "none" }
  | { session: "signed-out"; refusal: string }
  | { session: "user" }
  | { session: "operator" }
  | OrganizationAccess;

export const access = {
  /** Anyone, signed in or not (signing in and up, signing out). */
  anyone: { session: "none" },
  /** Only someone not signed in; a signed-in caller is told `refusal`. */
  signedOut: (refusal: string): { session: "signed-out"; refusal: string } => ({ session: "signed-out", refusal }),
  /** Any signed-in user, with or without an organisation (else to the sign-in page). */
  user: { session: "user" },
  /** An operator (else to the dashboard). */
  operator: { session: "operator" },
  /**
   * A member of an organisation of this kind, or of either kind with "any" (else to the
   * dashboard), whose role has `permission` (lib/model/permissions.ts; else refused, as the
   * domain's "forbidden" is).
   */
  organization: (kind: OrganizationKind | "any", permission: Permission): OrganizationAccess => ({ session: "organization", kind, permission }),
} as const;

/** What the domain call gets to know about the caller. */
export type ActionContext<A extends Access> = A extends { session: "organization" }
  ? OrganizationContext
  : A extends { session: "user" | "operator" }
    ? { user: SessionUser }
    : Record<never, never>;

/** What a member whose role lacks a permission is told. */
export function permissionRefusal(context: Pick<OrganizationContext, "role">, permission: Permission): AppError {
  return new AppError("forbidden", permissionRefusalMessage(context.role, permission));
}

/** The caller's context, or the refusal to answer; no session (or organisation) redirects, as pages do. */
async function enter<A extends Access>(access: A): Promise<{ context: ActionContext<A> } | { refusal: AppError }> {
  switch (access.session) {
    case "none":
      return { context: {} as ActionContext<A> };
    case "signed-out":
      return (await currentUser()) ? { refusal: new AppError("conflict", access.refusal) } : { context: {} as ActionContext<A> };
    case "user":
      return { context: { user: await requireUser() } as ActionContext<A> };
    case "operator":
      return { context: { user: await requireAdmin() } as ActionContext<A> };
    case "organization": {
      const context = await requireOrganization(access.kind);
      if (!can(context.role, access.permission)) return { refusal: permissionRefusal(context, access.permission) };
      return { context: context as ActionContext<A> };
    }
  }
}

// ─── Reading the form ─────────────────────────────────────────────────────────

/**
 * The record an action is about, named by a hidden field (a bound argument left no-JS posts
 * unanswered) and read before the rest of the form: a missing or malformed id is told as
 * `notFound`, like another organisation's record is.
 */
export interface RecordField<F extends string> {
  field: F;
  schema: z.ZodType<string>;
  notFound: string;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : Record<never, never>;

/** The domain call's input: the schema's output, and the record's id under its field's name. */
export type ActionInput<S, F extends string> = Parsed<S> & { [K in F]: string };

interface FormSpec<S extends z.ZodType | undefined, F extends string> {
  record?: RecordField<F>;
  schema?: S;
  /** Fields that are lists (checkbox groups), read as arrays of every value. */
  listFields?: readonly string[];
  /** Fields that are files, read as their bytes (a Uint8Array; absent when none was chosen). Form actions only. */
  fileFields?: readonly string[];
}

type ParseResult<I> = { input: I } | { notFound: string } | { invalid: z.ZodError };

function parseForm<S extends z.ZodType | undefined, F extends string>(spec: FormSpec<S, F>, formData: unknown, files: Record<string, Uint8Array> = {}): ParseResult<ActionInput<S, F>> {
  let id: string | undefined;
  if (spec.record) {
    const parsed = spec.record.schema.safeParse(formEntry(formData, spec.record.field));
    if (!parsed.success) return { notFound: spec.record.notFound };
    id = parsed.data;
  }
  let fields: object = {};
  if (spec.schema) {
    const parsed = spec.schema.safeParse({ ...formFields(formData, spec.listFields), ...files });
    if (!parsed.success) return { invalid: parsed.error };
    fields = parsed.data as object;
  }
  const input = spec.record ? { ...fields, [spec.record.field]: id } : fields;
  return { input: input as ActionInput<S, F> };
}

/** Which path to revalidate after the action, as revalidatePath takes it. */
export type Revalidate = readonly [path: string, type?: "layout" | "page"];

/** The domain call's outcome: its result, or the refusal it threw. Anything else is rethrown. */
async function call<R>(run: () => Promise<R>): Promise<{ result: R } | { refusal: AppError }> {
  try {
    return { result: await run() };
  } catch (error) {
    if (error instanceof AppError) return { refusal: error };
    throw error;
  }
}

// ─── Forms with a state (useActionState) ──────────────────────────────────────

export interface Redirect {
  redirect: string;
}

/** A form action's answer that sends the browser on (a URL built with noticeUrl, or a plain path). */
export const redirectTo = (url: string): Redirect => ({ redirect: url });

export interface FormActionSpec<A extends Access, S extends z.ZodType | undefined, F extends string, R, State extends FormState> extends FormSpec<S, F> {
  access: A;
  /** In place of `schema`, one that depends on the caller (e.g. dates read in the organisation's time zone). */
  schemaFor?: (context: ActionContext<A>) => S;
  /** How an invalid form is answered; by default each field's errors, and what was typed. */
  invalid?: (error: z.ZodError, formData: FormData) => NoInfer<State>;
  /** false: refusals do not refill the form (it has nothing the user typed). */
  refill?: boolean;
  /** The domain call; it refuses by throwing an AppError. */
  run: (input: ActionInput<S, F>, context: ActionContext<A>) => Promise<R>;
  /** After a success: where to go (redirectTo), or the state to answer. */
  done: (result: R, input: ActionInput<S, F>) => Redirect | State;
  /** Revalidated after a success. */
  revalidate?: Revalidate;
}

/**
 * An action for a form with useActionState: `(previousState, formData) → state`. A refusal
 * of the caller (wrong role, signed in) is told without refilling the form; a bad record id,
 * an invalid form and the domain's refusals are told with what was typed (lib/forms/form-state.ts
 * `refused`: a refusal about one field next to that field).
 */
export function formAction<A extends Access, R, State extends FormState = FormState, S extends z.ZodType | undefined = undefined, const F extends string = never>(
  spec: FormActionSpec<A, S, F, R, State>,
): (previous: State, formData: FormData) => Promise<State> {
  return async (_previous, formData) => {
    const entered = await enter(spec.access);
    if ("refusal" in entered) return refused(entered.refusal) as State;
    const refill = spec.refill === false ? undefined : formData;
    const files = spec.fileFields ? await formFiles(formData, spec.fileFields) : {};
    const parsed = parseForm(spec.schemaFor ? { ...spec, schema: spec.schemaFor(entered.context) } : spec, formData, files);
    if ("notFound" in parsed) return failed(parsed.notFound, refill) as State;
    if ("invalid" in parsed) return spec.invalid ? spec.invalid(parsed.invalid, formData) : (validationFailed(parsed.invalid, formData) as State);
    const outcome = await call(() => spec.run(parsed.input, entered.context));
    if ("refusal" in outcome) return refused(outcome.refusal, refill) as State;
    const answer = spec.done(outcome.result, parsed.input);
    if (spec.revalidate) revalidatePath(...spec.revalidate);
    if ("redirect" in answer) redirect(answer.redirect);
    return answer;
  };
}

// ─── Button forms that answer with a redirect ─────────────────────────────────

type RedirectForm<S extends z.ZodType | undefined> =
  | { schema: S; listFields?: readonly string[]; /** Where an invalid form sends the browser. */ invalid: string }
  | { schema?: undefined; listFields?: undefined; invalid?: undefined };

export type RedirectActionSpec<A extends Access, S extends z.ZodType | undefined, R> = RedirectForm<S> & {
  access: A;
  /**
   * Where a refusal sends the browser (a URL with a notice); undefined for one this action
   * does not expect, which is rethrown. A refusal of the caller comes before the form is read
   * (no input).
   */
  refused?: (error: AppError, input: ActionInput<S, never> | undefined) => string | undefined;
  /** The domain call; it refuses by throwing an AppError. */
  run: (input: ActionInput<S, never>, context: ActionContext<A>) => Promise<R>;
  /** Where a success sends the browser. */
  done: (result: R, input: ActionInput<S, never>) => string;
  /** Revalidated before every redirect (success, refusal or invalid form). */
  revalidate?: Revalidate;
};

/**
 * An action for a small form without state (a button: pause, archive, revoke, sign out):
 * `(formData) → redirect`, whatever happens, to a page whose notice says what did.
 */
export function redirectAction<A extends Access, R, S extends z.ZodType | undefined = undefined>(
  spec: RedirectActionSpec<A, S, R>,
): (formData: FormData) => Promise<void> {
  const refusedTo = (error: AppError, input: ActionInput<S, never> | undefined): string => {
    const destination = spec.refused?.(error, input);
    if (destination === undefined) throw error;
    return destination;
  };
  return async (formData) => {
    const entered = await enter(spec.access);
    let destination: string;
    if ("refusal" in entered) destination = refusedTo(entered.refusal, undefined);
    else {
      const parsed = parseForm<S, never>(spec, formData);
      if (!("input" in parsed)) destination = spec.invalid!;
      else {
        const outcome = await call(() => spec.run(parsed.input, entered.context));
        destination = "refusal" in outcome ? refusedTo(outcome.refusal, parsed.input) : spec.done(outcome.result, parsed.input);
      }
    }
    if (spec.revalidate) revalidatePath(...spec.revalidate);
    redirect(destination);
  };
}
