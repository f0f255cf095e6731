// The demo's conventions are drafted and signed through the app's own use cases (src/server/use-cases/
// conventions.ts), on their story dates, by DINUM's pilot: the promotion, the draft from the FAST template, its
// sending for signature, then the three signatures — partner, délégataire, DINUM — on the signature date, and
// its publication.
// A convention the app would refuse to draft or sign fails the seed.
import { SIGNATURE_ORDER } from "../../src/domain/convention-drafts";
import type { IsoDate } from "../../src/domain/dates";
import type { Actor, ConventionParties } from "../../src/domain/permissions";
import { newAuditContext, type Tx } from "../../src/server/db/audit";
import { recordContext, useCaseContext } from "../../src/server/use-cases/context";
import { createConventionDraft, createPromotion, publishConvention, recordSignature, sendForSignature } from "../../src/server/use-cases/conventions";
import { LEGAL_BASIS, ORGANISATIONS, type ConventionSeed, type OrganisationKey } from "./fast14";

/** A story date's moment (10:00 UTC), for the audit trail to tell the demo in its order. */
const momentOf = (day: IsoDate) => new Date(`${day}T10:00:00Z`);

/** Drafts, sends and signs one demo convention as the pilot did; answers its id. */
export async function seedConvention(tx: Tx, c: ConventionSeed, orgIds: Record<OrganisationKey, string>, pilote: Actor): Promise<string> {
  const global = (day: IsoDate) => recordContext({ tx, actor: pilote, now: momentOf(day), auditContext: { ...newAuditContext(pilote), at: momentOf(day) } });
  const known = await tx.fastPromotion.findUnique({ where: { name: c.promotion.name } });
  const promotionId =
    known?.id ??
    (await createPromotion(global(c.promotion.announcedOn), { name: c.promotion.name, envelope: c.promotion.envelopeCents, announcedOn: c.promotion.announcedOn, startsOn: undefined, endsOn: undefined }));
  const representative = (role: keyof ConventionSeed["parties"]) => ORGANISATIONS[c.parties[role].org].representative;
  const conventionId = await createConventionDraft(global(c.story.draftedOn), {
    promotionId,
    reference: c.reference,
    startupName: c.startupName,
    startupSlug: c.startupSlug,
    startupBetaUrl: null,
    partnerId: orgIds[c.parties.PARTENAIRE.org],
    delegataireId: orgIds[c.parties.DELEGATAIRE.org],
    partnerRepresentativeName: representative("PARTENAIRE").fullName,
    partnerRepresentativeTitle: representative("PARTENAIRE").title,
    delegataireRepresentativeName: representative("DELEGATAIRE").fullName,
    delegataireRepresentativeTitle: representative("DELEGATAIRE").title,
    delegantRepresentativeName: representative("DELEGANT").fullName,
    delegantRepresentativeTitle: representative("DELEGANT").title,
    delegataireDesignation: c.parties.DELEGATAIRE.designation,
    intrapreneurName: c.intrapreneurName,
    sponsorName: null,
    credits: c.credits.map((x) => ({ year: x.year, ae: x.aeCents, cp: x.cpCents })),
    tranche1Share: c.tranches[0]!.shareBasisPoints,
    tranche2Share: c.tranches[1]!.shareBasisPoints,
    coFinancing: c.coFinancingCents,
    midTermReviewDueOn: c.midTermReviewDueOn,
    endsOn: c.endsOn,
    purpose: c.purpose,
    legalBasis: LEGAL_BASIS,
    bop: c.bop,
    bopLabel: c.bopLabel,
    centreFinancier: c.centreFinancier,
    domaineFonctionnel: c.domaineFonctionnel,
    activite: c.activite,
    centreDeCout: c.centreDeCout,
    serviceExecutant: null,
    comptableAssignataire: c.comptableAssignataire,
    signedAt: c.signedAt,
  });
  const parties = Object.fromEntries((await tx.conventionParty.findMany({ where: { conventionId } })).map((p) => [p.role, p.organisationId])) as ConventionParties;
  const on = (day: IsoDate) => useCaseContext({ tx, actor: pilote, conventionId, parties, today: day, auditContext: { ...newAuditContext(pilote), at: momentOf(day) } });
  await sendForSignature(on(c.story.sentForSignatureOn), { conventionId });
  for (const party of SIGNATURE_ORDER) {
    await recordSignature(on(c.signedOn), { conventionId, party, signedOn: c.signedOn, signatoryName: null, signatoryTitle: null });
  }
  // Copied to the CBCM and published by DINUM once signed (article 7), on the demo's dates, with the links the text gives.
  if (c.publication) {
    await publishConvention(on(c.publication.publishedOn), { conventionId, cbcmCopySentOn: c.publication.cbcmCopySentOn, publicationUrl: c.publicationUrl, dataGouvUrl: c.dataGouvUrl });
  }
  return conventionId;
}
