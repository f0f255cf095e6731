// Which lines of an extract belong to the convention being imported. A Chorus extract covers a whole
// perimeter (a BOP, a centre financier…): the convention's lines are those imputed on its centre financier
// and its activité (the Chorus references of its article 4). The others are listed and ignored, never
// rejected: they are right, only not ours.
import type { ChorusDpLine, ChorusEjLine } from "./records";

/** The convention's Chorus references (the Convention model's fields of the same names). */
export type ConventionChorusRefs = {
  centreFinancier: string;
  activite: string;
  domaineFonctionnel: string;
  centreDeCout: string;
};

export type ScopeVerdict =
  /** Of this convention; `warnings` name an imputation that differs on a secondary axis (domaine fonctionnel, centre de coûts). */
  | { scope: "convention"; warnings: string[] }
  /** Of another convention (other centre financier or activité), or a DP whose EJ is not this convention's. */
  | { scope: "other"; cause: "imputation" | "unknown-ej"; reason: string };

/**
 * Codes compare upper-cased without spaces; an all-digit code (activité "035200010101") also without its
 * leading zeros, which a spreadsheet drops when the file went through it.
 */
export function sameChorusCode(a: string, b: string): boolean {
  const canonical = (code: string) => {
    const compact = code.replace(/\s+/g, "").toUpperCase();
    return /^\d+$/.test(compact) ? compact.replace(/^0+(?=\d)/, "") : compact;
  };
  return canonical(a) === canonical(b);
}

function imputationMismatch(line: { centreFinancier?: string; activite?: string }, refs: ConventionChorusRefs): string[] {
  const differences: string[] = [];
  if (line.centreFinancier !== undefined && !sameChorusCode(line.centreFinancier, refs.centreFinancier)) {
    differences.push(`centre financier « ${line.centreFinancier} » au lieu de « ${refs.centreFinancier} »`);
  }
  if (line.activite !== undefined && !sameChorusCode(line.activite, refs.activite)) {
    differences.push(`activité « ${line.activite} » au lieu de « ${refs.activite} »`);
  }
  return differences;
}

/** `fileLine`: the line of the file, for the message. */
export function ejLineScope(line: ChorusEjLine, fileLine: number, refs: ConventionChorusRefs): ScopeVerdict {
  const differences = imputationMismatch(line, refs);
  if (differences.length > 0) {
    return {
      scope: "other",
      cause: "imputation",
      reason: `Ligne ${fileLine} : EJ ${line.ejNumber} poste ${line.lineNumber} d'une autre convention (${differences.join(", ")}), ignoré.`,
    };
  }
  const warnings: string[] = [];
  if (!sameChorusCode(line.domaineFonctionnel, refs.domaineFonctionnel)) {
    warnings.push(
      `Ligne ${fileLine} : domaine fonctionnel « ${line.domaineFonctionnel} » différent de celui de la convention (« ${refs.domaineFonctionnel} »).`,
    );
  }
  if (!sameChorusCode(line.centreDeCout, refs.centreDeCout)) {
    warnings.push(`Ligne ${fileLine} : centre de coûts « ${line.centreDeCout} » différent de celui de la convention (« ${refs.centreDeCout} »).`);
  }
  return { scope: "convention", warnings };
}

/**
 * A DP is of the convention when its imputation (if the file gives one) is the convention's and the EJ line it
 * pays is one of the convention's: already recorded, or in the EJ lines of this import (`isConventionEj`).
 */
export function dpLineScope(
  line: ChorusDpLine,
  fileLine: number,
  refs: ConventionChorusRefs,
  isConventionEj: (ejNumber: string, lineNumber: number) => boolean,
): ScopeVerdict {
  const differences = imputationMismatch(line, refs);
  if (differences.length > 0) {
    return {
      scope: "other",
      cause: "imputation",
      reason: `Ligne ${fileLine} : DP ${line.dpNumber} d'une autre convention (${differences.join(", ")}), ignorée.`,
    };
  }
  if (!isConventionEj(line.ejNumber, line.lineNumber)) {
    return {
      scope: "other",
      cause: "unknown-ej",
      reason: `Ligne ${fileLine} : DP ${line.dpNumber} sur l'EJ ${line.ejNumber} poste ${line.lineNumber}, qui n'est pas un engagement de cette convention, ignorée.`,
    };
  }
  return { scope: "convention", warnings: [] };
}
