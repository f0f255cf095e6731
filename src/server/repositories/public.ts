import "server-only";
// Public reads: only published conventions, only the fields the publication itself shows.
import { db } from "../db";
import { isoDate } from "@/domain/dates";

export async function listPublishedConventions() {
  const rows = await db().convention.findMany({
    where: { published: true },
    orderBy: [{ signedOn: "desc" }],
    select: {
      id: true,
      fastCall: true,
      startupName: true,
      startupSlug: true,
      fastFundingCents: true,
      signedOn: true,
      endsOn: true,
      publicationUrl: true,
      dataGouvUrl: true,
      parties: { select: { role: true, organisation: { select: { acronym: true } } } },
    },
  });
  return rows.map((c) => ({
    ...c,
    signedOn: c.signedOn ? isoDate(c.signedOn) : null,
    endsOn: isoDate(c.endsOn),
    partner: c.parties.find((p) => p.role === "PARTENAIRE")?.organisation.acronym ?? "—",
    delegataire: c.parties.find((p) => p.role === "DELEGATAIRE")?.organisation.acronym ?? "—",
  }));
}
