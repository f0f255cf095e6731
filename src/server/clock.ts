// The app's one clock: every page, repository, route and action that needs "today" (Paris) or "now" asks it,
// instead of reading the system clock. Use cases never read it: they receive the day or moment in their
// context (src/server/use-cases/context.ts).
//
// The clock is the system's, unless
// - a test fixes it (`fixClock("2025-03-14")`, `resetClock()`; vitest, in process), or
// - the end-to-end and fault servers fix it for a run with TEST_CLOCK (a date, or an instant with its offset).
//   TEST_CLOCK is honoured only on the embedded database (no DATABASE_URL): with DATABASE_URL the
//   configuration is refused (src/server/env.ts) and `npm start` also refuses it when NODE_ENV=production
//   (scripts/start.ts) — a production server never runs on a chosen date. See docs/exploitation.md.
// A fixed clock is frozen: every call answers the same moment. Security timers (sessions, sign-in throttling)
// stay on the system clock.
import { todayInParis, type IsoDate } from "@/domain/dates";
import { env, parseTestClock } from "./env";

/** undefined: not read yet; null: the system clock. */
let fixed: Date | null | undefined;

function fixedMoment(): Date | null {
  if (fixed === undefined) {
    const value = env().TEST_CLOCK;
    fixed = value ?? null;
    if (fixed) console.warn(`[clock] horloge d'essai fixée par TEST_CLOCK : ${fixed.toISOString()} (jour ${todayInParis(fixed)})`);
  }
  return fixed;
}

/** The current moment. */
export function now(): Date {
  const at = fixedMoment();
  return at ? new Date(at.getTime()) : new Date();
}

/** Today in Paris, "YYYY-MM-DD": the day the convention's rules are applied on. */
export function today(): IsoDate {
  return todayInParis(now());
}

/** Tests: freeze the clock at a day ("2025-03-14", noon in Paris) or a moment. */
export function fixClock(at: IsoDate | Date): void {
  const moment = typeof at === "string" ? parseTestClock(at) : at;
  if (!moment) throw new Error(`fixClock: not a date or moment: ${String(at)}`);
  fixed = moment;
}

/** Tests: back to the system clock (TEST_CLOCK is read again at the next call). */
export function resetClock(): void {
  fixed = undefined;
}

export const clock = { now, today };
