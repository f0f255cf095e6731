// The catalogue of errors the app knows: a code, an internal message for the logs, and the French
// message a user or an operator reads. Unknown errors never reach users raw.

export const ERRORS = {
  DATABASE_UNREACHABLE: "La base de données est injoignable. Vérifiez DATABASE_URL et que PostgreSQL est démarré.",
  FORBIDDEN: "Accès refusé : votre organisation n'est pas partie à cette convention ou votre rôle ne le permet pas.",
  NOT_FOUND: "Ressource introuvable.",
  UNAUTHENTICATED: "Authentification requise : connectez-vous.",
  INVALID_INPUT: "Les informations saisies sont incomplètes ou invalides.",
  UNEXPECTED: "Une erreur inattendue est survenue. Réessayez dans un instant.",
} as const;

export type ErrorCode = keyof typeof ERRORS;

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

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "ECONNRESET", "EHOSTUNREACH", "57P01", "57P03", "3D000", "28P01"]);

/** True for errors that mean "the database is not there" rather than "the query is wrong". */
export function isConnectionError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && CONNECTION_CODES.has(code)) return true;
    const kind = (e as { cause?: { kind?: unknown } }).cause?.kind;
    if (kind === "DatabaseNotReachable" || kind === "DatabaseDoesNotExist" || kind === "AuthenticationFailed") return true;
    if (e instanceof AggregateError && e.errors.some(isConnectionError)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Maps any error to the catalogue, keeping the original as the cause. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const internal = error instanceof Error ? error.message : String(error);
  return new AppError(isConnectionError(error) ? "DATABASE_UNREACHABLE" : "UNEXPECTED", internal);
}
