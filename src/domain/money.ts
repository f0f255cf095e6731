// Money is integer cents held in bigint, from the form to the database to the screen: no floating point.

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

export type MoneyParseResult = { ok: true; cents: Cents } | { ok: false; message: string };

const MAX_CENTS = 10n ** 15n; // a thousand billion euros: far beyond any convention, below bigint limits

/**
 * Parses an amount typed the French way or the plain way: "1 234,56", "1234.56", "1 234,56 €", "-12".
 * Hand-written because it is ours: the rules (separators, two decimals at most, sign) are the product's.
 */
export function parseEuros(input: string): MoneyParseResult {
  const text = input.replace(/[\s\u00a0\u202f]/g, "").replace(/€$/, "").replace(/^€/, "");
  const match = /^(-)?(\d+)(?:[.,](\d{1,2}))?$/.exec(text);
  if (!match) {
    if (/^-?\d+[.,]\d{3,}$/.test(text)) return { ok: false, message: "Un montant a au plus deux décimales (centimes)." };
    return { ok: false, message: "Montant illisible : écrivez par exemple 1 234,56." };
  }
  const [, sign, units = "0", decimals = ""] = match;
  const cents = BigInt(units) * 100n + BigInt(decimals.padEnd(2, "0") || "0");
  if (cents >= MAX_CENTS) return { ok: false, message: "Montant trop élevé." };
  return { ok: true, cents: sign ? -cents : cents };
}
