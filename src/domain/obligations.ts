// The obligations register (articles 2 to 4): each obligation is owed by one party; its follow-up is a list of
// dated updates (never edited). The status shown is the latest declared one, except that an obligation whose
// due date has passed without being met is "en retard": that one is derived, never typed.
import { compareDates, formatDate, type IsoDate } from "./dates";
import { refuse, type Refused } from "./failures";
import type { PartyRole } from "./permissions";

export const DECLARED_STATUSES = ["A_FAIRE", "EN_COURS", "RESPECTEE", "SANS_OBJET"] as const;
export type DeclaredStatus = (typeof DECLARED_STATUSES)[number];
export type ObligationStatus = DeclaredStatus | "EN_RETARD";

export const OBLIGATION_STATUS_LABELS: Record<ObligationStatus, string> = {
  A_FAIRE: "À faire",
  EN_COURS: "En cours",
  RESPECTEE: "Respectée",
  EN_RETARD: "En retard",
  SANS_OBJET: "Sans objet",
};

export type ObligationKind = "PONCTUELLE" | "RECURRENTE" | "CONTINUE";

export const OBLIGATION_KIND_LABELS: Record<ObligationKind, string> = {
  PONCTUELLE: "Ponctuelle",
  RECURRENTE: "Récurrente",
  CONTINUE: "Continue",
};

export interface ObligationStatusResult {
  status: ObligationStatus;
  /** What the status rests on, in French. */
  reason: string;
}

/**
 * The status of an obligation at `today`: the latest declared status (À faire when none), turned into
 * En retard when its due date has passed and it is neither met nor without object.
 */
export function obligationStatus(input: { declared: DeclaredStatus | null; dueOn: IsoDate | null }, today: IsoDate): ObligationStatusResult {
  const declared = input.declared ?? "A_FAIRE";
  const open = declared === "A_FAIRE" || declared === "EN_COURS";
  if (open && input.dueOn && compareDates(input.dueOn, today) < 0) {
    return { status: "EN_RETARD", reason: `Échéance du ${formatDate(input.dueOn)} dépassée sans que l'obligation soit déclarée respectée.` };
  }
  if (input.declared === null) return { status: "A_FAIRE", reason: input.dueOn ? `À remplir au plus tard le ${formatDate(input.dueOn)}.` : "Aucun suivi déclaré." };
  return { status: declared, reason: "Dernier suivi déclaré par la partie qui la doit." };
}

/** The obligations of a party, in the register's order, with their derived status. */
export function lateObligations<T extends { owedBy: PartyRole; status: ObligationStatus }>(obligations: readonly T[]): T[] {
  return obligations.filter((o) => o.status === "EN_RETARD");
}

export type UpdateCheck = { ok: true } | Refused<"EVIDENCE_DATE_IN_FUTURE" | "EVIDENCE_REQUIRED">;

/**
 * A follow-up is dated no later than today, and an obligation declared met rests on evidence: a link or a
 * note saying what proves it.
 */
export function checkObligationUpdate(input: { status: DeclaredStatus; evidenceUrl: string | null; note: string | null; evidenceOn: IsoDate | null }, today: IsoDate): UpdateCheck {
  if (input.evidenceOn && compareDates(input.evidenceOn, today) > 0) {
    return refuse("EVIDENCE_DATE_IN_FUTURE", { on: input.evidenceOn }, "evidenceOn");
  }
  if (input.status === "RESPECTEE" && !input.evidenceUrl && !input.note) {
    return refuse("EVIDENCE_REQUIRED", undefined, "evidenceUrl");
  }
  return { ok: true };
}
