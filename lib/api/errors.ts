import { z } from "zod";

// One error type for every API response. Handlers throw ApiError (or let zod / unknown
// errors escape); toErrorResponse turns anything into JSON with the right status and a
// message a person can act on — never a stack trace, SQL or a secret.

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

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, message: string, options: { details?: unknown; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.details = options.details;
    this.headers = options.headers;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof z.ZodError) {
    return new ApiError("unprocessable_entity", "The request is not valid.", {
      details: error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
    });
  }
  return new ApiError("internal_error", "Something went wrong on our side. Please try again.");
}

export function toErrorResponse(error: unknown, init: { headers?: HeadersInit } = {}): Response {
  const apiError = toApiError(error);
  if (apiError.code === "internal_error") {
    // Logged in full for the operator; the response carries only the generic message.
    console.error("Unhandled error in API handler:", error);
  }
  const body: ErrorBody = {
    error: {
      code: apiError.code,
      message: apiError.message,
      ...(apiError.details === undefined ? {} : { details: apiError.details }),
    },
  };
  const headers = new Headers(init.headers);
  headers.set("Cache-Control", "no-store");
  for (const [name, value] of Object.entries(apiError.headers ?? {})) headers.set(name, value);
  return Response.json(body, { status: apiError.status, headers });
}
