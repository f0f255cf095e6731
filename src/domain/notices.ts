// Notices from the délégataire to the délégant (convention, art. 3): credits insufficient to engage or pay
// what must be, or credits that will not be fully consumed. When one may be sent, the amount it states and
// what it says; DINUM answers each one once.
import { isRunning, type ConventionState } from "./convention-state";
import { creditShortfall, yearCredits, type CreditSummary } from "./credits";
import { failure, refuse, type Failure, type Refused } from "./failures";
import type { Cents } from "./money";
import type { NoticeKind } from "./notice-mail";
import type { CreditType } from "./terms";

export type NoticeRequest =
  | {
      kind: Extract<NoticeKind, "CREDITS_INSUFFISANTS">;
      year: number;
      creditType: CreditType;
      /** What must be engaged (AE) or paid (CP) in the year, beyond what already is. */
      neededCents: Cents;
      message: string;
    }
  | {
      kind: Extract<NoticeKind, "CREDITS_NON_CONSOMMES">;
      year: number;
      /** Forecast of what will not be consumed. */
      forecastCents: Cents;
      message: string;
    };

/** A notice that may be sent, with the amount and the message it records; or why not (by form field too). */
export type NoticeCheck = { ok: true; amountCents: Cents; message: string } | Refused;

/**
 * A notice is sent while the convention runs. Credits insufficient: only when something is missing, the
 * notice stating the amount missing, and its motive followed by what could cover it (tranches left to
 * release, an avenant). Credits not consumed: a forecast no larger than the year's CP not yet paid.
 */
export function checkNotice(state: ConventionState, credits: CreditSummary, request: NoticeRequest): NoticeCheck {
  if (!isRunning(state)) return refuse("NOTICE_CONVENTION_NOT_RUNNING");
  if (request.kind === "CREDITS_INSUFFISANTS") {
    const shortfall = creditShortfall(credits, request.creditType, request.year, request.neededCents);
    if (shortfall.missingCents === 0n) {
      return refuse("NOTICE_NOT_NEEDED", { neededCents: request.neededCents }, "neededAmount");
    }
    return { ok: true, amountCents: shortfall.missingCents, message: `${request.message}\n\n${shortfall.message}` };
  }
  const year = yearCredits(credits, request.year);
  const unconsumable = year.cp.allocated - year.cp.paid;
  if (request.forecastCents > unconsumable) {
    return refuse("NOTICE_FORECAST_ABOVE_UNPAID", { forecastCents: request.forecastCents, year: request.year, unpaidCents: unconsumable }, "forecastAmount");
  }
  return { ok: true, amountCents: request.forecastCents, message: request.message };
}

/** DINUM answers a notice once: the answer stays beside it in the convention's record. */
export function checkNoticeAnswer(notice: { answered: boolean }): { ok: true } | Refused<"NOTICE_ALREADY_ANSWERED"> {
  return notice.answered ? refuse("NOTICE_ALREADY_ANSWERED") : { ok: true };
}

/** A notice is about a budget year the convention covers: a year of its credits in force (2031 on a 2026 convention is refused). */
export function checkNoticeYear(years: readonly number[], year: number): Failure | null {
  return years.includes(year) ? null : failure("NOTICE_YEAR_NOT_COVERED", { year, years: [...years].sort((a, b) => a - b) }, "year");
}
