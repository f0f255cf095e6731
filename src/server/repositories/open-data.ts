import "server-only";
// The open data's read: published and signed conventions only, the public fields of each (never a draft,
// never the intrapreneur, sponsor, comments or expenditure lines), their terms in force and the totals
// engaged and paid to date derived from their facts.
import { db } from "../db";
import { loadConventionsFacts } from "./convention-facts";
import { conventionStanding } from "@/domain/convention-view";
import { isoDate, type IsoDate } from "@/domain/dates";
import type { PublishedConvention } from "@/domain/open-data";

/** Published means: marked published and signed (a draft is never published, whatever its flag). */
const PUBLISHED = { published: true, signedOn: { not: null } } as const;

export async function loadPublishedConventions(today: IsoDate): Promise<PublishedConvention[]> {
  const [rows, facts] = await Promise.all([
    db().convention.findMany({
      where: PUBLISHED,
      orderBy: [{ signedOn: "asc" }, { reference: "asc" }],
      select: {
        id: true,
        reference: true,
        fastCall: true,
        startupName: true,
        purpose: true,
        fastFundingCents: true,
        signedOn: true,
        bop: true,
        bopLabel: true,
        centreFinancier: true,
        domaineFonctionnel: true,
        activite: true,
        centreDeCout: true,
        parties: { select: { role: true, organisation: { select: { name: true, siret: true } } } },
      },
    }),
    loadConventionsFacts(PUBLISHED),
  ]);
  const factsById = new Map(facts.map((f) => [f.id, f]));
  return rows.map((c) => {
    const record = factsById.get(c.id)!;
    const standing = conventionStanding(record, today);
    const party = (role: "DELEGANT" | "PARTENAIRE" | "DELEGATAIRE") => {
      const p = c.parties.find((x) => x.role === role);
      return { name: p?.organisation.name ?? "", siret: p?.organisation.siret ?? null };
    };
    const releasedOn = (t: { year: number; creditType: string; rank: number }) =>
      record.tranches.find((r) => r.year === t.year && r.creditType === t.creditType && r.rank === t.rank)?.release?.releasedOn ?? null;
    return {
      reference: c.reference,
      fastCall: c.fastCall,
      startupName: c.startupName,
      purpose: c.purpose,
      fastFundingCents: c.fastFundingCents,
      signedOn: isoDate(c.signedOn!),
      delegant: party("DELEGANT"),
      partner: party("PARTENAIRE"),
      delegataire: party("DELEGATAIRE"),
      bop: c.bop,
      bopLabel: c.bopLabel,
      centreFinancier: c.centreFinancier,
      domaineFonctionnel: c.domaineFonctionnel,
      activite: c.activite,
      centreDeCout: c.centreDeCout,
      endsOn: standing.terms.endsOn,
      credits: standing.terms.credits,
      tranches: standing.terms.tranches.map((t) => ({ ...t, releasedOn: releasedOn(t) })),
      avenants: record.avenants.map((a) => ({ number: a.number, signedOn: a.signedOn, object: a.object })),
      terminationEffectiveOn: standing.dates.terminationEffectiveOn,
      engagedCents: standing.credits.total.ae.engaged,
      paidCents: standing.credits.total.cp.paid,
    };
  });
}
