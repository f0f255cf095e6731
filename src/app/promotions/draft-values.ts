// The values a draft form starts from: the FAST template's for a new convention, the record's for a draft.
import { FAST_LEGAL_BASIS, FAST_PROGRAMME } from "@/domain/fast-template";
import { isoDate } from "@/domain/dates";
import { clock } from "@/server/clock";
import { centsToFrenchDecimal } from "@/domain/money";
import type { findDraft } from "@/server/repositories/promotions";
import type { DraftValues } from "./ConventionDraftForm";

const percent = (bp: number) => (bp % 100 === 0 ? String(bp / 100) : (bp / 100).toFixed(2).replace(".", ","));

export function newDraftValues(): DraftValues {
  const year = clock.today().slice(0, 4);
  return {
    startupName: "", startupSlug: "", startupBetaUrl: "", partnerId: "", delegataireId: "",
    partnerRepresentativeName: "", partnerRepresentativeTitle: "", delegataireRepresentativeName: "", delegataireRepresentativeTitle: "",
    delegantRepresentativeName: "", delegantRepresentativeTitle: "", delegataireDesignation: "", intrapreneurName: "", sponsorName: "",
    credits: [{ year, ae: "", cp: "" }],
    tranche1Share: "50", tranche2Share: "50", coFinancing: "", midTermReviewDueOn: "", endsOn: `${year}-12-31`,
    purpose: "", legalBasis: FAST_LEGAL_BASIS.join("\n"),
    bop: FAST_PROGRAMME.bop, bopLabel: FAST_PROGRAMME.bopLabel, centreFinancier: "", domaineFonctionnel: "", activite: "", centreDeCout: "", serviceExecutant: "", comptableAssignataire: "",
    signedAt: "Paris",
  };
}

export function draftValues(draft: NonNullable<Awaited<ReturnType<typeof findDraft>>>): DraftValues {
  const c = draft.convention;
  const party = (role: string) => c.parties.find((p) => p.role === role);
  return {
    startupName: c.startupName, startupSlug: c.startupSlug, startupBetaUrl: c.startupBetaUrl ?? "",
    partnerId: party("PARTENAIRE")?.organisationId ?? "", delegataireId: party("DELEGATAIRE")?.organisationId ?? "",
    partnerRepresentativeName: party("PARTENAIRE")?.representativeName ?? "", partnerRepresentativeTitle: party("PARTENAIRE")?.representativeTitle ?? "",
    delegataireRepresentativeName: party("DELEGATAIRE")?.representativeName ?? "", delegataireRepresentativeTitle: party("DELEGATAIRE")?.representativeTitle ?? "",
    delegantRepresentativeName: party("DELEGANT")?.representativeName ?? "", delegantRepresentativeTitle: party("DELEGANT")?.representativeTitle ?? "",
    delegataireDesignation: party("DELEGATAIRE")?.designation === "le délégataire" ? "" : (party("DELEGATAIRE")?.designation ?? ""),
    intrapreneurName: c.intrapreneurName ?? "", sponsorName: c.sponsorName ?? "",
    credits: c.credits.map((x) => ({ year: String(x.year), ae: centsToFrenchDecimal(x.aeCents), cp: centsToFrenchDecimal(x.cpCents) })),
    tranche1Share: percent(draft.shares[0]), tranche2Share: percent(draft.shares[1]),
    coFinancing: c.coFinancingCents === null ? "" : centsToFrenchDecimal(c.coFinancingCents),
    midTermReviewDueOn: c.midTermReviewDueOn ? isoDate(c.midTermReviewDueOn) : "", endsOn: isoDate(c.endsOn),
    purpose: c.purpose, legalBasis: c.legalBasis.join("\n"),
    bop: c.bop, bopLabel: c.bopLabel, centreFinancier: c.centreFinancier, domaineFonctionnel: c.domaineFonctionnel, activite: c.activite, centreDeCout: c.centreDeCout,
    serviceExecutant: c.serviceExecutant ?? "", comptableAssignataire: c.comptableAssignataire, signedAt: c.signedAt ?? "",
  };
}
