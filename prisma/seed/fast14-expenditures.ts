// Demo data only (the signed text says nothing of it): FAST 14's expenditure as the délégataire typed it in
// until the summer of 2024 — purchase orders (EJ) on the marché "Réalisation de services publics numériques en
// mode produit", service fait, payment requests. Suppliers are fictitious and say so ("(démo)"); their SIRETs
// pass the Luhn check and the EJ numbers have Chorus's 10 digits.
// These lines are also in the sample extracts of tests/fixtures/chorus (same EJ postes and amounts, same DP
// numbers): importing those snapshots on the demo finds them known and brings the autumn.
// Pure data and a pure check (no I/O). Amounts in cents.
import { compareDates, type IsoDate } from "../../src/domain/dates";
import { shareOf, type Cents } from "../../src/domain/money";
import { siretProblem } from "../../src/domain/siret";
import type { ConventionSeed, DemoHistory } from "./fast14";

export interface DemoSupplier {
  name: string;
  siret: string;
}

export interface DemoEj {
  chorusNumber: string;
  lineNumber: number;
  orderedOn: IsoDate;
  supplier: DemoSupplier;
  object: string;
  /** The initial AE line. */
  amountCents: Cents;
  /** Later increases (positive) or reductions (negative), as separate dated lines. */
  movements: { movedOn: IsoDate; amountCents: Cents; reason: string }[];
  serviceFaits: { doneOn: IsoDate; reference: string; amountCents: Cents }[];
  payments: { dpNumber: string; paidOn: IsoDate; amountCents: Cents }[];
}

const NUMERIQUE_PRODUIT: DemoSupplier = { name: "Numérique & Produit Associés (démo)", siret: "91234567500017" };
const ELAN_NUMERIQUE: DemoSupplier = { name: "Coopérative Élan Numérique (démo)", siret: "88765432500026" };

export const FAST14_DEMO_EXPENDITURES: DemoEj[] = [
  {
    // T1 (60 500 € of AE) was made available on 4 March: the first purchase order uses nearly all of it.
    chorusNumber: "1300456781",
    lineNumber: 1,
    orderedOn: "2024-03-15",
    supplier: NUMERIQUE_PRODUIT,
    object: "BC n°1 : développement, sprints 1 à 6",
    amountCents: 4_800_000n,
    movements: [{ movedOn: "2024-06-03", amountCents: 625_000n, reason: "BC n°1 : augmentation (sprints 7 et 8)" }],
    serviceFaits: [
      { doneOn: "2024-04-26", reference: "SF-BC1-SPRINTS-1-3", amountCents: 2_400_000n },
      { doneOn: "2024-06-21", reference: "SF-BC1-SPRINTS-4-6", amountCents: 2_400_000n },
    ],
    payments: [
      { dpNumber: "1000234501", paidOn: "2024-04-30", amountCents: 2_400_000n },
      { dpNumber: "1000241877", paidOn: "2024-06-28", amountCents: 2_400_000n },
    ],
  },
  {
    chorusNumber: "1300456781",
    lineNumber: 2,
    orderedOn: "2024-03-15",
    supplier: NUMERIQUE_PRODUIT,
    object: "BC n°1 : design et déploiement",
    amountCents: 1_248_762n,
    movements: [],
    serviceFaits: [{ doneOn: "2024-07-05", reference: "SF-BC1-DESIGN", amountCents: 624_381n }],
    payments: [{ dpNumber: "1000256320", paidOn: "2024-07-15", amountCents: 624_381n }],
  },
  {
    // After the mid-term review (25 April) and the release of T2 (13 May).
    chorusNumber: "1300462210",
    lineNumber: 1,
    orderedOn: "2024-05-16",
    supplier: ELAN_NUMERIQUE,
    object: "BC n°2 : passage à l'échelle, réseaux de chaleur",
    amountCents: 3_600_000n,
    movements: [],
    // Done in July, paid in September: the payment comes with the extract of December.
    serviceFaits: [{ doneOn: "2024-07-26", reference: "SF-BC2-LOT-1", amountCents: 1_800_000n }],
    payments: [],
  },
];

type Op = { on: IsoDate; order: number; ae?: Cents; cp?: Cents; sf?: Cents; ej: string; what: string };

/**
 * What would make the demo expenditure impossible in the app: a malformed EJ, SIRET or DP number, a date
 * outside the convention's life, and — date by date — more AE engaged or CP paid than DINUM had released by
 * then, more paid on an EJ than its service fait or its AE. Empty when the demo is sound.
 */
export function demoExpenditureProblems(convention: ConventionSeed, history: DemoHistory, ejs: readonly DemoEj[]): string[] {
  const problems: string[] = [];
  const year = (iso: IsoDate) => Number(iso.slice(0, 4));
  const credit = (y: number) => convention.credits.find((c) => c.year === y);
  const released = (type: "AE" | "CP", on: IsoDate) =>
    history.releases
      .filter((r) => compareDates(r.releasedOn, on) <= 0)
      .reduce((acc, r) => {
        const c = credit(year(on));
        const t = convention.tranches.find((x) => x.rank === r.rank);
        return c && t ? acc + shareOf(type === "AE" ? c.aeCents : c.cpCents, t.shareBasisPoints) : acc;
      }, 0n);
  const ops: Op[] = [];
  const dps = new Set<string>();
  for (const ej of ejs) {
    const label = `EJ ${ej.chorusNumber} poste ${ej.lineNumber}`;
    if (!/^\d{10}$/.test(ej.chorusNumber)) problems.push(`${label} : numéro d'EJ sans ses 10 chiffres`);
    if (siretProblem(ej.supplier.siret)) problems.push(`${label} : SIRET ${ej.supplier.siret} invalide`);
    if (!ej.supplier.name.includes("(démo)")) problems.push(`${label} : fournisseur non marqué comme donnée de démonstration`);
    ops.push({ on: ej.orderedOn, order: 0, ae: ej.amountCents, ej: label, what: "engagement" });
    for (const m of ej.movements) {
      if (compareDates(m.movedOn, ej.orderedOn) < 0) problems.push(`${label} : modification du ${m.movedOn} antérieure à l'engagement`);
      ops.push({ on: m.movedOn, order: 0, ae: m.amountCents, ej: label, what: "modification" });
    }
    for (const s of ej.serviceFaits) ops.push({ on: s.doneOn, order: 1, sf: s.amountCents, ej: label, what: "service fait" });
    for (const p of ej.payments) {
      if (!/^\d{6,12}$/.test(p.dpNumber) || dps.has(p.dpNumber)) problems.push(`${label} : numéro de DP ${p.dpNumber} invalide ou en double`);
      dps.add(p.dpNumber);
      ops.push({ on: p.paidOn, order: 2, cp: p.amountCents, ej: label, what: "paiement" });
    }
  }
  ops.sort((a, b) => compareDates(a.on, b.on) || a.order - b.order);
  let engaged = 0n;
  let paid = 0n;
  const perEj = new Map<string, { ae: Cents; sf: Cents; cp: Cents }>();
  for (const op of ops) {
    const at = `${op.ej}, ${op.what} du ${op.on}`;
    if (compareDates(op.on, convention.signedOn) < 0 || compareDates(op.on, convention.endsOn) > 0) problems.push(`${at} : hors de la vie de la convention`);
    const ej = perEj.get(op.ej) ?? { ae: 0n, sf: 0n, cp: 0n };
    perEj.set(op.ej, ej);
    if (op.ae !== undefined) {
      engaged += op.ae;
      ej.ae += op.ae;
      if (engaged > released("AE", op.on)) problems.push(`${at} : AE engagées au-delà des tranches débloquées`);
      if (ej.ae < ej.cp) problems.push(`${at} : réduction sous le montant payé`);
    }
    if (op.sf !== undefined) {
      ej.sf += op.sf;
      if (ej.sf > ej.ae) problems.push(`${at} : service fait au-delà des AE de l'engagement`);
    }
    if (op.cp !== undefined) {
      paid += op.cp;
      ej.cp += op.cp;
      if (paid > released("CP", op.on)) problems.push(`${at} : CP payés au-delà des tranches débloquées`);
      if (ej.cp > ej.sf) problems.push(`${at} : paiement sans service fait correspondant`);
    }
  }
  return problems;
}

/** AE engaged and CP paid by the demo, for the tests that compare figures. */
export function demoExpenditureTotals(ejs: readonly DemoEj[]): { engagedCents: Cents; paidCents: Cents } {
  let engagedCents = 0n;
  let paidCents = 0n;
  for (const ej of ejs) {
    engagedCents += ej.amountCents + ej.movements.reduce((a, m) => a + m.amountCents, 0n);
    paidCents += ej.payments.reduce((a, p) => a + p.amountCents, 0n);
  }
  return { engagedCents, paidCents };
}
