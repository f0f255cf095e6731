// Which lines of an extract belong to the convention being imported. An extract covers a whole perimeter (a
// BOP, a service…): the convention's lines are those imputed as its article 4 says, on whichever imputation
// columns the layout carries. The deciding columns are the activité (référentiel de programmation, in every
// layout) and the centre financier, or — in the layouts without one (INF-BUD-53, AIFE CP) — the centre de
// coûts. Other lines are counted and ignored, never refused: they are right, only not ours. A line of the
// convention that differs on a secondary column (domaine fonctionnel, centre de coûts) is kept with a warning.
import type { Imputation } from "./records";
import { IMPUTATION_LABELS } from "./layouts";

/** The convention's Chorus references (the Convention model's fields of the same names). */
export type ConventionChorusRefs = {
  centreFinancier: string;
  activite: string;
  domaineFonctionnel: string;
  centreDeCout: string;
};

/**
 * Codes compare upper-cased without spaces; an all-digit code (activité "035200010101", programme "0352")
 * also without its leading zeros, which a spreadsheet drops (S6 writes programme 354 for 0354).
 */
export function sameChorusCode(a: string, b: string): boolean {
  const canonical = (code: string) => {
    const compact = code.replace(/\s+/g, "").toUpperCase();
    return /^\d+$/.test(compact) ? compact.replace(/^0+(?=\d)/, "") : compact;
  };
  return canonical(a) === canonical(b);
}

export type LineScope =
  /** `decidedBy`: the columns that made it the convention's; `warnings`: secondary columns that differ. */
  | { ours: true; decidedBy: (keyof Imputation)[]; warnings: string[] }
  | { ours: false; differences: string[] };

/**
 * Whose line it is. A line whose deciding cells could not be read (garbled) counts as the convention's, so
 * that its refusal stops the import rather than passing unseen.
 */
export function lineScope(imputation: Imputation, refs: ConventionChorusRefs): LineScope {
  const second: keyof Imputation = imputation.centreFinancier !== undefined ? "centreFinancier" : "centreDeCout";
  const deciding: (keyof Imputation)[] = ["activite", second];
  const differences: string[] = [];
  for (const key of deciding) {
    const value = imputation[key];
    if (value !== undefined && !sameChorusCode(value, refs[key as keyof ConventionChorusRefs])) {
      differences.push(`${IMPUTATION_LABELS[key]} « ${value} » au lieu de « ${refs[key as keyof ConventionChorusRefs]} »`);
    }
  }
  if (differences.length > 0) return { ours: false, differences };
  const warnings: string[] = [];
  const secondary: (keyof ConventionChorusRefs)[] = second === "centreFinancier" ? ["domaineFonctionnel", "centreDeCout"] : ["domaineFonctionnel"];
  for (const key of secondary) {
    const value = imputation[key];
    if (value !== undefined && !sameChorusCode(value, refs[key])) warnings.push(`${IMPUTATION_LABELS[key]} « ${value} » différent de celui de la convention (« ${refs[key]} »)`);
  }
  return { ours: true, decidedBy: deciding.filter((k) => imputation[k] !== undefined), warnings };
}
