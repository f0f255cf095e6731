// Terms in force of a convention: the original terms plus every avenant signed up to a date, in order
// (article 5: any change is made by avenant). Also the zod schema of what an avenant may change, as stored
// in Avenant.changes (Json: cents travel as strings of digits, since JSON has no bigint).
import { z } from "zod";
import { compareDates, formatDate, isValidIsoDate, type IsoDate } from "./dates";
import { formatEuros, type Cents } from "./money";

export const CREDIT_TYPES = ["AE", "CP"] as const;
export type CreditType = (typeof CREDIT_TYPES)[number];

export const TRANCHE_TRIGGERS = ["SIGNATURE", "MID_TERM_REVIEW"] as const;
export type TrancheTrigger = (typeof TRANCHE_TRIGGERS)[number];

/** 10 000 basis points = 100 % of a year's allocation. */
export const FULL_SHARE_BP = 10_000;

/** Maximum amounts made available for one budget year. */
export interface YearAllocation {
  year: number;
  aeCents: Cents;
  cpCents: Cents;
}

export interface TrancheTerm {
  year: number;
  creditType: CreditType;
  rank: number;
  /** Share of the year's allocation of this credit type, in basis points (5000 = 50 %). */
  shareBasisPoints: number;
  trigger: TrancheTrigger;
  /**
   * The avenant that introduced the tranche (a complementary tranche, a year it added): a tranche due "at
   * signature" is due at that avenant's signature, not the convention's. Absent: a tranche of the signed text.
   */
  fromAvenant?: { number: number; signedOn: IsoDate };
}

/** The day a tranche due at signature became due: its avenant's signature, or the convention's. */
export function signatureDueOn(tranche: Pick<TrancheTerm, "fromAvenant">, conventionSignedOn: IsoDate): IsoDate;
export function signatureDueOn(tranche: Pick<TrancheTerm, "fromAvenant">, conventionSignedOn: IsoDate | null): IsoDate | null;
export function signatureDueOn(tranche: Pick<TrancheTerm, "fromAvenant">, conventionSignedOn: IsoDate | null): IsoDate | null {
  return tranche.fromAvenant?.signedOn ?? conventionSignedOn;
}

export interface Terms {
  endsOn: IsoDate;
  /** Null: the default, end of April of the signature's year (see defaultMidTermReviewDue). */
  midTermReviewDueOn: IsoDate | null;
  credits: YearAllocation[];
  tranches: TrancheTerm[];
}

export type OriginalTerms = Terms;

export const CREDIT_TYPE_LABELS: Record<CreditType, string> = {
  AE: "autorisations d'engagement (AE)",
  CP: "crédits de paiement (CP)",
};

export const TRIGGER_LABELS: Record<TrancheTrigger, string> = {
  SIGNATURE: "à la signature",
  MID_TERM_REVIEW: "après le bilan de mi-parcours",
};

export function allocationOf(terms: Pick<Terms, "credits">, year: number, creditType: CreditType): Cents {
  const line = terms.credits.find((c) => c.year === year);
  if (!line) return 0n;
  return creditType === "AE" ? line.aeCents : line.cpCents;
}

/** The tranches of one year and credit type, by rank. */
export function tranchesOf(terms: Pick<Terms, "tranches">, year: number, creditType: CreditType): TrancheTerm[] {
  return terms.tranches.filter((t) => t.year === year && t.creditType === creditType).sort((a, b) => a.rank - b.rank);
}

/** "50 %", "33,33 %": basis points are integers, so this is exact. */
export function formatShare(basisPoints: number): string {
  const units = Math.trunc(basisPoints / 100);
  const rest = Math.abs(basisPoints % 100);
  return rest === 0 ? `${units}\u00a0%` : `${units},${String(rest).padStart(2, "0").replace(/0$/, "")}\u00a0%`;
}

// ───────────────────────────── What an avenant may change ─────────────────────────────

const MAX_CENTS = 10n ** 15n; // same bound as parseEuros: far beyond any convention

const isoDateField = z
  .string({ error: "Date attendue au format AAAA-MM-JJ." })
  .refine(isValidIsoDate, { error: "Date invalide : écrivez-la au format AAAA-MM-JJ (par exemple 2024-12-31)." });

const CENTS_EXPECTED = "Montant attendu en centimes : un nombre entier positif ou nul.";
const centsField = z
  .union(
    [
      z.string({ error: CENTS_EXPECTED }).regex(/^\d{1,16}$/, { error: CENTS_EXPECTED }),
      z.number({ error: CENTS_EXPECTED }).int({ error: CENTS_EXPECTED }).nonnegative({ error: CENTS_EXPECTED }).max(Number.MAX_SAFE_INTEGER, { error: "Montant trop élevé." }),
      // Already parsed changes parse again to themselves.
      z.bigint({ error: CENTS_EXPECTED }).nonnegative({ error: CENTS_EXPECTED }),
    ],
    { error: CENTS_EXPECTED },
  )
  .transform((value) => BigInt(value))
  .refine((cents) => cents < MAX_CENTS, { error: "Montant trop élevé." });

const yearField = z
  .number({ error: "Année attendue (par exemple 2024)." })
  .int({ error: "Année attendue (par exemple 2024)." })
  .min(2000, { error: "Année invalide : entre 2000 et 2100." })
  .max(2100, { error: "Année invalide : entre 2000 et 2100." });

const creditChange = z
  .strictObject(
    { year: yearField, aeCents: centsField.optional(), cpCents: centsField.optional() },
    { error: "Chaque changement de crédits indique une année et ses montants en AE et/ou en CP." },
  )
  .refine((c) => c.aeCents !== undefined || c.cpCents !== undefined, {
    error: "Pour chaque année modifiée, indiquez le montant des AE, des CP, ou des deux.",
  });

const shareChange = z.strictObject(
  {
    rank: z.number({ error: "Rang de tranche attendu (1, 2…)." }).int({ error: "Rang de tranche attendu (1, 2…)." }).min(1, { error: "Le rang d'une tranche commence à 1." }),
    shareBasisPoints: z
      .number({ error: "Part attendue en points de base (5000 = 50 %)." })
      .int({ error: "Part attendue en points de base entiers (5000 = 50 %)." })
      .min(1, { error: "Une tranche a une part strictement positive." })
      .max(FULL_SHARE_BP, { error: "Une tranche ne dépasse pas 100 % des crédits de l'année." }),
    trigger: z.enum(TRANCHE_TRIGGERS, { error: "Déclenchement attendu : SIGNATURE ou MID_TERM_REVIEW." }),
  },
  { error: "Chaque tranche indique son rang, sa part et son déclenchement." },
);

const trancheChange = z
  .strictObject(
    {
      year: yearField,
      creditType: z.enum(CREDIT_TYPES, { error: "Type de crédits attendu : AE ou CP." }),
      shares: z.array(shareChange, { error: "Liste de tranches attendue." }).min(1, { error: "Indiquez au moins une tranche." }),
    },
    { error: "Chaque changement de tranches indique une année, un type de crédits (AE ou CP) et ses tranches." },
  )
  .superRefine((change, ctx) => {
    const ranks = change.shares.map((s) => s.rank);
    if (new Set(ranks).size !== ranks.length) {
      ctx.addIssue({ code: "custom", path: ["shares"], message: `Tranches ${change.creditType} ${change.year} : chaque rang ne figure qu'une fois.` });
    }
    const total = change.shares.reduce((acc, s) => acc + s.shareBasisPoints, 0);
    if (total !== FULL_SHARE_BP) {
      ctx.addIssue({
        code: "custom",
        path: ["shares"],
        message: `Tranches ${change.creditType} ${change.year} : les parts totalisent ${formatShare(total)} au lieu de 100 %.`,
      });
    }
  });

/**
 * The FAST's tranches for a year of credits (article 5 of the model convention): 50 % at signature, 50 %
 * after the mid-term review, for AE and for CP alike. An avenant adding a year gives it these.
 */
export function fastYearTranches(year: number): { year: number; creditType: CreditType; shares: { rank: number; shareBasisPoints: number; trigger: TrancheTrigger }[] }[] {
  return CREDIT_TYPES.map((creditType) => ({
    year,
    creditType,
    shares: [
      { rank: 1, shareBasisPoints: FULL_SHARE_BP / 2, trigger: "SIGNATURE" },
      { rank: 2, shareBasisPoints: FULL_SHARE_BP / 2, trigger: "MID_TERM_REVIEW" },
    ],
  }));
}

/** The Json of Avenant.changes. Every field is optional, but an avenant changes at least one thing. */
export const avenantChangesSchema = z
  .strictObject(
    {
      endsOn: isoDateField.optional(),
      midTermReviewDueOn: isoDateField.optional(),
      /** Set the AE and/or CP of a year, or add a year. */
      credits: z
        .array(creditChange, { error: "Liste d'années attendue." })
        .min(1, { error: "Liste de crédits vide : indiquez au moins une année ou retirez-la." })
        .superRefine((list, ctx) => {
          const years = list.map((c) => c.year);
          if (new Set(years).size !== years.length) ctx.addIssue({ code: "custom", message: "Chaque année ne figure qu'une fois dans les crédits." });
        })
        .optional(),
      /** Replace the tranches (shares and triggers) of a year and credit type. */
      tranches: z
        .array(trancheChange, { error: "Liste de tranches attendue." })
        .min(1, { error: "Liste de tranches vide : indiquez au moins une année ou retirez-la." })
        .superRefine((list, ctx) => {
          const keys = list.map((t) => `${t.year}-${t.creditType}`);
          if (new Set(keys).size !== keys.length) ctx.addIssue({ code: "custom", message: "Chaque année et type de crédits ne figure qu'une fois dans les tranches." });
        })
        .optional(),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `Changement non prévu pour un avenant : ${(issue as { keys?: string[] }).keys?.join(", ") ?? "inconnu"}.`
          : "Les changements d'un avenant forment un objet (date de fin, bilan de mi-parcours, crédits, tranches).",
    },
  )
  .refine((c) => Object.values(c).some((v) => v !== undefined), {
    error: "Un avenant modifie au moins une condition : date de fin, date du bilan de mi-parcours, crédits ou tranches.",
  });

/** Parsed changes: amounts in bigint cents. */
export type AvenantChanges = z.output<typeof avenantChangesSchema>;
/** What is stored in Avenant.changes (a type alias, not an interface, so that it is assignable to Json). */
export type AvenantChangesJson = {
  endsOn?: IsoDate;
  midTermReviewDueOn?: IsoDate;
  credits?: { year: number; aeCents?: string; cpCents?: string }[];
  tranches?: { year: number; creditType: CreditType; shares: { rank: number; shareBasisPoints: number; trigger: TrancheTrigger }[] }[];
};

/** The Json to store: cents as strings of digits, so nothing goes through a float. */
export function avenantChangesToJson(changes: AvenantChanges): AvenantChangesJson {
  const json: AvenantChangesJson = {};
  if (changes.endsOn !== undefined) json.endsOn = changes.endsOn;
  if (changes.midTermReviewDueOn !== undefined) json.midTermReviewDueOn = changes.midTermReviewDueOn;
  if (changes.credits) {
    json.credits = changes.credits.map((c) => ({
      year: c.year,
      ...(c.aeCents !== undefined ? { aeCents: c.aeCents.toString() } : {}),
      ...(c.cpCents !== undefined ? { cpCents: c.cpCents.toString() } : {}),
    }));
  }
  if (changes.tranches) json.tranches = changes.tranches.map((t) => ({ year: t.year, creditType: t.creditType, shares: t.shares.map((s) => ({ ...s })) }));
  return json;
}

export interface AvenantRecord {
  number: number;
  signedOn: IsoDate;
  changes: AvenantChanges;
}

/** The terms once one avenant applies: untouched parts are kept as they were. */
export function applyAvenant(terms: Terms, changes: AvenantChanges): Terms {
  const credits = terms.credits.map((c) => ({ ...c }));
  for (const change of changes.credits ?? []) {
    const line = credits.find((c) => c.year === change.year);
    if (line) {
      if (change.aeCents !== undefined) line.aeCents = change.aeCents;
      if (change.cpCents !== undefined) line.cpCents = change.cpCents;
    } else {
      credits.push({ year: change.year, aeCents: change.aeCents ?? 0n, cpCents: change.cpCents ?? 0n });
    }
  }
  credits.sort((a, b) => a.year - b.year);
  let tranches = terms.tranches.map((t) => ({ ...t }));
  for (const change of changes.tranches ?? []) {
    tranches = tranches.filter((t) => !(t.year === change.year && t.creditType === change.creditType));
    tranches.push(...change.shares.map((s) => ({ year: change.year, creditType: change.creditType, ...s })));
  }
  tranches.sort((a, b) => a.year - b.year || a.creditType.localeCompare(b.creditType) || a.rank - b.rank);
  return {
    endsOn: changes.endsOn ?? terms.endsOn,
    midTermReviewDueOn: changes.midTermReviewDueOn ?? terms.midTermReviewDueOn,
    credits,
    tranches,
  };
}

/** Avenants in the order they apply: by signature date, then by number. */
export function sortAvenants<A extends Pick<AvenantRecord, "number" | "signedOn">>(avenants: readonly A[]): A[] {
  return [...avenants].sort((a, b) => compareDates(a.signedOn, b.signedOn) || a.number - b.number);
}

/** The original terms amended by every avenant signed on or before `on`, in order. */
export function termsInForce(original: OriginalTerms, avenants: readonly AvenantRecord[], on: IsoDate): Terms {
  return sortAvenants(avenants.filter((a) => compareDates(a.signedOn, on) <= 0)).reduce((terms, avenant) => {
    const next = applyAvenant(terms, avenant.changes);
    // A tranche keeps the avenant that introduced it; one that did not exist before comes from this avenant.
    const key = (t: TrancheTerm) => `${t.year}|${t.creditType}|${t.rank}`;
    const before = new Map(terms.tranches.map((t) => [key(t), t.fromAvenant]));
    next.tranches = next.tranches.map((t) => {
      const { fromAvenant: _ignored, ...rest } = t;
      const from = before.has(key(t)) ? before.get(key(t)) : { number: avenant.number, signedOn: avenant.signedOn };
      return from ? { ...rest, fromAvenant: from } : rest;
    });
    return next;
  }, applyAvenant(original, {}));
}

/** One French line per change, for the avenant's history. */
export function describeAvenantChanges(changes: AvenantChanges): string[] {
  const lines: string[] = [];
  if (changes.endsOn) lines.push(`Fin de la convention : ${formatDate(changes.endsOn)}.`);
  if (changes.midTermReviewDueOn) lines.push(`Bilan de mi-parcours attendu au plus tard le ${formatDate(changes.midTermReviewDueOn)}.`);
  for (const c of changes.credits ?? []) {
    const parts = [
      c.aeCents !== undefined ? `AE ${formatEuros(c.aeCents)}` : null,
      c.cpCents !== undefined ? `CP ${formatEuros(c.cpCents)}` : null,
    ].filter((p) => p !== null);
    lines.push(`Crédits ${c.year} : ${parts.join(", ")}.`);
  }
  for (const t of changes.tranches ?? []) {
    const shares = [...t.shares]
      .sort((a, b) => a.rank - b.rank)
      .map((s) => `tranche ${s.rank} : ${formatShare(s.shareBasisPoints)} ${TRIGGER_LABELS[s.trigger]}`);
    lines.push(`Tranches ${t.creditType} ${t.year} : ${shares.join(" ; ")}.`);
  }
  return lines;
}
