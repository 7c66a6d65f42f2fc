import { toAppError, type ErrorCode } from "@/lib/errors";
import { log } from "@/lib/log/logger";
import { describeError, withoutCredentials } from "@/lib/log/throttled-log";

// Errors as route handlers answer them: JSON with the right status and a message a person can
// act on — never a stack trace, SQL or a secret.

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function toErrorResponse(error: unknown, init: { headers?: HeadersInit } = {}): Response {
  const appError = toAppError(error);
  if (appError.code === "internal_error") {
    // Logged with its stack for the operator; the response carries only the generic message.
    const stack = error instanceof Error && error.stack ? withoutCredentials(error.stack) : undefined;
    log().error({ outcome: "internal_error", status: 500, error: describeError(error), stack }, "Unhandled error in an API handler (answered 500)");
  }
  const body: ErrorBody = {
    error: {
      code: appError.code,
      message: appError.message,
      ...(appError.details === undefined ? {} : { details: appError.details }),
    },
  };
  const headers = new Headers(init.headers);
  headers.set("Cache-Control", "no-store");
  for (const [name, value] of Object.entries(appError.headers ?? {})) headers.set(name, value);
  return Response.json(body, { status: appError.status, headers });
}
