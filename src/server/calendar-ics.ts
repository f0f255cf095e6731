import "server-only";
// A convention's due dates as an iCalendar feed (RFC 5545), written by the `ics` library: all-day events,
// stable UIDs (a calendar that re-imports the feed updates its events instead of duplicating them).
import { createEvents, type DateArray, type EventAttributes } from "ics";
import { addDays, type IsoDate } from "@/domain/dates";
import { CALENDAR_CATEGORY_LABELS, conventionCalendar, type CalendarEntry } from "@/domain/calendar";
import { deriveConvention } from "@/domain/convention-view";
import { OBLIGATION_STATUS_LABELS } from "@/domain/obligations";
import type { ConventionFactsRecord } from "./repositories/convention-facts";
import { loadObligationsOf } from "./repositories/obligations";

/** What prefixes every title of a convention's due dates: "FAST 14 — France Chaleur Urbaine". */
export const calendarLabel = (c: Pick<ConventionFactsRecord, "fastCall" | "startupName">) => `${c.fastCall} — ${c.startupName}`;

/**
 * Every due date of these conventions (the caller loaded them for a reader who may see them), derived as
 * their pages derive them (terms in force); their obligations are read in one query whatever their number.
 */
export async function calendarEntries(conventions: readonly ConventionFactsRecord[], today: IsoDate): Promise<CalendarEntry[]> {
  const obligations = await loadObligationsOf(conventions, today);
  return conventions.flatMap((facts) => {
    const view = deriveConvention(facts, today);
    return conventionCalendar({
      conventionId: facts.id,
      label: calendarLabel(facts),
      midTermReviewDueOn: view.dates.midTermReviewDueOn,
      committeesDueOn: view.dates.committeesDueOn,
      endsOn: view.terms.endsOn,
      terminationEffectiveOn: view.dates.terminationEffectiveOn,
      timeline: view.timeline,
      obligations: (obligations.get(facts.id) ?? []).map((o) => ({ code: o.code, title: o.title, owedBy: o.owedBy, dueOn: o.dueOn, statusLabel: OBLIGATION_STATUS_LABELS[o.status] })),
    });
  });
}

const day = (iso: IsoDate): DateArray => [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];

export function calendarToIcs(entries: readonly CalendarEntry[], options: { calName: string; url?: string }): string {
  const events: EventAttributes[] = entries.map((e) => ({
    uid: e.uid,
    start: day(e.date),
    // All-day: the end is exclusive, the next day.
    end: day(addDays(e.date, 1)),
    title: e.title,
    description: e.description,
    categories: [CALENDAR_CATEGORY_LABELS[e.category]],
    transp: "TRANSPARENT",
    busyStatus: "FREE",
    ...(options.url ? { url: options.url } : {}),
  }));
  const { error, value } = createEvents(events, { productId: "-//Suivi FAST//Echeances des conventions//FR", calName: options.calName });
  if (error || value === null) throw error ?? new Error("ICS generation failed");
  return value;
}
