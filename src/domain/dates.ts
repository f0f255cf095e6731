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

export function compareDates(a: IsoDate, b: IsoDate): number {
  return Temporal.PlainDate.compare(a, b);
}

export function todayInParis(now: Date = new Date()): IsoDate {
  return Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO("Europe/Paris").toPlainDate().toString();
}

/** "29 février 2024" */
export function formatDate(iso: IsoDate): string {
  return new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(toDbDate(iso));
}

/** Last day of April of the signature's year: the FAST text's "bilan de mi-parcours (fin avril)". */
export function defaultMidTermReviewDue(signedOn: IsoDate): IsoDate {
  return `${signedOn.slice(0, 4)}-04-30`;
}
