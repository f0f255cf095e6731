// Calendar dates of the convention (signature, due dates, end): plain dates without time zone, in ISO
// form "YYYY-MM-DD". Arithmetic goes through Temporal.PlainDate (month addition clamps to the month's end).
import { Temporal } from "temporal-polyfill";

export type IsoDate = string;

export function isoDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

/** A database DATE arrives as a JS Date at UTC midnight; this is the way back. */
export function toDbDate(iso: IsoDate): Date {
  return new Date(`${Temporal.PlainDate.from(iso).toString()}T00:00:00.000Z`);
}

export function addMonths(iso: IsoDate, months: number): IsoDate {
  return Temporal.PlainDate.from(iso).add({ months }).toString();
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  return Temporal.PlainDate.from(iso).add({ days }).toString();
}

/**
 * Chronological order of two ISO dates. "YYYY-MM-DD" strings sort as text in calendar order, so no parsing:
 * this runs for every tranche, review and event of every convention the portfolio derives (measured: the
 * Temporal parse was a third of the portfolio's derivation time).
 */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function todayInParis(now: Date = new Date()): IsoDate {
  return Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO("Europe/Paris").toPlainDate().toString();
}

/** "29 février 2024" */
const LONG_DATE = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "29 février 2024", "1er mai 2024" (French typography writes the first day of a month as an ordinal). */
export function formatDate(iso: IsoDate): string {
  return LONG_DATE.format(new Date(`${iso}T00:00:00.000Z`)).replace(/^1 /, "1er ");
}

/** Last day of April of the signature's year: the FAST text's "bilan de mi-parcours (fin avril)". */
export function defaultMidTermReviewDue(signedOn: IsoDate): IsoDate {
  return `${signedOn.slice(0, 4)}-04-30`;
}

/** True for a real calendar date written "YYYY-MM-DD" (rejects "2024-02-30" and other shapes). */
/**
 * A real day of the proleptic Gregorian calendar written YYYY-MM-DD (what Temporal.PlainDate.from accepts
 * with overflow "reject" for such a string, checked by a property test) — by arithmetic: a Chorus import
 * checks hundreds of thousands of dates, and building a Temporal date for each cost ~0.8 s per 100 000 lines.
 */
export function isValidIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
}

export function yearOf(iso: IsoDate): number {
  return Number(iso.slice(0, 4));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to), { largestUnit: "days" }).days;
}

export function minDate(...dates: (IsoDate | null | undefined)[]): IsoDate | null {
  let min: IsoDate | null = null;
  for (const d of dates) if (d && (min === null || compareDates(d, min) < 0)) min = d;
  return min;
}
