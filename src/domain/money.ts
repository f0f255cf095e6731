// Money is integer cents held in bigint, from the form to the database to the screen: no floating point.
import { failure, messageOf, type FailureCode } from "./failures";

export type Cents = bigint;

const euroFormat = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

/** "121 000,00 €" — Intl formats a decimal string exactly (no conversion through a float). */
export function formatEuros(cents: Cents): string {
  return euroFormat.format(centsToDecimalString(cents) as unknown as number);
}

export function centsToDecimalString(cents: Cents): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const units = abs / 100n;
  const rest = (abs % 100n).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${units}.${rest}`;
}

/** "121000,00", "-0,05": exact, no thousands separator, a decimal comma (French spreadsheets, CSV exports). */
export function centsToFrenchDecimal(cents: Cents): string {
  return centsToDecimalString(cents).replace(".", ",");
}

export function euros(units: number | bigint): Cents {
  return BigInt(units) * 100n;
}

/** Share of an amount in basis points (5000 = 50 %), rounded down to the cent. */
export function shareOf(amount: Cents, basisPoints: number): Cents {
  return (amount * BigInt(basisPoints)) / 10_000n;
}

export function sum(values: Iterable<Cents>): Cents {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

/** Why an amount could not be read (the message says it in French; callers may word it their way). */
export type MoneyParseProblem = "unreadable" | "too-many-decimals" | "too-large";

export type MoneyParseResult = { ok: true; cents: Cents } | { ok: false; problem: MoneyParseProblem; code: FailureCode; message: string };

/**
 * How an amount is written. Every caller states what it accepts: a person typing in a form, a French
 * spreadsheet export, a technical SAP file.
 */
export type AmountSyntax = {
  /** "," (French exports), "." (technical files) or either (typing). Two decimals at most keep "either" unambiguous. */
  decimalMark: "," | "." | "either";
  /**
   * Spaces (plain, no-break, narrow no-break): "anywhere" drops them (typing), "thousands" allows them only
   * between groups of three digits ("1 234 567,89", not "12 34,5"), "none" refuses them.
   */
  spaces: "anywhere" | "thousands" | "none";
  /** SAP writes reductions with a trailing minus: "1234.50-". */
  trailingMinus: boolean;
};

/** What a person types in a form: "1 234,56", "1234.56", "1 234,56 €", "-12". */
export const TYPED_AMOUNT: AmountSyntax = { decimalMark: "either", spaces: "anywhere", trailingMinus: false };

const MAX_CENTS = 10n ** 15n; // a thousand billion euros: far beyond any convention, below bigint limits

const CODES = { unreadable: "AMOUNT_UNREADABLE", "too-many-decimals": "AMOUNT_TOO_MANY_DECIMALS", "too-large": "AMOUNT_TOO_LARGE" } as const;

/** Refused, with the catalogue's code and words (src/domain/failures.ts). */
function unread(problem: MoneyParseProblem): MoneyParseResult {
  const code = CODES[problem];
  return { ok: false, problem, code, message: messageOf(failure(code)) };
}

const patterns = new Map<string, RegExp>();

/** The unsigned amount's pattern for a syntax: units (grouped or not), then decimals after the mark. */
function amountPattern(syntax: AmountSyntax): RegExp {
  const key = `${syntax.decimalMark}|${syntax.spaces}`;
  let pattern = patterns.get(key);
  if (!pattern) {
    const units = syntax.spaces === "thousands" ? String.raw`\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+` : String.raw`\d+`;
    const mark = syntax.decimalMark === "either" ? "[.,]" : syntax.decimalMark === "," ? "," : String.raw`\.`;
    pattern = new RegExp(String.raw`^(${units})(?:${mark}(\d+))?$`);
    patterns.set(key, pattern);
  }
  return pattern;
}

/**
 * Parses an amount written the French way or the plain way, as `syntax` allows (by default what people type).
 * Hand-written because it is ours: the rules (separators, two decimals at most, sign) are the product's.
 * The one implementation of amount reading: forms and Chorus imports both come here.
 */
export function parseEuros(input: string, syntax: AmountSyntax = TYPED_AMOUNT): MoneyParseResult {
  let text = input.trim().replace(/^€\s*/, "").replace(/\s*€$/, "");
  if (syntax.spaces === "anywhere") text = text.replace(/[\s\u00a0\u202f]/g, "");
  let negative = false;
  if (text.startsWith("-")) {
    negative = true;
    text = text.slice(1);
  } else if (syntax.trailingMinus && text.endsWith("-")) {
    negative = true;
    text = text.slice(0, -1);
  }
  const match = amountPattern(syntax).exec(text);
  if (!match) return unread("unreadable");
  const [, unitDigits = "0", decimals = ""] = match;
  if (decimals.length > 2) return unread("too-many-decimals");
  const cents = BigInt(unitDigits.replace(/\D/g, "")) * 100n + BigInt(decimals.padEnd(2, "0"));
  if (cents >= MAX_CENTS) return unread("too-large");
  return { ok: true, cents: negative ? -cents : cents };
}
