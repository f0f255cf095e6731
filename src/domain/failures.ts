// Every refusal the app gives is a code with its parameters (and, when it concerns one field, that field's
// name); the French words live once, in this catalogue, keyed by code. The domain, the use cases, the
// actions, the routes and the import all speak in `Failure`s; the words are written only where a user reads
// them (`messageOf`), so a test asserts a code, not a sentence, and a wording changes in one place.
// zod's own messages stay in src/server/zod-fr.ts (the library's French map); a zod refinement that states a
// rule of ours uses `messageOf(failure(...))` so its words come from here too.

// Parameters are plain values (strings, numbers, ISO dates, amounts in cents as bigint): an entry formats them
// with the domain's formatters (formatEuros, formatDate), so a message reads "18 000,00 €" and "12 septembre
// 2024", never cents or ISO dates.
/**
 * The catalogue: one entry per code, a function of the code's parameters returning the French message.
 * Codes are UPPER_SNAKE in English (what the code means), grouped by the part of the record they concern.
 */
export const CATALOGUE = {
  // Access and the request itself (the server boundary).
  UNAUTHENTICATED: () => "Authentification requise : connectez-vous.",
  FORBIDDEN: () => "Accès refusé : votre organisation n'est pas partie à cette convention ou votre rôle ne le permet pas.",
  NOT_FOUND: () => "Ressource introuvable.",
  INVALID_INPUT: () => "Certaines informations sont à corriger.",
  DUPLICATE: (p: { what?: string }) => (p.what ? `Cet enregistrement existe déjà : ${p.what} (doublon refusé).` : "Cet enregistrement existe déjà (doublon refusé)."),
  DATABASE_UNREACHABLE: () => "Service momentanément indisponible : la base de données ne répond pas. Réessayez dans un instant ; rien n'a été enregistré.",
  UNEXPECTED: () => "Une erreur inattendue est survenue. Réessayez dans un instant.",
  /**
   * A refusal still written as a sentence where it is decided (being moved to codes of its own). The
   * sentence is the parameter; new code never uses it.
   */
  LEGACY_MESSAGE: (p: { message: string }) => p.message,
} satisfies Record<string, (params: never) => string>;

export type FailureCode = keyof typeof CATALOGUE;
/** The parameters a code's message needs (`undefined` for a code that needs none). */
export type FailureParams<C extends FailureCode> = Parameters<(typeof CATALOGUE)[C]>[0];

export interface Failure<C extends FailureCode = FailureCode> {
  code: C;
  params?: FailureParams<C>;
  /** The form field the failure concerns, if one (the message is then shown under it too). */
  field?: string;
}

type ParamsArgument<C extends FailureCode> = FailureParams<C> extends undefined ? [params?: undefined, field?: string] : [params: FailureParams<C>, field?: string];

/** A failure of this code, its parameters type-checked against the catalogue's entry. */
export function failure<C extends FailureCode>(code: C, ...[params, field]: ParamsArgument<C>): Failure<C> {
  return { code, ...(params === undefined ? {} : { params }), ...(field === undefined ? {} : { field }) } as Failure<C>;
}

/** The French message of a failure, from the catalogue. */
export function messageOf(f: Failure): string {
  const entry = CATALOGUE[f.code] as (params: unknown) => string;
  return entry(f.params ?? {});
}
