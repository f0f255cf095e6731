// Every due date of a convention, for a calendar feed (ICS): investment committees, mid-term review, the
// obligations that have a due date, year-end closing, end of term, termination's effective date. Each entry
// has a stable identifier, so that a calendar that subscribed updates it instead of duplicating it.
import { compareDates, formatDate, type IsoDate } from "./dates";
import { PARTY_NAMES } from "./failures";
import type { PartyRole } from "./permissions";
import type { TimelineEvent } from "./schedule";

export type CalendarCategory = "COMITE" | "BILAN" | "OBLIGATION" | "CLOTURE_GESTION" | "FIN" | "RESILIATION";

export interface CalendarEntry {
  /** Stable across feeds: the same due date keeps the same identifier. */
  uid: string;
  date: IsoDate;
  title: string;
  description: string;
  category: CalendarCategory;
}

export const CALENDAR_CATEGORY_LABELS: Record<CalendarCategory, string> = {
  COMITE: "Comité d'investissement",
  BILAN: "Bilan de mi-parcours",
  OBLIGATION: "Obligation",
  CLOTURE_GESTION: "Clôture de gestion",
  FIN: "Fin de la convention",
  RESILIATION: "Résiliation",
};


export interface CalendarInput {
  conventionId: string;
  /** "FAST 14 — France Chaleur Urbaine": prefixes every title, so that several conventions read apart. */
  label: string;
  midTermReviewDueOn: IsoDate | null;
  committeesDueOn: readonly IsoDate[];
  /** The end date of the terms in force. */
  endsOn: IsoDate;
  terminationEffectiveOn: IsoDate | null;
  /** The convention's timeline (year-end closing events are read from it). */
  timeline: readonly TimelineEvent[];
  obligations: readonly { code: string; title: string; owedBy: PartyRole; dueOn: IsoDate | null; statusLabel: string }[];
}

export function conventionCalendar(input: CalendarInput): CalendarEntry[] {
  const uid = (key: string) => `${input.conventionId}-${key}@suivi-fast`;
  const title = (text: string) => `${input.label} : ${text}`;
  const entries: CalendarEntry[] = [];

  input.committeesDueOn.forEach((dueOn, i) => {
    entries.push({
      uid: uid(`comite-${dueOn}`),
      date: dueOn,
      title: title(`comité d'investissement n° ${i + 1} (échéance)`),
      description: `Comité d'investissement semestriel, présidé par le représentant du partenaire, la DINUM invitée : résultats de la phase qui s'achève et objectifs à six mois. Au plus tard le ${formatDate(dueOn)}.`,
      category: "COMITE",
    });
  });
  if (input.midTermReviewDueOn) {
    entries.push({
      uid: uid("bilan-mi-parcours"),
      date: input.midTermReviewDueOn,
      title: title("bilan de mi-parcours (échéance)"),
      description: `Bilan de mi-parcours avec l'équipe FAST, attendu au plus tard le ${formatDate(input.midTermReviewDueOn)} ; il conditionne la seconde tranche.`,
      category: "BILAN",
    });
  }
  for (const o of input.obligations) {
    if (!o.dueOn) continue;
    entries.push({
      uid: uid(`obligation-${o.code}`),
      date: o.dueOn,
      title: title(`${o.title} (échéance)`),
      description: `Obligation due par ${PARTY_NAMES[o.owedBy]}, au plus tard le ${formatDate(o.dueOn)}. Statut : ${o.statusLabel}.`,
      category: "OBLIGATION",
    });
  }
  for (const e of input.timeline) {
    if ((e.kind !== "CLOTURE_PAIEMENTS" && e.kind !== "CLOTURE_COMMANDES") || !e.date) continue;
    entries.push({
      uid: uid(`${e.kind === "CLOTURE_PAIEMENTS" ? "cloture-paiements" : "cloture-commandes"}-${e.date.slice(0, 4)}`),
      date: e.date,
      title: title(`clôture de gestion ${e.date.slice(0, 4)}, ${e.kind === "CLOTURE_PAIEMENTS" ? "dernières demandes de paiement" : "dernières commandes (EJ)"}`),
      description: `${e.label} Dates habituelles de la clôture CHORUS : à confirmer chaque année par la circulaire de fin de gestion.`,
      category: "CLOTURE_GESTION",
    });
  }
  const terminatedFirst = input.terminationEffectiveOn !== null && compareDates(input.terminationEffectiveOn, input.endsOn) <= 0;
  if (input.terminationEffectiveOn) {
    entries.push({
      uid: uid("resiliation"),
      date: input.terminationEffectiveOn,
      title: title("résiliation effective"),
      description: `Un préavis de résiliation a été donné : la convention prend fin le ${formatDate(input.terminationEffectiveOn)}.`,
      category: "RESILIATION",
    });
  }
  if (!terminatedFirst) {
    entries.push({
      uid: uid("fin"),
      date: input.endsOn,
      title: title("fin de la convention (terme)"),
      description: `Terme de la convention le ${formatDate(input.endsOn)} ; le délégataire rend compte au délégant des dépenses et de l'avancement.`,
      category: "FIN",
    });
  }
  return entries.sort((a, b) => compareDates(a.date, b.date) || a.uid.localeCompare(b.uid));
}
