// Dates of the convention's life (articles 2, 4 and 6) and the timeline shown on the convention page.
import { earliestTerminationOn, hasEnded, type ConventionState } from "./convention-state";
import { addMonths, compareDates, daysBetween, defaultMidTermReviewDue, formatDate, yearOf, type IsoDate } from "./dates";
import { formatEuros } from "./money";
import { signatureDueOn } from "./terms";
import type { PartyRole } from "./permissions";
import { reviewDueDate, type MidTermReview, type TrancheStatus, type TrancheView } from "./tranches";

/** Investment committees are held every six months (article 2). */
export const COMMITTEE_EVERY_MONTHS = 6;
/** The partner commits its co-financing within six months of signature (article 2, FAST text). */
export const CO_FINANCING_DEFAULT_MONTHS = 6;

/** Due date of the mid-term review: the configured one, else end of April of the signature's year. */
export function midTermReviewDue(signedOn: IsoDate, configured: IsoDate | null): IsoDate {
  return configured ?? defaultMidTermReviewDue(signedOn);
}

/**
 * Due dates of the investment committees: every six months from signature, while the convention runs
 * (`until`: its end, or its termination's effective date). Each is computed from the signature, not from
 * the previous one, so the end-of-month clamp does not drift (29 Feb → 29 Aug → 28 Feb → 29 Aug).
 */
export function committeeDueDates(signedOn: IsoDate, until: IsoDate, everyMonths = COMMITTEE_EVERY_MONTHS): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let k = 1; ; k++) {
    const due = addMonths(signedOn, k * everyMonths);
    if (compareDates(due, until) > 0) return dates;
    dates.push(due);
  }
}

// ───────────────────────────── Investment committees held vs due ─────────────────────────────

export type CommitteeDueStatus = "TENU" | "TENU_EN_RETARD" | "EN_RETARD" | "A_VENIR" | "NON_TENU";

export const COMMITTEE_DUE_STATUS_LABELS: Record<CommitteeDueStatus, string> = {
  TENU: "Tenu",
  TENU_EN_RETARD: "Tenu en retard",
  EN_RETARD: "En retard",
  A_VENIR: "À venir",
  NON_TENU: "Non tenu",
};

export interface CommitteeDue {
  dueOn: IsoDate;
  status: CommitteeDueStatus;
  heldOn: IsoDate | null;
  /** Days after the due date, for a committee held late. */
  daysLate: number | null;
  label: string;
}

/**
 * Matches the committees held with the due dates (every six months from signature). The committee that
 * answers a due date is the first one not yet counted held from half a period before it (a committee held
 * three months early is a launch committee, not the semester's); one held after it is late. A due date with
 * no committee is late while the convention runs, "not held" once it ended. Committees counted for no due
 * date (a launch committee, an extra one) are listed apart.
 */
export function committeeSchedule(input: { dueDates: readonly IsoDate[]; heldDates: readonly IsoDate[]; today: IsoDate; ended: boolean }): {
  dues: CommitteeDue[];
  extra: IsoDate[];
} {
  const held = [...input.heldDates].sort(compareDates);
  const used = new Set<IsoDate>();
  const dues = input.dueDates.map((dueOn, i): CommitteeDue => {
    const windowStart = addMonths(dueOn, -COMMITTEE_EVERY_MONTHS / 2);
    const nextDue = input.dueDates[i + 1];
    const heldOn = held.find(
      (d) => !used.has(d) && compareDates(d, windowStart) > 0 && (nextDue === undefined || compareDates(d, addMonths(nextDue, -COMMITTEE_EVERY_MONTHS / 2)) <= 0),
    );
    if (heldOn) {
      used.add(heldOn);
      const late = daysBetween(dueOn, heldOn);
      if (late > 0) {
        return { dueOn, status: "TENU_EN_RETARD", heldOn, daysLate: late, label: `Tenu le ${formatDate(heldOn)}, ${late} jour${late > 1 ? "s" : ""} après l'échéance.` };
      }
      return { dueOn, status: "TENU", heldOn, daysLate: null, label: `Tenu le ${formatDate(heldOn)}.` };
    }
    if (compareDates(input.today, dueOn) <= 0) return { dueOn, status: "A_VENIR", heldOn: null, daysLate: null, label: `Prévu au plus tard le ${formatDate(dueOn)}.` };
    if (input.ended) return { dueOn, status: "NON_TENU", heldOn: null, daysLate: null, label: "Aucun comité enregistré pour cette échéance." };
    return { dueOn, status: "EN_RETARD", heldOn: null, daysLate: null, label: `Attendu au plus tard le ${formatDate(dueOn)} : aucun comité enregistré.` };
  });
  return { dues, extra: held.filter((d) => !used.has(d)) };
}


/** The partner's co-financing is committed by signature + N months (6 in FAST: 29 August 2024 for FAST 14). */
export function coFinancingDeadline(signedOn: IsoDate, months: number | null = CO_FINANCING_DEFAULT_MONTHS): IsoDate {
  return addMonths(signedOn, months ?? CO_FINANCING_DEFAULT_MONTHS);
}

/** The day the convention stops: its end date, or the day a termination takes effect if that comes first. */
export function effectiveEnd(endsOn: IsoDate, terminationOn: IsoDate | null): { on: IsoDate; by: "TERME" | "RESILIATION" } {
  return terminationOn && compareDates(terminationOn, endsOn) <= 0 ? { on: terminationOn, by: "RESILIATION" } : { on: endsOn, by: "TERME" };
}

// ───────────────────────────── Year-end closing ─────────────────────────────

export interface YearEndOptions {
  /** Last day for new payment requests, "MM-DD". */
  lastPaymentDay: string;
  /** Last day for new orders (EJ), "MM-DD". */
  lastOrderDay: string;
  /** How many days before a cut-off the warning starts. */
  warnDaysBefore: number;
}

/** The usual Chorus year-end closing: payments by about 30 November, orders by about 12 December. */
export const YEAR_END_DEFAULTS: YearEndOptions = { lastPaymentDay: "11-30", lastOrderDay: "12-12", warnDaysBefore: 30 };

export type YearEndKind = "PAIEMENTS" | "COMMANDES";

export interface YearEndWarning {
  kind: YearEndKind;
  /** The cut-off of the year of `today`. */
  cutoffOn: IsoDate;
  /** PROCHE: within warnDaysBefore days; DEPASSEE: past it, until the year ends. */
  level: "PROCHE" | "DEPASSEE";
  message: string;
}

export function yearEndCutoffs(year: number, options: YearEndOptions = YEAR_END_DEFAULTS): Record<YearEndKind, IsoDate> {
  return { PAIEMENTS: `${year}-${options.lastPaymentDay}`, COMMANDES: `${year}-${options.lastOrderDay}` };
}

/**
 * The year-end closing warnings that apply at `today`. They warn, never refuse: the app records what
 * happened in Chorus, and Chorus decides what it still accepts.
 */
export function yearEndWarnings(today: IsoDate, options: YearEndOptions = YEAR_END_DEFAULTS): YearEndWarning[] {
  const cutoffs = yearEndCutoffs(yearOf(today), options);
  const warnings: YearEndWarning[] = [];
  const what: Record<YearEndKind, string> = { PAIEMENTS: "nouvelle demande de paiement", COMMANDES: "nouvelle commande (EJ)" };
  const plural: Record<YearEndKind, string> = { PAIEMENTS: "demandes de paiement", COMMANDES: "commandes (EJ)" };
  for (const kind of ["PAIEMENTS", "COMMANDES"] as const) {
    const cutoffOn = cutoffs[kind];
    const days = daysBetween(today, cutoffOn);
    if (days < 0) {
      warnings.push({
        kind,
        cutoffOn,
        level: "DEPASSEE",
        message: `Clôture de gestion ${yearOf(today)} : plus de ${what[kind]} après le ${formatDate(cutoffOn)}.`,
      });
    } else if (days <= options.warnDaysBefore) {
      const when = days === 0 ? "aujourd'hui" : days === 1 ? "demain" : `dans ${days} jours`;
      warnings.push({
        kind,
        cutoffOn,
        level: "PROCHE",
        message: `Clôture de gestion ${yearOf(today)} : dernières ${plural[kind]} le ${formatDate(cutoffOn)} (${when}).`,
      });
    }
  }
  return warnings;
}

// ───────────────────────────── Timeline ─────────────────────────────

export type TimelineKind =
  | "SIGNATURE"
  | "AVENANT"
  | "TRANCHE"
  | "COMITE"
  | "BILAN"
  | "SUSPENSION"
  | "LEVEE_SUSPENSION"
  | "PREAVIS_RESILIATION"
  | "CLOTURE_PAIEMENTS"
  | "CLOTURE_COMMANDES"
  | "RESILIATION"
  | "FIN"
  | "CLOTURE";

/**
 * PASSE: happened (or its date passed). A_VENIR: due later. EN_ATTENTE: due, waiting for someone's action
 * (a tranche to release, a blocked tranche). EN_RETARD: due and not done. SANS_OBJET: will not happen (a
 * tranche gone caduque, an end date overtaken by a termination).
 */
/** PASSE: something happened (signed, held, recorded); ECHEANCE_PASSEE: a deadline whose date simply passed. */
export type TimelineStatus = "PASSE" | "ECHEANCE_PASSEE" | "A_VENIR" | "EN_ATTENTE" | "EN_RETARD" | "SANS_OBJET";

export interface TimelineEvent {
  kind: TimelineKind;
  /** Null only for what waits for a signature not yet given. */
  date: IsoDate | null;
  label: string;
  status: TimelineStatus;
  author?: string;
  /** For TRANCHE events. */
  trancheStatus?: TrancheStatus;
}

const PARTY_NAMES: Record<PartyRole, string> = { DELEGANT: "le délégant", PARTENAIRE: "le partenaire", DELEGATAIRE: "le délégataire" };

export interface TimelineInput {
  signedOn: IsoDate | null;
  /** Terms in force at `today`. */
  terms: { endsOn: IsoDate; midTermReviewDueOn: IsoDate | null };
  state: ConventionState;
  terminationNoticeMonths: number;
  terminations: readonly { noticeOn: IsoDate; byParty?: PartyRole; reason?: string; authorName?: string }[];
  suspensions: readonly { startsOn: IsoDate; liftedOn: IsoDate | null; reason?: string | null }[];
  closedOn: IsoDate | null;
  /** The mid-term review in force at `today`. */
  review: MidTermReview | null;
  /** trancheViews at `today`. */
  tranches: readonly TrancheView[];
  /** Dates the investment committees were held. */
  committeesHeldOn: readonly IsoDate[];
  avenants: readonly { number: number; signedOn: IsoDate; object?: string }[];
  yearEnd?: YearEndOptions;
}

const KIND_ORDER: TimelineKind[] = [
  "SIGNATURE",
  "PREAVIS_RESILIATION",
  "SUSPENSION",
  "LEVEE_SUSPENSION",
  "AVENANT",
  "BILAN",
  "TRANCHE",
  "COMITE",
  "CLOTURE_PAIEMENTS",
  "CLOTURE_COMMANDES",
  "RESILIATION",
  "FIN",
  "CLOTURE",
];

/** Same-day order; a tranche gone caduque comes after the end that made it so. */
function kindRank(e: TimelineEvent): number {
  return e.kind === "TRANCHE" && e.trancheStatus === "CADUQUE" ? KIND_ORDER.length : KIND_ORDER.indexOf(e.kind);
}

function trancheEvents(tranches: readonly TrancheView[], input: TimelineInput, endedOn: IsoDate): TimelineEvent[] {
  const reviewDue = reviewDueDate(input.signedOn, input.terms.midTermReviewDueOn);
  const raw = tranches.map((t) => {
    let date: IsoDate | null;
    let status: TimelineStatus;
    switch (t.status) {
      case "DEBLOQUEE":
        date = t.release?.releasedOn ?? null;
        status = "PASSE";
        break;
      case "A_VENIR":
        date = t.trigger === "SIGNATURE" ? signatureDueOn(t, input.signedOn) : reviewDue;
        status = "A_VENIR";
        break;
      case "EN_RETARD":
        date = reviewDue;
        status = "EN_RETARD";
        break;
      case "DEBLOQUABLE":
      case "SUSPENDUE":
      case "BLOQUEE":
        date = t.trigger === "SIGNATURE" ? signatureDueOn(t, input.signedOn) : (input.review?.reviewedOn ?? reviewDue);
        status = "EN_ATTENTE";
        break;
      case "CADUQUE":
        // It became caduque when the convention ended.
        date = endedOn;
        status = "SANS_OBJET";
        break;
      case "SANS_OBJET":
        date = t.trigger === "SIGNATURE" ? signatureDueOn(t, input.signedOn) : reviewDue;
        status = "SANS_OBJET";
        break;
    }
    return { t, date, status };
  });
  // AE and CP of the same tranche read as one event when they went (or stand) the same way.
  const groups = new Map<string, typeof raw>();
  for (const e of raw) {
    const key = [e.t.year, e.t.rank, e.t.status, e.date, e.t.release?.releasedByName ?? ""].join("|");
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as (typeof raw)[number];
    const amounts = group.map((e) => `${formatEuros(e.t.amountCents)} en ${e.t.creditType}`).join(" et ");
    const name = `Tranche ${first.t.rank} (${first.t.year})`;
    const lead: Record<TrancheStatus, string> = {
      DEBLOQUEE: `${name} débloquée`,
      DEBLOQUABLE: `${name} à débloquer par la DINUM`,
      A_VENIR: first.t.trigger === "SIGNATURE" ? `${name} due à la signature${first.t.fromAvenant ? ` de l'avenant n° ${first.t.fromAvenant.number}` : ""}` : `${name} attendue après le bilan de mi-parcours`,
      EN_RETARD: `${name} en attente du bilan de mi-parcours, en retard`,
      BLOQUEE: `${name} bloquée (mobilisation insuffisante)`,
      SUSPENDUE: `${name} suspendue avec la convention`,
      CADUQUE: `${name} caduque`,
      SANS_OBJET: `${name} sans objet`,
    };
    return {
      kind: "TRANCHE" as const,
      date: first.date,
      label: `${lead[first.t.status]} : ${amounts}.`,
      status: first.status,
      trancheStatus: first.t.status,
      ...(first.t.release ? { author: first.t.release.releasedByName } : {}),
    };
  });
}

/**
 * The convention's events in date order, past ones with their date and author, future ones with their due
 * date, late ones flagged. Facts dated after `today` are not shown as done.
 */
export function timeline(input: TimelineInput, today: IsoDate): TimelineEvent[] {
  const past = (d: IsoDate) => compareDates(d, today) <= 0;
  const dueStatus = (d: IsoDate): TimelineStatus => (compareDates(d, today) < 0 ? "ECHEANCE_PASSEE" : "A_VENIR");
  const events: TimelineEvent[] = [];
  const { signedOn } = input;
  const ended = hasEnded(input.state);

  events.push(
    signedOn && past(signedOn)
      ? { kind: "SIGNATURE", date: signedOn, label: "Signature de la convention par les trois parties.", status: "PASSE" }
      : { kind: "SIGNATURE", date: signedOn, label: "Signature de la convention (à venir).", status: "A_VENIR" },
  );

  for (const a of input.avenants) {
    if (!past(a.signedOn)) continue;
    events.push({ kind: "AVENANT", date: a.signedOn, label: `Avenant n° ${a.number} signé${a.object ? ` : ${a.object}` : ""}.`, status: "PASSE" });
  }

  const notices = input.terminations.filter((n) => past(n.noticeOn));
  for (const n of notices) {
    const by = n.byParty ? ` par ${PARTY_NAMES[n.byParty]}` : "";
    const why = n.reason?.trim() ? ` Motif : ${n.reason.trim()}.` : "";
    events.push({
      kind: "PREAVIS_RESILIATION",
      date: n.noticeOn,
      label: `Préavis de résiliation donné${by} (${input.terminationNoticeMonths} mois).${why}`,
      status: "PASSE",
      ...(n.authorName ? { author: n.authorName } : {}),
    });
  }
  const terminationOn = earliestTerminationOn({ terminationNotices: notices.map((n) => n.noticeOn), terminationNoticeMonths: input.terminationNoticeMonths });
  const end = effectiveEnd(input.terms.endsOn, terminationOn);

  for (const s of input.suspensions) {
    if (!past(s.startsOn)) continue;
    const why = s.reason?.trim() ? ` Motif : ${s.reason.trim()}.` : "";
    events.push({ kind: "SUSPENSION", date: s.startsOn, label: `Suspension de l'exécution de la convention.${why}`, status: "PASSE" });
    if (s.liftedOn && past(s.liftedOn)) events.push({ kind: "LEVEE_SUSPENSION", date: s.liftedOn, label: "Levée de la suspension.", status: "PASSE" });
  }

  if (signedOn) {
    const review = input.review && past(input.review.reviewedOn) ? input.review : null;
    if (review) {
      const verdict = review.verdict === "SATISFAISANTE" ? "mobilisation satisfaisante" : "mobilisation insuffisante";
      events.push({ kind: "BILAN", date: review.reviewedOn, label: `Bilan de mi-parcours : ${verdict}.`, status: "PASSE", author: review.recordedByName });
    } else {
      const due = midTermReviewDue(signedOn, input.terms.midTermReviewDueOn);
      const status: TimelineStatus = ended ? "SANS_OBJET" : compareDates(today, due) > 0 ? "EN_RETARD" : "A_VENIR";
      const label =
        status === "EN_RETARD"
          ? `Bilan de mi-parcours attendu au plus tard le ${formatDate(due)} : non enregistré.`
          : status === "SANS_OBJET"
            ? "Bilan de mi-parcours : sans objet, la convention a pris fin."
            : `Bilan de mi-parcours attendu au plus tard le ${formatDate(due)}.`;
      events.push({ kind: "BILAN", date: due, label, status });
    }

    // The same matching of committees held with due dates as the committees page (committeeSchedule).
    const schedule = committeeSchedule({
      dueDates: committeeDueDates(signedOn, end.on),
      heldDates: input.committeesHeldOn.filter(past),
      today,
      ended,
    });
    for (const due of schedule.dues) {
      if (due.heldOn) {
        const late = due.daysLate ? `, ${due.daysLate} jour${due.daysLate > 1 ? "s" : ""} après l'échéance` : "";
        events.push({ kind: "COMITE", date: due.heldOn, label: `Comité d'investissement tenu (prévu le ${formatDate(due.dueOn)}${late}).`, status: "PASSE" });
      } else {
        const missed = due.status === "EN_RETARD" || due.status === "NON_TENU";
        events.push({
          kind: "COMITE",
          date: due.dueOn,
          label: missed ? `Comité d'investissement prévu le ${formatDate(due.dueOn)} : non enregistré.` : `Comité d'investissement prévu le ${formatDate(due.dueOn)}.`,
          status: due.status === "EN_RETARD" ? "EN_RETARD" : due.status === "NON_TENU" ? "SANS_OBJET" : "A_VENIR",
        });
      }
    }
    for (const heldOn of schedule.extra) {
      events.push({ kind: "COMITE", date: heldOn, label: "Comité d'investissement tenu.", status: "PASSE" });
    }

    const options = input.yearEnd ?? YEAR_END_DEFAULTS;
    for (let year = yearOf(signedOn); year <= yearOf(end.on); year++) {
      const cutoffs = yearEndCutoffs(year, options);
      if (compareDates(cutoffs.PAIEMENTS, signedOn) >= 0 && compareDates(cutoffs.PAIEMENTS, end.on) <= 0) {
        events.push({ kind: "CLOTURE_PAIEMENTS", date: cutoffs.PAIEMENTS, label: `Clôture de gestion ${year} : dernières demandes de paiement.`, status: dueStatus(cutoffs.PAIEMENTS) });
      }
      if (compareDates(cutoffs.COMMANDES, signedOn) >= 0 && compareDates(cutoffs.COMMANDES, end.on) <= 0) {
        events.push({ kind: "CLOTURE_COMMANDES", date: cutoffs.COMMANDES, label: `Clôture de gestion ${year} : dernières commandes (EJ).`, status: dueStatus(cutoffs.COMMANDES) });
      }
    }
  }

  events.push(...trancheEvents(input.tranches, input, end.on));

  if (terminationOn) {
    events.push({
      kind: "RESILIATION",
      date: terminationOn,
      label: past(terminationOn) ? "Résiliation effective." : `Résiliation effective le ${formatDate(terminationOn)}.`,
      status: past(terminationOn) ? "PASSE" : "A_VENIR",
    });
  }
  if (end.by === "RESILIATION" && terminationOn && compareDates(terminationOn, input.terms.endsOn) < 0) {
    events.push({ kind: "FIN", date: input.terms.endsOn, label: "Terme prévu de la convention : sans objet (résiliation).", status: "SANS_OBJET" });
  } else {
    const over = compareDates(input.terms.endsOn, today) < 0;
    events.push({ kind: "FIN", date: input.terms.endsOn, label: over ? "Fin de la convention (terme)." : "Fin de la convention (terme prévu).", status: over ? "ECHEANCE_PASSEE" : "A_VENIR" });
  }
  if (input.closedOn && past(input.closedOn)) {
    events.push({ kind: "CLOTURE", date: input.closedOn, label: "Clôture : rapport final accepté par le délégant.", status: "PASSE" });
  }

  // Null dates wait for the signature: they come first, in the order pushed; ties by kind, then as pushed.
  const indexed = events.map((e, i) => ({ e, i }));
  indexed.sort((a, b) => {
    if (a.e.date === null || b.e.date === null) {
      if (a.e.date === b.e.date) return a.i - b.i;
      return a.e.date === null ? -1 : 1;
    }
    return compareDates(a.e.date, b.e.date) || kindRank(a.e) - kindRank(b.e) || a.i - b.i;
  });
  return indexed.map(({ e }) => e);
}
