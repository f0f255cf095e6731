// A convention from its draft to its signature: brouillon (DINUM edits it, the parties read it; it may be
// incomplete, and says what is missing) → en signature (frozen, sent to the parties; each party's signature is
// recorded, partner first, délégataire next, DINUM last) → signée, in force from DINUM's signature date, which
// starts tranche 1. A signed convention changes only by avenant. Pure rules; the use cases apply them.
import { compareDates, type IsoDate } from "./dates";
import { failure, type Failure } from "./failures";
import type { Cents } from "./money";
import type { PartyRole } from "./permissions";

export const SIGNATURE_STAGES = ["BROUILLON", "EN_SIGNATURE", "SIGNEE"] as const;
export type SignatureStage = (typeof SIGNATURE_STAGES)[number];

export const SIGNATURE_STAGE_LABELS: Record<SignatureStage, string> = {
  BROUILLON: "Brouillon",
  EN_SIGNATURE: "En signature",
  SIGNEE: "Signée",
};

/** Where a convention stands in its drafting: signed once DINUM's date is set, frozen once sent for signature. */
export function signatureStage(c: { sentForSignatureOn: IsoDate | null; signedOn: IsoDate | null }): SignatureStage {
  if (c.signedOn !== null) return "SIGNEE";
  return c.sentForSignatureOn !== null ? "EN_SIGNATURE" : "BROUILLON";
}

/** The order the parties sign in (article 9 of the FAST text: the partner first, DINUM last). */
export const SIGNATURE_ORDER = ["PARTENAIRE", "DELEGATAIRE", "DELEGANT"] as const satisfies readonly PartyRole[];

export interface RecordedSignature {
  party: PartyRole;
  signedOn: IsoDate;
}

/** The party whose signature is expected next; null when all three have signed. */
export function nextSignatory(signatures: readonly RecordedSignature[]): PartyRole | null {
  return SIGNATURE_ORDER.find((party) => !signatures.some((s) => s.party === party)) ?? null;
}

/**
 * Whether a party's signature on a date may be recorded: the convention is in signature, the party is the one
 * expected next, its date is neither in the future, nor before the draft was sent, nor before the previous
 * signature. Null when it may.
 */
export function checkSignature(
  c: { stage: SignatureStage; sentForSignatureOn: IsoDate | null; signatures: readonly RecordedSignature[] },
  signature: RecordedSignature,
  today: IsoDate,
): Failure | null {
  const already = c.signatures.find((s) => s.party === signature.party);
  if (already) return failure("SIGNATURE_ALREADY_RECORDED", { party: signature.party, on: already.signedOn }, "party");
  if (c.stage === "SIGNEE") return failure("CONVENTION_SIGNED_CHANGES_BY_AVENANT");
  if (c.stage !== "EN_SIGNATURE") return failure("SIGNATURE_NOT_OPEN");
  const expected = nextSignatory(c.signatures);
  if (expected !== null && expected !== signature.party) return failure("SIGNATURE_OUT_OF_ORDER", { party: signature.party, expected }, "party");
  if (compareDates(signature.signedOn, today) > 0) return failure("SIGNATURE_DATE_IN_FUTURE", { on: signature.signedOn }, "signedOn");
  if (c.sentForSignatureOn && compareDates(signature.signedOn, c.sentForSignatureOn) < 0) {
    return failure("SIGNATURE_BEFORE_SENT", { on: signature.signedOn, sentOn: c.sentForSignatureOn }, "signedOn");
  }
  const previous = c.signatures.at(-1);
  if (previous && compareDates(signature.signedOn, previous.signedOn) < 0) {
    return failure("SIGNATURE_BEFORE_PREVIOUS", { on: signature.signedOn, previous: previous.party, previousOn: previous.signedOn }, "signedOn");
  }
  return null;
}

/** A draft is edited only while it is a draft; once sent it is frozen, once signed it changes by avenant. */
export function checkDraftEditable(stage: SignatureStage): Failure | null {
  if (stage === "SIGNEE") return failure("CONVENTION_SIGNED_CHANGES_BY_AVENANT");
  if (stage === "EN_SIGNATURE") return failure("CONVENTION_IN_SIGNATURE_FROZEN");
  return null;
}

/** What a draft holds, as far as its completeness goes ("" or null: not given yet). */
export interface DraftFacts {
  endsOn: IsoDate;
  midTermReviewDueOn: IsoDate | null;
  intrapreneurName: string | null;
  coFinancingCents: Cents | null;
  purpose: string;
  legalBasis: readonly string[];
  bop: string;
  bopLabel: string;
  centreFinancier: string;
  domaineFonctionnel: string;
  activite: string;
  centreDeCout: string;
  comptableAssignataire: string;
  parties: readonly { role: PartyRole; representativeName: string; representativeTitle: string }[];
  credits: readonly { year: number; aeCents: Cents; cpCents: Cents }[];
  /** Shares of tranche 1 and 2 in basis points. */
  trancheShares: readonly number[];
}

/** The fields a complete draft gives, with their French labels (the form's labels). */
export const DRAFT_FIELD_LABELS = {
  partnerRepresentative: "Représentant du partenaire et sa qualité",
  delegataireRepresentative: "Représentant du délégataire et sa qualité",
  delegantRepresentative: "Représentant de la DINUM et sa qualité",
  intrapreneurName: "Intrapreneur",
  credits: "AE et CP par année",
  coFinancing: "Cofinancement du partenaire",
  trancheShares: "Parts des tranches (100 % au total)",
  purpose: "Objet de la convention",
  legalBasis: "Fondement juridique",
  bop: "Programme (BOP) et son libellé",
  centreFinancier: "UO / centre financier",
  domaineFonctionnel: "Domaine fonctionnel",
  activite: "Activité",
  centreDeCout: "Centre de coûts",
  comptableAssignataire: "Comptable assignataire",
  midTermReviewDueOn: "Échéance du bilan de mi-parcours",
} as const;
export type DraftField = keyof typeof DRAFT_FIELD_LABELS;

const REPRESENTATIVE_FIELD: Record<PartyRole, DraftField> = {
  PARTENAIRE: "partnerRepresentative",
  DELEGATAIRE: "delegataireRepresentative",
  DELEGANT: "delegantRepresentative",
};

/** What a draft still lacks before it can be sent for signature, in the form's order; empty when complete. */
export function missingFromDraft(d: DraftFacts): DraftField[] {
  const blank = (s: string | null | undefined) => !s || s.trim() === "";
  const missing: DraftField[] = [];
  for (const role of ["PARTENAIRE", "DELEGATAIRE", "DELEGANT"] as const) {
    const party = d.parties.find((p) => p.role === role);
    if (!party || blank(party.representativeName) || blank(party.representativeTitle)) missing.push(REPRESENTATIVE_FIELD[role]);
  }
  if (blank(d.intrapreneurName)) missing.push("intrapreneurName");
  if (d.credits.length === 0 || d.credits.every((c) => c.aeCents === 0n && c.cpCents === 0n)) missing.push("credits");
  if (d.coFinancingCents === null) missing.push("coFinancing");
  if (d.trancheShares.reduce((a, b) => a + b, 0) !== 10_000) missing.push("trancheShares");
  if (blank(d.purpose)) missing.push("purpose");
  if (d.legalBasis.length === 0) missing.push("legalBasis");
  if (blank(d.bop) || blank(d.bopLabel)) missing.push("bop");
  if (blank(d.centreFinancier)) missing.push("centreFinancier");
  if (blank(d.domaineFonctionnel)) missing.push("domaineFonctionnel");
  if (blank(d.activite)) missing.push("activite");
  if (blank(d.centreDeCout)) missing.push("centreDeCout");
  if (blank(d.comptableAssignataire)) missing.push("comptableAssignataire");
  if (d.midTermReviewDueOn === null) missing.push("midTermReviewDueOn");
  return missing;
}

/** A draft is sent for signature only once complete; the refusal names what is missing. */
export function checkSendForSignature(stage: SignatureStage, d: DraftFacts): Failure | null {
  const notEditable = checkDraftEditable(stage);
  if (notEditable) return notEditable;
  const missing = missingFromDraft(d);
  return missing.length ? failure("DRAFT_INCOMPLETE", { missing: missing.map((m) => DRAFT_FIELD_LABELS[m]) }) : null;
}

/**
 * The coherence of a draft's terms, whatever is still missing: tranche shares add up to 100 %, each year once
 * and not after the end date, the CP never above the AE in total, the review due before the end.
 */
export function checkDraftTerms(d: Pick<DraftFacts, "endsOn" | "midTermReviewDueOn" | "credits" | "trancheShares">): Failure | null {
  const total = d.trancheShares.reduce((a, b) => a + b, 0);
  if (total !== 10_000) return failure("TRANCHE_SHARES_NOT_WHOLE", { totalBasisPoints: total }, "tranche1Share");
  const years = new Set<number>();
  for (const c of d.credits) {
    if (years.has(c.year)) return failure("CREDIT_YEAR_TWICE", { year: c.year }, "credits");
    years.add(c.year);
    if (c.year > Number(d.endsOn.slice(0, 4))) return failure("CREDIT_YEAR_AFTER_END", { year: c.year, endsOn: d.endsOn }, "credits");
  }
  const ae = d.credits.reduce((a, c) => a + c.aeCents, 0n);
  const cp = d.credits.reduce((a, c) => a + c.cpCents, 0n);
  if (cp > ae) return failure("CREDIT_CP_ABOVE_AE", { aeCents: ae, cpCents: cp }, "credits");
  if (d.midTermReviewDueOn && compareDates(d.midTermReviewDueOn, d.endsOn) > 0) {
    return failure("REVIEW_DUE_AFTER_END", { dueOn: d.midTermReviewDueOn, endsOn: d.endsOn }, "midTermReviewDueOn");
  }
  return null;
}

// ───────────────────────────── Publication, comments, the promotion's name ─────────────────────────────

/**
 * Whether the convention may be published (article 7: DINUM publishes it on gouvernement.fr and data.gouv.fr):
 * signed by the three parties, its copy sent to the CBCM (not before DINUM's signature, not in the future),
 * and not already published. Null when it may.
 */
export function checkPublish(
  c: { stage: SignatureStage; signedOn: IsoDate | null; published: boolean; publishedOn: IsoDate | null },
  cbcmCopySentOn: IsoDate,
  today: IsoDate,
): Failure | null {
  if (c.stage !== "SIGNEE" || c.signedOn === null) return failure("CONVENTION_NOT_SIGNED_FOR_PUBLICATION");
  if (c.published) return failure("CONVENTION_ALREADY_PUBLISHED", { on: c.publishedOn });
  if (compareDates(cbcmCopySentOn, c.signedOn) < 0) return failure("CONVENTION_CBCM_COPY_BEFORE_SIGNATURE", { sentOn: cbcmCopySentOn, signedOn: c.signedOn }, "cbcmCopySentOn");
  if (compareDates(cbcmCopySentOn, today) > 0) return failure("FUTURE_DATE", { on: cbcmCopySentOn }, "cbcmCopySentOn");
  return null;
}

/**
 * Whether the publication may be withdrawn: only a published convention, and always with a reason (the form
 * asks it; the audit trail keeps it). A withdrawal corrects a publication made by mistake, or one that must
 * come down (personal data in the text): the convention and its signatures stay as they are.
 */
export function checkUnpublish(c: { published: boolean }): Failure | null {
  return c.published ? null : failure("CONVENTION_NOT_PUBLISHED");
}

/**
 * Whether a party may comment the draft: while it is drafted and while it is in signature (a party may still
 * point out an error before signing; DINUM answers it there). Once signed, the convention changes only by
 * avenant: the comments of its drafting are closed and kept as they are, the record of how it was agreed.
 */
export function checkDraftComment(stage: SignatureStage): Failure | null {
  return stage === "SIGNEE" ? failure("DRAFT_COMMENTS_CLOSED") : null;
}

/**
 * Whether a promotion may be renamed: its conventions' texts say its name ("FAST 15"), so only while every one
 * is still a draft (their title follows the new name). Null when it may.
 */
export function checkPromotionRename(conventions: readonly { reference: string; stage: SignatureStage }[]): Failure | null {
  const fixed = conventions.find((c) => c.stage !== "BROUILLON");
  return fixed ? failure("PROMOTION_NAME_FROZEN", { reference: fixed.reference }) : null;
}
