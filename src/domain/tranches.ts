// Release status of each tranche, derived (never typed in) from the signature, the mid-term review, the
// investment committees' decisions (committee-decisions.ts), the convention's state and DINUM's release record. Every status comes with why, and what would change it.
import { committeeConstraints, committeeName, DECISION_VERBS, describeConditions, type CommitteeDecisionRecord } from "./committee-decisions";
import type { ConventionSituation } from "./convention-state";
import { addDays, compareDates, defaultMidTermReviewDue, formatDate, type IsoDate } from "./dates";
import { refuse, type Refused } from "./failures";
import { formatEuros, shareOf, type Cents } from "./money";
import { allocationOf, tranchesOf, type CreditType, type Terms, type TrancheTerm } from "./terms";

export const TRANCHE_STATUSES = ["A_VENIR", "DEBLOQUABLE", "DEBLOQUEE", "BLOQUEE", "EN_RETARD", "SUSPENDUE", "CADUQUE", "SANS_OBJET"] as const;
/**
 * A_VENIR: not yet due (convention unsigned, or the mid-term review not yet due nor recorded).
 * DEBLOQUABLE: conditions met, waiting for DINUM's release.
 * DEBLOQUEE: released (there is a release record, with date and author).
 * BLOQUEE: the mid-term review in force found the team's mobilisation insufficient, or a committee decided arrêt
 *   (the latest committee, or one held since the review in force), or conditions a committee set were not met
 *   by their date.
 * EN_RETARD: the mid-term review is not recorded and its due date has passed.
 * SUSPENDUE: conditions met, but the convention's execution is suspended.
 * CADUQUE: the convention ended (terminated, expired, closed) before the release.
 * SANS_OBJET: nothing left to release (amount nil: the year's allocation is already made available).
 */
export type TrancheStatus = (typeof TRANCHE_STATUSES)[number];

export const TRANCHE_STATUS_LABELS: Record<TrancheStatus, string> = {
  A_VENIR: "À venir",
  DEBLOQUABLE: "Débloquable",
  DEBLOQUEE: "Débloquée",
  BLOQUEE: "Bloquée",
  EN_RETARD: "En retard",
  SUSPENDUE: "Suspendue",
  CADUQUE: "Caduque",
  SANS_OBJET: "Sans objet",
};

export type MobilisationVerdict = "SATISFAISANTE" | "INSUFFISANTE";

export interface MidTermReview {
  reviewedOn: IsoDate;
  verdict: MobilisationVerdict;
  comments: string;
  recordedByName: string;
  /** The committee the review was held at, if any: the review cites it (and its indicators) as evidence. */
  committeeHeldOn?: IsoDate | null;
}

export interface ReleaseRecord {
  releasedOn: IsoDate;
  releasedByName: string;
}

export interface TrancheRelease extends ReleaseRecord {
  year: number;
  creditType: CreditType;
  rank: number;
  amountCents: Cents;
}

export interface TrancheStatusInput {
  tranche: TrancheTerm;
  /** What the tranche makes (or made) available: see trancheAmounts. */
  amountCents: Cents;
  /** The convention at `today` (conventionSituation). */
  situation: ConventionSituation;
  /** The mid-term review in force (reviewInForce), if any. */
  review: MidTermReview | null;
  /** The configured due date of the review; null: end of April of the signature's year. */
  reviewDueOn: IsoDate | null;
  release: ReleaseRecord | null;
  /** The investment committees with their decisions (any order); none: nothing stands against a release. */
  committees?: readonly CommitteeDecisionRecord[];
}

export interface TrancheStatusResult {
  status: TrancheStatus;
  /** Why the tranche is in this status, in French. */
  reason: string;
  /** What would change it, in French. */
  nextStep: string;
  /** Why it cannot be released now, as the end of "La tranche 2 ne peut pas être débloquée : …"; null when it can. */
  blocker: string | null;
}

/** "Tranche 2 AE 2024" */
export function trancheName(t: Pick<TrancheTerm, "rank" | "creditType" | "year">): string {
  return `Tranche ${t.rank} ${t.creditType} ${t.year}`;
}

/**
 * The review in force at `on`: the latest recorded (reviews come in recorded order; corrections are new
 * rows) among those held on or before `on`.
 */
export function reviewInForce<R extends MidTermReview>(reviewsInRecordedOrder: readonly R[], on: IsoDate): R | null {
  for (let i = reviewsInRecordedOrder.length - 1; i >= 0; i--) {
    const review = reviewsInRecordedOrder[i];
    if (review && compareDates(review.reviewedOn, on) <= 0) return review;
  }
  return null;
}

/** Due date of the mid-term review: the configured one, else end of April of the signature's year. */
export function reviewDueDate(signedOn: IsoDate | null, configured: IsoDate | null): IsoDate | null {
  return configured ?? (signedOn ? defaultMidTermReviewDue(signedOn) : null);
}

/**
 * Amount of every tranche of the terms. A released tranche is worth what was released (its record). An
 * unreleased one is worth its share of the year's allocation, rounded down to the cent, except the unreleased
 * tranche of highest rank, which takes the remainder: so the tranches always add up to the allocation,
 * even after an avenant changed it or the shares once a tranche was released. Never negative, and never
 * more than what remains of the allocation: the sum made available cannot exceed the allocation.
 */
/** The map is keyed by the very tranche objects of `terms.tranches`. */
export function trancheAmounts(terms: Pick<Terms, "credits" | "tranches">, releases: readonly TrancheRelease[]): Map<TrancheTerm, Cents> {
  const amounts = new Map<TrancheTerm, Cents>();
  const keys = new Set(terms.tranches.map((t) => `${t.year}|${t.creditType}`));
  for (const key of keys) {
    const [yearText, creditType] = key.split("|") as [string, CreditType];
    const year = Number(yearText);
    const allocation = allocationOf(terms, year, creditType);
    const group = tranchesOf(terms, year, creditType);
    const releaseOf = (t: TrancheTerm) => releases.find((r) => r.year === year && r.creditType === creditType && r.rank === t.rank);
    // Releases of this year and type, including any of a tranche an avenant no longer lists.
    const released = releases.filter((r) => r.year === year && r.creditType === creditType).reduce((acc, r) => acc + r.amountCents, 0n);
    const unreleased = group.filter((t) => !releaseOf(t));
    const last = unreleased.at(-1);
    let left = allocation - released > 0n ? allocation - released : 0n;
    for (const t of group) {
      const release = releaseOf(t);
      if (release) {
        amounts.set(t, release.amountCents);
        continue;
      }
      let amount: Cents;
      if (t === last) {
        amount = left;
      } else {
        const share = shareOf(allocation, t.shareBasisPoints);
        amount = share < left ? share : left;
      }
      amounts.set(t, amount);
      left -= amount;
    }
  }
  return amounts;
}

function describeReview(review: MidTermReview): string {
  const verdict = review.verdict === "SATISFAISANTE" ? "mobilisation satisfaisante" : "mobilisation insuffisante";
  const comments = review.comments.trim() ? ` Commentaires : « ${review.comments.trim()} ».` : "";
  const at = review.committeeHeldOn ? `, tenu au comité du ${formatDate(review.committeeHeldOn)}` : "";
  return `Bilan de mi-parcours du ${formatDate(review.reviewedOn)}${at} (enregistré par ${review.recordedByName}) : ${verdict}.${comments}`;
}

function describeEnd(situation: ConventionSituation): string {
  const on = situation.endedOn ? formatDate(situation.endedOn) : null;
  switch (situation.state) {
    case "RESILIEE":
      return on ? `La convention est résiliée depuis le ${on}` : "La convention est résiliée";
    case "EXPIREE":
      return on ? `La convention est arrivée à son terme le ${on}` : "La convention est arrivée à son terme";
    default:
      return on ? `La convention est clôturée depuis le ${on}` : "La convention est clôturée";
  }
}

function describeSuspension(situation: ConventionSituation): string {
  const s = situation.suspension;
  if (!s) return "l'exécution de la convention est suspendue";
  const reason = s.reason?.trim() ? ` (motif : ${s.reason.trim()})` : "";
  return `l'exécution de la convention est suspendue depuis le ${formatDate(s.startsOn)}${reason}`;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function trancheStatus(input: TrancheStatusInput, today: IsoDate): TrancheStatusResult {
  const { tranche, amountCents, situation } = input;
  const amount = formatEuros(amountCents);
  // Facts dated after `today` did not exist yet at `today`: the status is the one of that day.
  const release = input.release && compareDates(input.release.releasedOn, today) <= 0 ? input.release : null;
  const review = input.review && compareDates(input.review.reviewedOn, today) <= 0 ? input.review : null;

  if (release) {
    const done = `débloquée le ${formatDate(release.releasedOn)} par ${release.releasedByName}`;
    return {
      status: "DEBLOQUEE",
      reason: `Tranche ${done} : ${amount} mis à disposition.`,
      // Not the reason again: once released, nothing is left to do for this tranche.
      nextStep: "Rien : la tranche est acquise, ses crédits sont à la disposition du délégataire.",
      blocker: `elle a déjà été ${done}`,
    };
  }
  if (amountCents <= 0n) {
    return {
      status: "SANS_OBJET",
      reason: `Montant nul : la dotation ${tranche.creditType} ${tranche.year} est déjà entièrement couverte par les autres tranches.`,
      nextStep: `Aucune, sauf avenant augmentant la dotation ${tranche.creditType} ${tranche.year}.`,
      blocker: "son montant est nul",
    };
  }
  if (situation.state === "BROUILLON" || situation.signedOn === null) {
    const when = tranche.trigger === "SIGNATURE" ? "elle sera due à la signature" : "elle suivra le bilan de mi-parcours";
    return {
      status: "A_VENIR",
      reason: `La convention n'est pas encore signée : ${when}.`,
      nextStep: "Signature de la convention par les trois parties.",
      blocker: "la convention n'est pas signée",
    };
  }
  if (situation.state === "RESILIEE" || situation.state === "EXPIREE" || situation.state === "CLOTUREE") {
    const ended = describeEnd(situation);
    return {
      status: "CADUQUE",
      reason: `${ended} ; la tranche n'avait pas été débloquée.`,
      nextStep: "Aucune : une tranche ne peut plus être débloquée une fois la convention terminée.",
      blocker: ended.charAt(0).toLowerCase() + ended.slice(1),
    };
  }

  const suspended = situation.state === "SUSPENDUE";
  const afterSuspension = suspended ? ` Le déblocage attendra aussi la levée de la suspension (${describeSuspension(situation)}).` : "";

  // The committees' decisions: an arrêt, or conditions not met by their date, stand against any release.
  const followsReview = tranche.trigger === "MID_TERM_REVIEW";
  const constraints = committeeConstraints(input.committees ?? [], followsReview && review ? review.reviewedOn : null, today);
  if (constraints.arret) {
    const c = constraints.arret;
    const later = constraints.latest && constraints.latest !== c ? constraints.latest : null;
    const since = later && review ? ` après le bilan de mi-parcours du ${formatDate(review.reviewedOn)}` : "";
    const then = later?.decisionKind ? ` ; ${committeeName(later)} ${DECISION_VERBS[later.decisionKind]} depuis` : "";
    const nextStep = later
      ? `Un nouveau bilan de mi-parcours concluant à une mobilisation satisfaisante, postérieur à l'arrêt, permettrait à la DINUM de débloquer ${amount}.${afterSuspension}`
      : `La DINUM tire les conséquences de l'arrêt : résiliation de la convention ou avenant. Seul un comité ultérieur décidant la poursuite, avec un bilan de mi-parcours satisfaisant, permettrait de débloquer ${amount}.`;
    return {
      status: "BLOQUEE",
      reason: `${capitalize(committeeName(c))} a décidé l'arrêt${since}${then}.`,
      nextStep,
      blocker: `${committeeName(c)} a décidé l'arrêt`,
    };
  }
  if (constraints.overdue) {
    const c = constraints.overdue;
    return {
      status: "BLOQUEE",
      reason: `${capitalize(committeeName(c))} a décidé la poursuite sous conditions : ${describeConditions(c)} ; elles ne sont pas constatées remplies.`,
      nextStep: `Constater que les conditions posées par ${committeeName(c)} sont remplies (page du comité), ou tenir un nouveau comité ; la DINUM pourra alors débloquer ${amount}.${afterSuspension}`,
      blocker: `les conditions posées par ${committeeName(c)} n'ont pas été remplies au ${formatDate(c.conditionsDueOn!)}`,
    };
  }
  const pending = constraints.pending ? ` Conditions posées par ${committeeName(constraints.pending)} : ${describeConditions(constraints.pending)}.` : "";
  const releasable = (why: string): TrancheStatusResult =>
    suspended
      ? {
          status: "SUSPENDUE",
          reason: `${why}${pending} Mais ${describeSuspension(situation)} : aucun déblocage pendant la suspension.`,
          nextStep: `Lever la suspension (par exemple après un avenant ajustant la dotation) ; la DINUM pourra alors débloquer ${amount}.`,
          blocker: describeSuspension(situation),
        }
      : {
          status: "DEBLOQUABLE",
          reason: `${why}${pending}`,
          nextStep: pending ? `La DINUM peut débloquer ${amount} tant que la date de vérification des conditions n'est pas passée.` : `La DINUM peut débloquer ${amount}.`,
          blocker: null,
        };

  if (tranche.trigger === "SIGNATURE") {
    const from = tranche.fromAvenant;
    return releasable(
      from
        ? `Avenant n° ${from.number} signé le ${formatDate(from.signedOn)} : la tranche qu'il ajoute est due dès sa signature.`
        : `Convention signée le ${formatDate(situation.signedOn)} : la tranche est due dès la signature.`,
    );
  }

  const dueOn = reviewDueDate(situation.signedOn, input.reviewDueOn);
  if (review?.verdict === "SATISFAISANTE") return releasable(describeReview(review));
  if (review?.verdict === "INSUFFISANTE") {
    return {
      status: "BLOQUEE",
      reason: describeReview(review),
      nextStep: `Un nouveau bilan de mi-parcours concluant à une mobilisation satisfaisante permettrait à la DINUM de débloquer ${amount}.${afterSuspension}`,
      blocker: `le bilan de mi-parcours du ${formatDate(review.reviewedOn)} conclut à une mobilisation insuffisante`,
    };
  }
  const expected = dueOn ? ` (attendu au plus tard le ${formatDate(dueOn)})` : "";
  if (dueOn && compareDates(today, dueOn) > 0) {
    return {
      status: "EN_RETARD",
      reason: `Le bilan de mi-parcours, attendu au plus tard le ${formatDate(dueOn)}, n'est pas enregistré : la tranche en dépend.`,
      nextStep: `Enregistrer le bilan de mi-parcours, en retard depuis le ${formatDate(addDays(dueOn, 1))}.${afterSuspension}`,
      blocker: "le bilan de mi-parcours n'est pas enregistré",
    };
  }
  return {
    status: "A_VENIR",
    reason: `La tranche suit le bilan de mi-parcours${expected}, qui n'est pas encore enregistré.`,
    nextStep: `Enregistrer le bilan de mi-parcours${expected}.${afterSuspension}`,
    blocker: "le bilan de mi-parcours n'est pas enregistré",
  };
}

/** The only status from which DINUM may release a tranche (the server re-checks it in the release transaction). */
export function canRelease(status: TrancheStatus): boolean {
  return status === "DEBLOQUABLE";
}

export interface TrancheView extends TrancheTerm, TrancheStatusResult {
  amountCents: Cents;
  /** The release record, only when released on or before the day of the view. */
  release: ReleaseRecord | null;
}

export type ReleaseCheck = { ok: true; amountCents: Cents } | Refused<"TRANCHE_UNKNOWN" | "TRANCHE_NOT_RELEASABLE">;

/** Whether DINUM may release this tranche now, and for how much; the refusal says why in French. */
export function checkRelease(view: TrancheView | undefined): ReleaseCheck {
  if (!view) return refuse("TRANCHE_UNKNOWN");
  if (view.status === "DEBLOQUABLE" && view.amountCents > 0n) return { ok: true, amountCents: view.amountCents };
  const status = view.status === "DEBLOQUABLE" ? "SANS_OBJET" : view.status;
  return refuse("TRANCHE_NOT_RELEASABLE", { rank: view.rank, creditType: view.creditType, year: view.year, status, blocker: view.blocker ?? "son montant est nul" });
}

export interface TrancheViewsInput {
  terms: Pick<Terms, "credits" | "tranches" | "midTermReviewDueOn">;
  situation: ConventionSituation;
  review: MidTermReview | null;
  releases: readonly TrancheRelease[];
  committees?: readonly CommitteeDecisionRecord[];
}

/** Every tranche of the terms in force with its amount, status, reason and next step, at `today`. */
export function trancheViews(input: TrancheViewsInput, today: IsoDate): TrancheView[] {
  const releases = input.releases.filter((r) => compareDates(r.releasedOn, today) <= 0);
  const amounts = trancheAmounts(input.terms, releases);
  return [...input.terms.tranches]
    .sort((a, b) => a.year - b.year || a.creditType.localeCompare(b.creditType) || a.rank - b.rank)
    .map((tranche) => {
      const record = releases.find((r) => r.year === tranche.year && r.creditType === tranche.creditType && r.rank === tranche.rank);
      const release = record ? { releasedOn: record.releasedOn, releasedByName: record.releasedByName } : null;
      const amountCents = amounts.get(tranche) ?? 0n;
      const result = trancheStatus(
        { tranche, amountCents, situation: input.situation, review: input.review, reviewDueOn: input.terms.midTermReviewDueOn, release, committees: input.committees ?? [] },
        today,
      );
      return { ...tranche, amountCents, release, ...result };
    });
}
