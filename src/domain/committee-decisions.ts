// What an investment committee decides (article 2: "déterminer la suite à donner"), as data the tranche status
// reads: poursuite, poursuite sous conditions (the conditions and the date to check them), pivot, arrêt. Pure.
// Which committee decisions stand against a release at a date is decided here, once, for every screen.
import { compareDates, formatDate, type IsoDate } from "./dates";

export const COMMITTEE_DECISIONS = ["POURSUITE", "POURSUITE_SOUS_CONDITIONS", "PIVOT", "ARRET"] as const;
export type CommitteeDecision = (typeof COMMITTEE_DECISIONS)[number];

export const COMMITTEE_DECISION_LABELS: Record<CommitteeDecision, string> = {
  POURSUITE: "Poursuite",
  POURSUITE_SOUS_CONDITIONS: "Poursuite sous conditions",
  PIVOT: "Pivot",
  ARRET: "Arrêt",
};

export const COMMITTEE_DECISION_HINTS: Record<CommitteeDecision, string> = {
  POURSUITE: "L'accélération continue comme prévu.",
  POURSUITE_SOUS_CONDITIONS: "L'accélération continue si des conditions sont remplies à une date donnée.",
  PIVOT: "L'équipe change de cible ou de proposition de valeur ; l'accélération continue.",
  ARRET: "L'accélération s'arrête : la DINUM en tire les conséquences (résiliation ou avenant).",
};

/** "a décidé l'arrêt", "a décidé la poursuite sous conditions" */
export const DECISION_VERBS: Record<CommitteeDecision, string> = {
  POURSUITE: "a décidé la poursuite",
  POURSUITE_SOUS_CONDITIONS: "a décidé la poursuite sous conditions",
  PIVOT: "a décidé un pivot",
  ARRET: "a décidé l'arrêt",
};

/** What of a committee the release of a tranche depends on. */
export interface CommitteeDecisionRecord {
  heldOn: IsoDate;
  /** Null for a committee recorded before decisions were data (its decision is free text only). */
  decisionKind: CommitteeDecision | null;
  conditions: string | null;
  /** Date by which the conditions are to be checked (poursuite sous conditions). */
  conditionsDueOn: IsoDate | null;
  /** When the conditions were recorded as met; null while they are not. */
  conditionsMetOn: IsoDate | null;
}

/** "le comité du 12 septembre 2024" */
export function committeeName(c: Pick<CommitteeDecisionRecord, "heldOn">): string {
  return `le comité du ${formatDate(c.heldOn)}`;
}

export interface CommitteeConstraints<C extends CommitteeDecisionRecord = CommitteeDecisionRecord> {
  /** The latest committee held by the day with a decision recorded as data. */
  latest: C | null;
  /**
   * The arrêt that stands against a release: the latest decided committee's if it decided arrêt, else (for a
   * tranche that follows the review) the latest arrêt held on or after the review in force's date.
   */
  arret: C | null;
  /** Conditions whose date has passed (before `today`) without being recorded as met: the earliest due. */
  overdue: C | null;
  /** Conditions not met yet whose date has not passed: the earliest due. */
  pending: C | null;
}

const byDate = <C extends CommitteeDecisionRecord>(a: C, b: C) => compareDates(a.heldOn, b.heldOn);
const byDue = <C extends CommitteeDecisionRecord>(a: C, b: C) => compareDates(a.conditionsDueOn!, b.conditionsDueOn!);

/**
 * The committee decisions that stand against a release at `today` (facts dated after `today` did not exist
 * yet). `reviewedOn` is the date of the review in force, for a tranche that follows it (null otherwise): an arrêt
 * held on or after it stands even if a later committee decided to continue — a new review is then expected.
 */
export function committeeConstraints<C extends CommitteeDecisionRecord>(committees: readonly C[], reviewedOn: IsoDate | null, today: IsoDate): CommitteeConstraints<C> {
  const held = committees.filter((c) => compareDates(c.heldOn, today) <= 0).sort(byDate);
  const decided = held.filter((c) => c.decisionKind !== null);
  const latest = decided.at(-1) ?? null;
  let arret: C | null = latest?.decisionKind === "ARRET" ? latest : null;
  if (!arret && reviewedOn !== null) arret = decided.findLast((c) => c.decisionKind === "ARRET" && compareDates(c.heldOn, reviewedOn) >= 0) ?? null;
  const open = held
    .filter((c) => c.decisionKind === "POURSUITE_SOUS_CONDITIONS" && c.conditionsDueOn !== null)
    .filter((c) => c.conditionsMetOn === null || compareDates(c.conditionsMetOn, today) > 0)
    .sort(byDue);
  const overdue = open.find((c) => compareDates(c.conditionsDueOn!, today) < 0) ?? null;
  const pending = open.find((c) => compareDates(c.conditionsDueOn!, today) >= 0) ?? null;
  return { latest, arret, overdue, pending };
}

/** "« Recruter un développeur » (à vérifier au plus tard le 1 décembre 2024)" */
export function describeConditions(c: Pick<CommitteeDecisionRecord, "conditions" | "conditionsDueOn">): string {
  const text = c.conditions?.trim() ? `« ${c.conditions.trim()} »` : "conditions non précisées";
  return c.conditionsDueOn ? `${text} (à vérifier au plus tard le ${formatDate(c.conditionsDueOn)})` : text;
}

export type DecisionCheck = { ok: true } | { ok: false; code: "COMMITTEE_CONDITIONS_REQUIRED" | "COMMITTEE_CONDITIONS_DUE_BEFORE_COMMITTEE" | "COMMITTEE_CONDITIONS_UNEXPECTED"; field: string };

/**
 * A "poursuite sous conditions" says which conditions and by when they are checked (on or after the committee);
 * any other decision has no conditions.
 */
export function checkDecision(input: { heldOn: IsoDate; decisionKind: CommitteeDecision; conditions: string | null; conditionsDueOn: IsoDate | null }): DecisionCheck {
  if (input.decisionKind === "POURSUITE_SOUS_CONDITIONS") {
    if (!input.conditions?.trim()) return { ok: false, code: "COMMITTEE_CONDITIONS_REQUIRED", field: "conditions" };
    if (!input.conditionsDueOn) return { ok: false, code: "COMMITTEE_CONDITIONS_REQUIRED", field: "conditionsDueOn" };
    if (compareDates(input.conditionsDueOn, input.heldOn) < 0) return { ok: false, code: "COMMITTEE_CONDITIONS_DUE_BEFORE_COMMITTEE", field: "conditionsDueOn" };
    return { ok: true };
  }
  if (input.conditions?.trim() || input.conditionsDueOn) return { ok: false, code: "COMMITTEE_CONDITIONS_UNEXPECTED", field: input.conditions?.trim() ? "conditions" : "conditionsDueOn" };
  return { ok: true };
}

export type ConditionsMetCheck =
  | { ok: true }
  | { ok: false; code: "COMMITTEE_HAS_NO_CONDITIONS" | "COMMITTEE_CONDITIONS_ALREADY_MET" | "COMMITTEE_CONDITIONS_MET_BEFORE_COMMITTEE" | "COMMITTEE_CONDITIONS_MET_IN_FUTURE"; field?: string };

/** Conditions are recorded met once, on a day between their committee and today. */
export function checkConditionsMet(committee: CommitteeDecisionRecord, metOn: IsoDate, today: IsoDate): ConditionsMetCheck {
  if (committee.decisionKind !== "POURSUITE_SOUS_CONDITIONS") return { ok: false, code: "COMMITTEE_HAS_NO_CONDITIONS" };
  if (committee.conditionsMetOn !== null) return { ok: false, code: "COMMITTEE_CONDITIONS_ALREADY_MET" };
  if (compareDates(metOn, committee.heldOn) < 0) return { ok: false, code: "COMMITTEE_CONDITIONS_MET_BEFORE_COMMITTEE", field: "metOn" };
  if (compareDates(metOn, today) > 0) return { ok: false, code: "COMMITTEE_CONDITIONS_MET_IN_FUTURE", field: "metOn" };
  return { ok: true };
}
