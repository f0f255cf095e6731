// The cells of a CSV export, typed by what they hold; csvResponse (src/server/csv.ts) writes them:
// - a string is text — what people typed or imported (names, objects, document numbers) and the app's labels.
//   One starting like a formula (=, +, -, @, tab, carriage return) is neutralised, whatever wrote it;
// - a bigint is an amount in cents, written exact with a decimal comma ("-1234,50"), never neutralised;
// - a number is a count or a year the app computed, written as is.
// Deciding by type, not by content, keeps a negative amount a number and a supplier called "-X" harmless.
import type { IsoDate } from "./dates";

export type CsvCell = string | bigint | number;
export type CsvRecord = readonly CsvCell[];

/** "31/12/2024": the date form French spreadsheets read as a date. */
export function csvDate(iso: IsoDate): string {
  const [year, month, day] = iso.split("-");
  return `${day}/${month}/${year}`;
}
