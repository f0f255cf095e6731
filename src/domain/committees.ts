// Investment committees (article 2): every six months, chaired by the partner's representative, DINUM
// invited. When one may be recorded, which due date each one answers (a late one is flagged), and the FAST
// commitments of the team over the period (1 developer-day and 2 deployment-days per week at least).
import type { ConventionFacts } from "./convention-state";
import type { IsoDate } from "./dates";
import { failure, messageOf, refuse } from "./failures";
import { checkEventDate, type EventCheck } from "./life-events";

/**
 * A committee is dated within the convention's life (not in the future, not before signature, not after its
 * end) and one committee is held per date.
 */
export function checkCommitteeDate(facts: ConventionFacts, heldOn: IsoDate, today: IsoDate, heldDates: readonly IsoDate[]): EventCheck {
  const date = checkEventDate(facts, heldOn, today, "committee", "heldOn");
  if (!date.ok) return date;
  if (heldDates.includes(heldOn)) return refuse("COMMITTEE_DATE_TAKEN", { on: heldOn }, "heldOn");
  return { ok: true };
}

/** DINUM is invited to every committee (article 2): it cannot have attended one it was not invited to. */
export function checkDinumAttendance(input: { dinumInvited: boolean; dinumAttended: boolean }): EventCheck {
  if (input.dinumAttended && !input.dinumInvited) return refuse("DINUM_ATTENDED_UNINVITED", undefined, "dinumAttended");
  return { ok: true };
}

// ───────────────────────────── FAST commitments of the team ─────────────────────────────

/** Minimums per week during the acceleration, in tenths of a day. */
export const MIN_DEV_DAYS_TENTHS = 10;
export const MIN_DEPLOY_DAYS_TENTHS = 20;
/** A week has seven days: a commitment is at most 7 days a week (the database's committee_days CHECK says the same). */
export const MAX_DAYS_PER_WEEK_TENTHS = 70;

export type DaysParse = { ok: true; tenths: number | null } | { ok: false; message: string };

/** "1,5" → 15 tenths; empty → not given. */
export function parseDaysPerWeek(input: string | undefined, label: string): DaysParse {
  const text = (input ?? "").replace(/[\s\u00a0\u202f]/g, "");
  if (text === "") return { ok: true, tenths: null };
  if (/^-/.test(text)) return { ok: false, message: messageOf(failure("DAYS_NEGATIVE", { label })) };
  const match = /^(\d{1,3})(?:[.,](\d))?$/.exec(text);
  if (!match) return { ok: false, message: messageOf(failure("DAYS_UNREADABLE", { label })) };
  const tenths = Number(match[1]) * 10 + Number(match[2] ?? "0");
  if (tenths > MAX_DAYS_PER_WEEK_TENTHS) return { ok: false, message: messageOf(failure("DAYS_TOO_MANY", { label })) };
  return { ok: true, tenths };
}

/** "1,5 jour", "2 jours" */
export function formatDays(tenths: number): string {
  const text = tenths % 10 === 0 ? String(tenths / 10) : `${Math.floor(tenths / 10)},${tenths % 10}`;
  return `${text} jour${tenths >= 20 ? "s" : ""}`;
}

/** Warnings (never refusals: the committee records what was) when the team was under the FAST minimums. */
export function fastCommitmentWarnings(input: { devDaysPerWeekTenths: number | null; deployDaysPerWeekTenths: number | null }): string[] {
  const warnings: string[] = [];
  const dev = input.devDaysPerWeekTenths;
  const deploy = input.deployDaysPerWeekTenths;
  if (dev === null) warnings.push("Jours de développement par semaine non renseignés.");
  else if (dev < MIN_DEV_DAYS_TENTHS) warnings.push(`Développement : ${formatDays(dev)} par semaine, sous le minimum FAST de 1 jour.`);
  if (deploy === null) warnings.push("Jours de déploiement par semaine non renseignés.");
  else if (deploy < MIN_DEPLOY_DAYS_TENTHS) warnings.push(`Déploiement : ${formatDays(deploy)} par semaine, sous le minimum FAST de 2 jours.`);
  return warnings;
}
