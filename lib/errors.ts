import { z } from "zod";

// The one error type of the application, below every domain: a domain function refuses with
// an AppError (a code and a message a person can act on), and each way out speaks it in its
// own words — route handlers as JSON (lib/http/error-response.ts), server actions as form
// state (lib/auth/server-action.ts, through lib/forms/form-state.ts refused). Nothing here knows
// about HTTP beyond the status a code maps to.

export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  unprocessable_entity: 422,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, message: string, options: { details?: unknown; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = options.details;
    this.headers = options.headers;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/** Prisma's error code of a known request error (P2002, P2025, …), whatever the driver; undefined for anything else. */
export function prismaErrorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === "PrismaClientKnownRequestError" && typeof code === "string" ? code : undefined;
}

/** A unique key refused the write (P2002, the same on PGlite and PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  return prismaErrorCode(error) === "P2002";
}

/**
 * Anything thrown, as an AppError: itself; a zod error as 422 with one detail per issue; a
 * record that vanished under the write (Prisma P2025) as 404 and a unique key (P2002) as 409;
 * everything else as a generic 500 whose cause is for the log, never for the client.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) {
    return new AppError("unprocessable_entity", "The request is not valid.", {
      details: error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    });
  }
  const prismaCode = prismaErrorCode(error);
  if (prismaCode === "P2025") return new AppError("not_found", "Not found.");
  if (prismaCode === "P2002") return new AppError("conflict", "This conflicts with an existing record.");
  return new AppError("internal_error", "Something went wrong on our side. Please try again.");
}
