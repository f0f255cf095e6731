// What a Chorus extract import produces, whatever the file's format: normalised EJ movements, payment
// requests (DP) and the rejected lines with their reason in French. Parsers receive rows already split
// into fields (the CSV library does the quoting, on the server) and answer one outcome per row.
import type { IsoDate } from "../dates";

/**
 * One line of an engagement juridique as Chorus lists it. A file may list the same EJ line several times:
 * its initial amount, then increases and reductions (negative amounts) as separate dated movements.
 */
export type ChorusEjLine = {
  /** Chorus EJ number: 10 digits. */
  ejNumber: string;
  /** The EJ's line (poste), 1 to 9999. */
  lineNumber: number;
  orderedOn: IsoDate;
  supplierName: string;
  /** 14 digits, or null when the file leaves it empty. */
  supplierSiret: string | null;
  /** Chorus supplier code ("1000123456"), when the file gives it. */
  supplierCode?: string;
  /** Object of the line (designation), when the file gives it. */
  object?: string;
  /** AE in cents, signed: negative for a reduction. */
  amountCents: bigint;
  domaineFonctionnel: string;
  centreFinancier: string;
  /** Activité (référentiel de programmation). */
  activite: string;
  centreDeCout: string;
  programme?: string;
  compteGeneral?: string;
};

/** A payment request (demande de paiement) against an EJ line. */
export type ChorusDpLine = {
  dpNumber: string;
  ejNumber: string;
  /** The EJ's line (poste) the DP pays. */
  lineNumber: number;
  paidOn: IsoDate;
  /** CP in cents, signed: negative for a cancellation. */
  amountCents: bigint;
  supplierName?: string;
  /** Chorus supplier code. */
  vendor?: string;
  /** Imputation, when the DP file carries it (used by the scope filter). */
  centreFinancier?: string;
  activite?: string;
};

/** A line of the file that cannot be imported, with its reason in French ("Ligne 12 : montant illisible « 12,3,4 »."). */
export type LineRejection = {
  /** 1-based line in the file (the first line of the record when a quoted field spans several lines). */
  lineNumber: number;
  reason: string;
};

/** One row of the file, already split into fields by the CSV reader. */
export type RawRow = {
  /** 1-based line in the file where the row starts. */
  lineNumber: number;
  fields: readonly string[];
};

/** Why a row produced nothing, without being an error. */
export type IgnoredRowKind = "title" | "header" | "blank" | "total" | "after-fatal";

export type RowOutcome<T> =
  | { kind: "record"; lineNumber: number; record: T }
  | { kind: "rejected"; rejection: LineRejection }
  | { kind: "ignored"; lineNumber: number; why: IgnoredRowKind }
  /** The file cannot be read at all (header missing columns…): stop, nothing of it may be applied. */
  | { kind: "fatal"; rejection: LineRejection };

/** A format's parser: feed it the rows in order, then call end() once. */
export interface ChorusRowParser<T> {
  push(row: RawRow): RowOutcome<T>;
  /** A file-level problem found at the end (no header row at all), or null. */
  end(): LineRejection | null;
}

/** Key of an EJ line ("1300123456/1"): several movements of a file may share it. */
export function ejLineKey(ejNumber: string, lineNumber: number): string {
  return `${ejNumber}/${lineNumber}`;
}
