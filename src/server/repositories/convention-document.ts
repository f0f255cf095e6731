import "server-only";
// What the convention's and its avenants' documents say, read from the record: the convention's row, its
// parties (representative as named in the convention), original credits and tranches, the obligations
// register and the avenants. The caller has checked access.
import { db } from "../db";
import { isoDate } from "@/domain/dates";
import type { AvenantDocumentInput, ConventionDocumentInput } from "@/domain/convention-document";
import { avenantChangesSchema } from "@/domain/terms";

const dn = (d: Date | null) => (d ? isoDate(d) : null);

/** The convention's document input, or null when there is no such convention. */
export async function loadConventionDocumentInput(conventionId: string): Promise<ConventionDocumentInput | null> {
  const c = await db().convention.findUnique({
    where: { id: conventionId },
    include: {
      parties: { include: { organisation: { select: { name: true, acronym: true } } } },
      credits: { orderBy: { year: "asc" } },
      tranches: { where: { fromAvenantId: null }, orderBy: [{ year: "asc" }, { creditType: "asc" }, { rank: "asc" }] },
      obligations: { orderBy: { position: "asc" } },
      signatures: { select: { party: true, signedOn: true, signatoryName: true, signatoryTitle: true } },
      avenants: { orderBy: [{ signedOn: "asc" }, { number: "asc" }], select: { number: true, signedOn: true, object: true } },
    },
  });
  if (!c) return null;
  return {
    reference: c.reference,
    title: c.title,
    fastCall: c.fastCall,
    startupName: c.startupName,
    fastFundingCents: c.fastFundingCents,
    coFinancingCents: c.coFinancingCents,
    coFinancingDueMonths: c.coFinancingDueMonths,
    signedOn: dn(c.signedOn),
    signedAt: c.signedAt,
    endsOn: isoDate(c.endsOn),
    midTermReviewDueOn: dn(c.midTermReviewDueOn),
    terminationNoticeMonths: c.terminationNoticeMonths,
    legalBasis: c.legalBasis,
    marche: c.marche,
    bop: c.bop,
    bopLabel: c.bopLabel,
    domaineFonctionnel: c.domaineFonctionnel,
    centreFinancier: c.centreFinancier,
    activite: c.activite,
    centreDeCout: c.centreDeCout,
    serviceExecutant: c.serviceExecutant,
    comptableAssignataire: c.comptableAssignataire,
    publicationUrl: c.publicationUrl,
    parties: c.parties.map((p) => ({
      role: p.role,
      name: p.organisation.name,
      acronym: p.organisation.acronym,
      designation: p.designation,
      address: p.address,
      representativeName: p.representativeName,
      representativeTitle: p.representativeTitle,
      signature: (() => {
        const signed = c.signatures.find((x) => x.party === p.role);
        return signed ? { signedOn: isoDate(signed.signedOn), signatoryName: signed.signatoryName, signatoryTitle: signed.signatoryTitle } : null;
      })(),
    })),
    credits: c.credits.map((x) => ({ year: x.year, aeCents: x.aeCents, cpCents: x.cpCents })),
    tranches: c.tranches.map((t) => ({ year: t.year, creditType: t.creditType, rank: t.rank, shareBasisPoints: t.shareBasisPoints, trigger: t.trigger })),
    obligations: c.obligations.map((o) => ({ article: o.article, owedBy: o.owedBy, title: o.title, description: o.description })),
    avenants: c.avenants.map((a) => ({ number: a.number, signedOn: isoDate(a.signedOn), object: a.object })),
  };
}

/** One avenant's document input, or null when the convention has no such avenant. */
export async function loadAvenantDocumentInput(conventionId: string, avenantId: string): Promise<AvenantDocumentInput | null> {
  const avenant = await db().avenant.findFirst({ where: { id: avenantId, conventionId } });
  if (!avenant) return null;
  const convention = await loadConventionDocumentInput(conventionId);
  if (!convention) return null;
  return {
    convention,
    avenant: { number: avenant.number, signedOn: isoDate(avenant.signedOn), object: avenant.object, signedAt: convention.signedAt },
    // Stored changes were validated on write: a bad one is a bug, so this throws.
    changes: avenantChangesSchema.parse(avenant.changes),
  };
}
