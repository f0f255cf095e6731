// Amounts in words, as a French legal text writes them beside the figures: "121 000 € (cent vingt et un
// mille euros)". The number words come from n2words (French rules: "vingt et un", "quatre-vingts",
// "deux cents" but "deux cent trois", "mille" invariable); the currency is ours, since n2words writes
// "un million euros" where French says "un million d'euros".
import { toCardinal } from "n2words/fr-FR";
import type { Cents } from "./money";

/** "cent vingt et un mille euros", "un million d'euros", "mille euros et cinquante centimes". */
export function eurosInWords(cents: Cents): string {
  if (cents < 0n) throw new Error("eurosInWords: a negative amount has no words here");
  const units = cents / 100n;
  const rest = cents % 100n;
  const unitWords = toCardinal(units);
  // "un million", "deux milliards": a noun takes "d'" before "euros".
  const euroWord = units <= 1n ? "euro" : "euros";
  const euroPart = /(millions?|milliards?)$/.test(unitWords) ? `${unitWords} d'${euroWord}` : `${unitWords} ${euroWord}`;
  if (rest === 0n) return euroPart;
  const centWords = `${toCardinal(rest)} ${rest === 1n ? "centime" : "centimes"}`;
  return units === 0n ? centWords : `${euroPart} et ${centWords}`;
}

/** "121 000 €" without cents when the amount is whole (the convention's own way), else "121 000,50 €". */
export function formatEurosShort(cents: Cents): string {
  const whole = cents % 100n === 0n;
  const format = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR", minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 });
  const units = cents / 100n;
  const decimal = whole ? units.toString() : `${units}.${(cents % 100n).toString().padStart(2, "0")}`;
  return format.format(decimal as unknown as number);
}

/** "121 000 € (cent vingt et un mille euros)". */
export function eurosInFiguresAndWords(cents: Cents): string {
  return `${formatEurosShort(cents)} (${eurosInWords(cents)})`;
}
