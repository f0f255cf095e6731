import "server-only";
// Route handlers' side of "unknown errors never reach users raw": a failure the handler did not expect
// (the database gone, a bug) answers JSON with a French message and a real status — 503 while the
// database is unreachable, so that clients retry, 500 otherwise — instead of Next's empty 500. The log
// gets the error's code and message, never a stack trace in the response.
//   export const GET = withApiErrors(async (request, context) => { ... });
import { NextResponse } from "next/server";
import { unstable_rethrow } from "next/navigation";
import { isConnectionError, toAppError } from "../errors";

/**
 * Prisma's own codes for "no database" (can't reach the server, timed out, connection closed), which the
 * catalogue's isConnectionError does not list: Prisma raises them as known request errors, without the
 * driver's code in the chain.
 */
const PRISMA_UNREACHABLE = new Set(["P1001", "P1002", "P1008", "P1017"]);

/**
 * True when the database is not there (down, restarting, refusing connections) rather than the query
 * being wrong. Besides the catalogue's test, it reads what Prisma keeps of the driver's error
 * (`meta.driverAdapterError`): a FATAL error, or a connection-class SQLSTATE (08…, 57P0x shutdown and
 * start-up, 53300 too many connections), as seen while PostgreSQL restarts.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if ((typeof code === "string" && PRISMA_UNREACHABLE.has(code)) || isConnectionError(error)) return true;
  const driver = (error as { meta?: { driverAdapterError?: unknown } } | null)?.meta?.driverAdapterError;
  if (!driver) return false;
  if (isConnectionError(driver)) return true;
  const cause = (driver as { cause?: { code?: unknown; severity?: unknown } }).cause;
  return cause?.severity === "FATAL" || (typeof cause?.code === "string" && /^(08|57P0|53300$)/.test(cause.code));
}

/** What an API client reads while the database is away (the catalogue's text speaks to operators). */
export const API_UNAVAILABLE = "Service momentanément indisponible : la base de données ne répond pas. Réessayez dans un instant.";

export function apiErrorResponse(error: unknown): NextResponse {
  const appError = toAppError(error);
  const unavailable = isDatabaseUnavailable(error);
  console.error(`[api] ${unavailable ? "DATABASE_UNREACHABLE" : appError.code}: ${lastLine(appError.message)}`);
  if (unavailable) {
    return NextResponse.json({ erreur: API_UNAVAILABLE }, { status: 503, headers: { "Retry-After": "5", "Cache-Control": "no-store" } });
  }
  return NextResponse.json({ erreur: appError.userMessage }, { status: 500, headers: { "Cache-Control": "no-store" } });
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
