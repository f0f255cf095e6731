import "server-only";
// Route handlers' side of "unknown errors never reach users raw": a failure the handler did not expect
// (the database gone, a bug) answers JSON with a French message and a real status — 503 while the
// database is unreachable, so that clients retry, 500 otherwise — instead of Next's empty 500. The log
// gets the error's code and message, never a stack trace in the response.
//   export const GET = withApiErrors(async (request, context) => { ... });
import { NextResponse } from "next/server";
import { unstable_rethrow } from "next/navigation";
import { ERRORS, isConnectionError, toAppError } from "../errors";

/** What an API client reads while the database is away. */
export const API_UNAVAILABLE = ERRORS.DATABASE_UNREACHABLE;

export function apiErrorResponse(error: unknown): NextResponse {
  const appError = toAppError(error);
  const unavailable = isConnectionError(error);
  console.error(`[api] ${unavailable ? "DATABASE_UNREACHABLE" : appError.code}: ${lastLine(appError.message)}`);
  if (unavailable) {
    return NextResponse.json({ code: "DATABASE_UNREACHABLE", erreur: API_UNAVAILABLE }, { status: 503, headers: { "Retry-After": "5", "Cache-Control": "no-store" } });
  }
  return NextResponse.json({ code: appError.code, erreur: appError.userMessage }, { status: 500, headers: { "Cache-Control": "no-store" } });
}

/** Prisma's messages start with the call site and source excerpt; the cause is on the last line. */
function lastLine(message: string): string {
  return message.trim().split("\n").at(-1)!.trim();
}

export function withApiErrors<A extends unknown[]>(handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      // notFound(), redirect(), forbidden()... are Next's control flow, not failures.
      unstable_rethrow(error);
      return apiErrorResponse(error);
    }
  };
}
