import "server-only";
// What the promotion and draft pages read: the promotions with their conventions' totals, a promotion's
// conventions, a convention's draft (what it lacks, its stage, its signatures, its comments) and the organisations a
// draft may name. Totals are derived here, never stored.
import { missingFromDraft, signatureStage, DRAFT_FIELD_LABELS, type DraftFacts } from "@/domain/convention-drafts";
import { isoDate } from "@/domain/dates";
import { sum } from "@/domain/money";
import { db } from "../db";

const stageOf = (c: { sentForSignatureOn: Date | null; signedOn: Date | null }) =>
  signatureStage({ sentForSignatureOn: c.sentForSignatureOn ? isoDate(c.sentForSignatureOn) : null, signedOn: c.signedOn ? isoDate(c.signedOn) : null });

export async function listPromotions() {
  const rows = await db().fastPromotion.findMany({
    orderBy: [{ announcedOn: "desc" }, { name: "desc" }],
    include: { conventions: { select: { signedOn: true, sentForSignatureOn: true, credits: { select: { aeCents: true, cpCents: true } } } } },
  });
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    envelopeCents: p.envelopeCents,
    announcedOn: isoDate(p.announcedOn),
    conventions: p.conventions.length,
    signed: p.conventions.filter((c) => stageOf(c) === "SIGNEE").length,
    aeCents: sum(p.conventions.flatMap((c) => c.credits.map((x) => x.aeCents))),
  }));
}

export async function findPromotion(id: string) {
  const p = await db().fastPromotion.findUnique({
    where: { id },
    include: {
      conventions: {
        orderBy: { reference: "asc" },
        include: { parties: { include: { organisation: { select: { acronym: true } } } }, credits: true },
      },
    },
  });
  if (!p) return null;
  const conventions = p.conventions.map((c) => ({
    id: c.id,
    reference: c.reference,
    startupName: c.startupName,
    partner: c.parties.find((x) => x.role === "PARTENAIRE")?.organisation.acronym ?? "—",
    delegataire: c.parties.find((x) => x.role === "DELEGATAIRE")?.organisation.acronym ?? "—",
    stage: stageOf(c),
    aeCents: sum(c.credits.map((x) => x.aeCents)),
    cpCents: sum(c.credits.map((x) => x.cpCents)),
  }));
  return {
    id: p.id,
    name: p.name,
    envelopeCents: p.envelopeCents,
    announcedOn: isoDate(p.announcedOn),
    startsOn: p.startsOn ? isoDate(p.startsOn) : null,
    endsOn: p.endsOn ? isoDate(p.endsOn) : null,
    conventions,
    totals: { aeCents: sum(conventions.map((c) => c.aeCents)), cpCents: sum(conventions.map((c) => c.cpCents)) },
  };
}

/** The partners and délégataires a draft may name, from the directory. */
export async function draftOrganisations() {
  const rows = await db().organisation.findMany({
    where: { kind: { in: ["PARTENAIRE", "DELEGATAIRE"] } },
    orderBy: { acronym: "asc" },
    select: { id: true, acronym: true, name: true, kind: true },
  });
  return { partners: rows.filter((o) => o.kind === "PARTENAIRE"), delegataires: rows.filter((o) => o.kind === "DELEGATAIRE") };
}

/** A convention's draft as its page shows it (the caller has checked the reader may read the convention). */
export async function findDraft(conventionId: string) {
  const c = await db().convention.findUnique({
    where: { id: conventionId },
    include: {
      parties: { include: { organisation: { select: { acronym: true, name: true } } } },
      credits: { orderBy: { year: "asc" } },
      tranches: { where: { fromAvenantId: null } },
      signatures: { orderBy: { recordedAt: "asc" }, include: { recordedBy: { select: { fullName: true } } } },
      promotion: true,
      draftComments: { orderBy: { seq: "asc" }, include: { author: { select: { fullName: true } } } },
    },
  });
  if (!c) return null;
  const facts = draftFactsOf(c);
  return {
    convention: c,
    stage: stageOf(c),
    missing: missingFromDraft(facts).map((f) => DRAFT_FIELD_LABELS[f]),
    shares: [facts.trancheShares[0]!, facts.trancheShares[1]!] as const,
    signatures: c.signatures.map((s) => ({ party: s.party, signedOn: isoDate(s.signedOn), signatoryName: s.signatoryName, signatoryTitle: s.signatoryTitle, recordedBy: s.recordedBy.fullName })),
    /** The parties' comments on the draft, oldest first (read by the convention's parties only, as the page is). */
    comments: c.draftComments.map((m) => ({ id: m.id, party: m.party, author: m.author.fullName, at: m.createdAt, body: m.body })),
  };
}

/** A convention's row as the draft rules read it (its own tranches' shares, not an avenant's). */
export function draftFactsOf(
  c: Omit<DraftFacts, "endsOn" | "midTermReviewDueOn" | "trancheShares"> & {
    endsOn: Date;
    midTermReviewDueOn: Date | null;
    tranches: readonly { rank: number; shareBasisPoints: number; fromAvenantId: string | null }[];
  },
): DraftFacts {
  const shareOfRank = (rank: number) => c.tranches.find((t) => t.rank === rank && t.fromAvenantId === null)?.shareBasisPoints ?? 5000;
  return {
    endsOn: isoDate(c.endsOn),
    midTermReviewDueOn: c.midTermReviewDueOn ? isoDate(c.midTermReviewDueOn) : null,
    intrapreneurName: c.intrapreneurName,
    coFinancingCents: c.coFinancingCents,
    purpose: c.purpose,
    legalBasis: c.legalBasis,
    bop: c.bop,
    bopLabel: c.bopLabel,
    centreFinancier: c.centreFinancier,
    domaineFonctionnel: c.domaineFonctionnel,
    activite: c.activite,
    centreDeCout: c.centreDeCout,
    comptableAssignataire: c.comptableAssignataire,
    parties: c.parties,
    credits: c.credits,
    trancheShares: [shareOfRank(1), shareOfRank(2)],
  };
}
