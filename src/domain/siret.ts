// SIRET (INSEE's number of an establishment): 14 digits, the SIREN of the company (9) then the NIC (5). The
// last digit is a Luhn check digit over all 14 (the Luhn sum itself comes from a library), with one
// exception of INSEE's: La Poste's establishments (SIREN 356 000 000) are too many for the NIC's range and
// are checked instead by the sum of their digits, a multiple of 5.
import luhn from "fast-luhn";
import { SIRET_PROBLEMS, type SiretProblem } from "./failures";

export const LA_POSTE_SIREN = "356000000";

/** Null when `digits` is a valid SIRET; else why not: not 14 digits, or the key does not match. */
export function siretProblemCode(digits: string): Exclude<SiretProblem, "MISSING"> | null {
  if (!/^\d{14}$/.test(digits)) return "DIGITS";
  if (luhn(digits)) return null;
  if (digits.startsWith(LA_POSTE_SIREN) && [...digits].reduce((acc, d) => acc + Number(d), 0) % 5 === 0) return null;
  return "KEY";
}

/** Null when `digits` is a valid SIRET; else why not, in the catalogue's words. */
export function siretProblem(digits: string): string | null {
  const problem = siretProblemCode(digits);
  return problem && SIRET_PROBLEMS[problem];
}
