// A convention's standing in DINUM's portfolio, computed once when the convention changes and read for every
// portfolio request (docs/adr/0007-persisted-standing.md). Pure, and no second copy of the rules: the figures
// of a day are the domain's own derivation (conventionStanding, deriveObligation, portfolioRow); the standing
// is that derivation evaluated on the write's day and on every later day at which it can change, kept as a
// short timeline, so that reading it at any later day is a comparison of dates.
//
// Why the timeline is exact: the derivation compares the day it is asked about only with dates it finds in
// the facts or derives from them (an end date, a notice's effective date, a review or an obligation due, a
// release's day, a committee's conditions' deadline…), as "on or before" or "strictly before". Between two
// such dates (d, and the day after d) nothing it reads changes, so it is constant. standingOf collects those
// dates from the facts and from each evaluation (the derived ones), evaluates the derivation at each, and
// keeps a segment wherever the figures change. The property test (portfolio-standing.test.ts) replays random
// histories and checks the timeline against the derivation on random days.
import { conventionStanding, type ConventionRecord } from "./convention-view";
import { addDays, compareDates, type IsoDate } from "./dates";
import { deriveObligation, obligationTermsOf } from "./obligation-terms";
import type { DeclaredStatus } from "./obligations";
import type { Cents } from "./money";
import { ENDING_SOON_DAYS, portfolioRow, type PortfolioRow } from "./portfolio";
import type { AeLine, CpLine } from "./credits";

/**
 * The version of the rules a stored standing was computed with. Raise it whenever a rule the portfolio reads
 * changes (the derivation, what a row shows): at the next start, every standing of an older version is
 * computed again (ensureStandings, src/server/repositories/standing.ts), and until then it is not read.
 */
export const STANDING_RULES_VERSION = 1;

/** Everything recorded about a convention that its portfolio row depends on. */
export interface PortfolioFacts extends Omit<ConventionRecord, "committeeDates"> {
  /** The FAST funding as signed (the obligations' co-financing wording and terms read it). */
  fastFundingCents: Cents;
  /** Every obligation of its register, with its stored due date and its latest declared status. */
  obligations: readonly { code: string; dueOn: IsoDate | null; declared: DeclaredStatus | null }[];
  /** Notices sent to DINUM (délégant) not answered yet. */
  pendingNotices: number;
  /** The cost of impact worsened at the latest committee that measured it (costWorsened). */
  costWorsened: boolean;
}

/** What a portfolio row shows of a convention besides who it is (id, reference, startup, partner). */
export type PortfolioFigures = Omit<PortfolioRow, "id" | "reference" | "startupName" | "partner">;

/** The domain's full derivation of a convention's portfolio figures at `today`: the reference the standing must equal. */
export function portfolioFigures(facts: PortfolioFacts, today: IsoDate): PortfolioFigures {
  return figuresAndDates(facts, today).figures;
}

function figuresAndDates(facts: PortfolioFacts, today: IsoDate): { figures: PortfolioFigures; dates: IsoDate[] } {
  const view = conventionStanding(facts, today);
  const terms = obligationTermsOf(view, facts);
  const obligations = facts.obligations.map((o) => deriveObligation({ ...o, title: "", description: "" }, terms, today));
  const row = portfolioRow(
    {
      id: "",
      reference: "",
      startupName: "",
      partner: "",
      view,
      lateObligations: obligations.filter((o) => o.status === "EN_RETARD").length,
      pendingNotices: facts.pendingNotices,
      costWorsened: facts.costWorsened,
    },
    today,
  );
  const { id: _id, reference: _reference, startupName: _startup, partner: _partner, ...figures } = row;
  // The dates this day's derivation compared `today` with: every date of the derived view and of the
  // obligations' due dates in force, and the day a row starts to read "ending soon".
  const dates: IsoDate[] = [];
  collectDates(view, dates);
  for (const o of obligations) if (o.dueOn) dates.push(o.dueOn);
  dates.push(addDays(view.dates.endsOn, -ENDING_SOON_DAYS));
  return { figures, dates };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every ISO date (YYYY-MM-DD string) found anywhere in `value` (objects, arrays, stored JSON). */
function collectDates(value: unknown, into: IsoDate[], seen = new Set<object>()): void {
  if (typeof value === "string") {
    if (ISO_DATE.test(value)) into.push(value as IsoDate);
    return;
  }
  if (value === null || typeof value !== "object" || value instanceof Date || seen.has(value)) return;
  seen.add(value);
  for (const item of Array.isArray(value) ? value : Object.values(value)) collectDates(item, into, seen);
}

// ───────────────────────────── The timeline ─────────────────────────────

/** The figures as stored (JSON): the portfolio's figures, their AE and CP amounts as strings of cents. */
export type StoredFigures = Omit<PortfolioFigures, "ae" | "cp"> & {
  ae: Record<keyof AeLine, string>;
  cp: Record<keyof CpLine, string>;
};

/** From its day on (until the next segment's), the figures change by what this segment holds. */
export interface StandingSegment {
  from: IsoDate;
  /** The first segment holds every figure; each later one only those that change on its day. */
  set: Partial<StoredFigures>;
}

/** A convention's standing as stored: valid from `computedOn` (the write's day) on, under its rules' version. */
export interface Standing {
  rulesVersion: number;
  computedOn: IsoDate;
  segments: StandingSegment[];
}

const amountsOut = <L extends AeLine | CpLine>(line: L) => Object.fromEntries(Object.entries(line).map(([k, v]) => [k, String(v)])) as Record<keyof L, string>;

function store(figures: PortfolioFigures): StoredFigures {
  return { ...figures, ae: amountsOut(figures.ae), cp: amountsOut(figures.cp), releasable: [...figures.releasable] };
}

// Read for every convention of every portfolio request: plain field reads, no generic object walks.
function aeIn(ae: Record<keyof AeLine, string>): AeLine {
  return { allocated: BigInt(ae.allocated), madeAvailable: BigInt(ae.madeAvailable), toMakeAvailable: BigInt(ae.toMakeAvailable), engaged: BigInt(ae.engaged), leftToEngage: BigInt(ae.leftToEngage) };
}
function cpIn(cp: Record<keyof CpLine, string>): CpLine {
  return { allocated: BigInt(cp.allocated), madeAvailable: BigInt(cp.madeAvailable), toMakeAvailable: BigInt(cp.toMakeAvailable), paid: BigInt(cp.paid), leftToPay: BigInt(cp.leftToPay) };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The figures that differ from `before`'s. */
function changes(before: StoredFigures, after: StoredFigures): Partial<StoredFigures> {
  const out: Partial<StoredFigures> = {};
  for (const key of Object.keys(after) as (keyof StoredFigures)[]) if (!same(before[key], after[key])) (out as Record<string, unknown>)[key] = after[key];
  return out;
}

/** More than any convention has (a few dozen): a derivation that keeps inventing dates is a bug, not a convention. */
const MAX_EVALUATIONS = 5_000;

/**
 * The standing of a convention from `from` (the day of the write) on: the derivation on that day, then on
 * each later day at which it may change, kept where it does.
 */
export function standingOf(facts: PortfolioFacts, from: IsoDate): Standing {
  const candidates = new Set<IsoDate>();
  const queue: IsoDate[] = [];
  const consider = (dates: readonly IsoDate[]) => {
    for (const d of dates) {
      // A comparison "on or before d" changes on d; "strictly before d" (late after d) on the day after.
      for (const day of [d, addDays(d, 1)]) {
        if (compareDates(day, from) > 0 && !candidates.has(day)) {
          candidates.add(day);
          queue.push(day);
        }
      }
    }
  };
  const factDates: IsoDate[] = [];
  collectDates(facts, factDates);
  consider(factDates);
  const first = figuresAndDates(facts, from);
  consider(first.dates);
  const evaluated = new Map<IsoDate, StoredFigures>([[from, store(first.figures)]]);
  let evaluations = 1;
  while (queue.length > 0) {
    const day = queue.pop()!;
    if (++evaluations > MAX_EVALUATIONS) throw new Error(`standingOf: more than ${MAX_EVALUATIONS} days to evaluate`);
    const next = figuresAndDates(facts, day);
    evaluated.set(day, store(next.figures));
    consider(next.dates);
  }
  const days = [...evaluated.keys()].sort(compareDates);
  const segments: StandingSegment[] = [{ from, set: evaluated.get(from)! }];
  let current = evaluated.get(from)!;
  for (const day of days.slice(1)) {
    const figures = evaluated.get(day)!;
    const set = changes(current, figures);
    if (Object.keys(set).length > 0) segments.push({ from: day, set });
    current = figures;
  }
  return { rulesVersion: STANDING_RULES_VERSION, computedOn: from, segments };
}

/**
 * A stored standing as the portfolio reads it: each segment's amounts already cents (bigint). Parsing the JSON
 * and its amounts is most of the cost of reading a thousand standings (measured: ~13 ms and ~17 ms per
 * /pilotage request at 1 000 conventions), so the reader keeps this per standing, keyed by its content.
 */
export interface ParsedStanding {
  rulesVersion: number;
  computedOn: IsoDate;
  segments: { from: IsoDate; set: Partial<PortfolioFigures> }[];
}

/** `stored`'s segments with their amounts as cents (a segment holds AE or CP only when they change on its day). */
export function parseStanding(stored: Standing): ParsedStanding {
  return {
    rulesVersion: stored.rulesVersion,
    computedOn: stored.computedOn,
    segments: stored.segments.map(({ from, set }) => {
      const { ae, cp, ...rest } = set;
      return { from, set: { ...rest, ...(ae && { ae: aeIn(ae) }), ...(cp && { cp: cpIn(cp) }) } };
    }),
  };
}

/**
 * The figures a stored standing gives at `today`; null when it cannot tell: computed under other rules, or
 * after `today` (a clock set back). The caller then derives the convention in full.
 */
export function figuresOn(standing: Standing, today: IsoDate): PortfolioFigures | null {
  return figuresAt(parseStanding(standing), today);
}

/**
 * figuresOn for a parsed standing. The figures returned share the parsed standing's objects (it is parsed
 * once and read by many requests): read them, never change them.
 */
export function figuresAt(standing: ParsedStanding, today: IsoDate): PortfolioFigures | null {
  if (standing.rulesVersion !== STANDING_RULES_VERSION || compareDates(today, standing.computedOn) < 0) return null;
  const [first, ...later] = standing.segments;
  if (!first) return null;
  let figures = first.set as PortfolioFigures;
  for (const segment of later) {
    if (compareDates(segment.from, today) > 0) break;
    figures = { ...figures, ...segment.set };
  }
  return figures;
}

/** A portfolio row: who the convention is, and its figures at the day (from its standing or derived in full). */
export function rowOf(identity: Pick<PortfolioRow, "id" | "reference" | "startupName" | "partner">, f: PortfolioFigures): PortfolioRow {
  // Field by field rather than two spreads: a thousand rows per portfolio request, and the figures' objects
  // come in several shapes (a segment holds only what changes), which makes spreading them slow (measured:
  // ~11 ms per request at 1 000 conventions).
  return {
    id: identity.id,
    reference: identity.reference,
    startupName: identity.startupName,
    partner: identity.partner,
    state: f.state,
    endsOn: f.endsOn,
    ae: f.ae,
    cp: f.cp,
    releasable: f.releasable,
    reviewLate: f.reviewLate,
    endingSoon: f.endingSoon,
    lateObligations: f.lateObligations,
    pendingNotices: f.pendingNotices,
    arretDecidedOn: f.arretDecidedOn,
    costWorsened: f.costWorsened,
  };
}
