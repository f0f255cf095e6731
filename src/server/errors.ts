// The catalogue of errors the app knows: a code, an internal message for the logs, and the French
// message a user or an operator reads (the words from the catalogue, src/domain/failures.ts). Unknown errors
// never reach users raw.
import { failure, messageOf } from "@/domain/failures";

export const ERRORS = {
  DATABASE_UNREACHABLE: messageOf(failure("DATABASE_UNREACHABLE")),
  FORBIDDEN: messageOf(failure("FORBIDDEN")),
  NOT_FOUND: messageOf(failure("NOT_FOUND")),
  UNAUTHENTICATED: messageOf(failure("UNAUTHENTICATED")),
  INVALID_INPUT: messageOf(failure("INVALID_INPUT")),
  UNEXPECTED: messageOf(failure("UNEXPECTED")),
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** What an operator reads at start-up (npm start, db:setup) for the same failures: what to check. */
export const OPERATOR_ERRORS: Partial<Record<ErrorCode, string>> = {
  DATABASE_UNREACHABLE: "La base de données est injoignable. Vérifiez DATABASE_URL et que PostgreSQL est démarré.",
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    internal?: string,
    readonly userMessage: string = ERRORS[code],
  ) {
    super(internal ?? userMessage);
    this.name = "AppError";
  }
}

/**
 * Codes that mean "the database is not there" (down, restarting, refusing connections): the socket's
 * (ECONNREFUSED…), PostgreSQL's connection-class SQLSTATEs (08…, 57P01–57P03 shutdown and start-up, 53300
 * too many connections, 3D000 no such database, 28P01 bad password) and Prisma's own (P1000–P1017 can't
 * reach, timed out, closed; P2024 no connection from the pool in time; P2037 too many connections).
 */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "ECONNRESET", "EHOSTUNREACH", "EPIPE",
  "57P01", "57P02", "57P03", "53300", "3D000", "28P01", "08000", "08001", "08003", "08004", "08006",
  "P1000", "P1001", "P1002", "P1003", "P1008", "P1010", "P1011", "P1017", "P2024", "P2037",
]);
/** The driver adapters' names for the same (Prisma keeps them in `meta.driverAdapterError.cause.kind`). */
const CONNECTION_KINDS = new Set([
  "DatabaseNotReachable", "DatabaseDoesNotExist", "DatabaseAccessDenied", "AuthenticationFailed",
  "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TlsConnectionError",
]);
/** pg's own words when the server goes away under an open connection (no code is given). */
const CONNECTION_MESSAGES = /Connection terminated|terminating connection|Can't reach database server|Client has encountered a connection error/i;

/**
 * True for errors that mean "the database is not there" rather than "the query is wrong", however they
 * arrive: from the driver, from a driver adapter, or wrapped by Prisma (its `meta.driverAdapterError`), down
 * a chain of causes; a FATAL PostgreSQL error counts too.
 */
export function isConnectionError(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0 && seen.size < 20) {
    const e = pending.pop();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const { code, kind, severity, message } = e as { code?: unknown; kind?: unknown; severity?: unknown; message?: unknown };
    if (typeof code === "string" && CONNECTION_CODES.has(code)) return true;
    if (typeof kind === "string" && CONNECTION_KINDS.has(kind)) return true;
    if (severity === "FATAL") return true;
    if (typeof message === "string" && CONNECTION_MESSAGES.test(message)) return true;
    if (e instanceof AggregateError) pending.push(...e.errors);
    pending.push((e as { cause?: unknown }).cause, (e as { meta?: { driverAdapterError?: unknown } }).meta?.driverAdapterError);
  }
  return false;
}

/** Maps any error to the catalogue, keeping the original as the cause. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const internal = error instanceof Error ? error.message : String(error);
  return new AppError(isConnectionError(error) ? "DATABASE_UNREACHABLE" : "UNEXPECTED", internal);
}
