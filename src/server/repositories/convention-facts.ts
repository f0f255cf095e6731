import "server-only";
// Loads, in a few queries, every recorded fact of a convention that its derived states need (terms,
// avenants, reviews, releases, money engaged and paid, end events). Totals are aggregated in SQL.
import { db } from "../db";
import type { Tx } from "../db/audit";
import { isoDate, type IsoDate } from "@/domain/dates";

const d = (date: Date) => isoDate(date);
const dn = (date: Date | null) => (date ? isoDate(date) : null);

export async function loadConventionFacts(conventionId: string, client: Tx | ReturnType<typeof db> = db()) {
  const [c, engagedByEj, paidByEjAndYear] = await Promise.all([
    client.convention.findUniqueOrThrow({
      where: { id: conventionId },
      include: {
        credits: { orderBy: { year: "asc" } },
        tranches: {
          orderBy: [{ year: "asc" }, { creditType: "asc" }, { rank: "asc" }],
          include: { release: { include: { releasedBy: { select: { fullName: true } } } } },
        },
        reviews: { orderBy: { recordedAt: "asc" }, include: { recordedBy: { select: { fullName: true } } } },
        avenants: { orderBy: [{ signedOn: "asc" }, { number: "asc" }], include: { recordedBy: { select: { fullName: true } } } },
        terminations: { orderBy: { noticeOn: "asc" }, include: { author: { select: { fullName: true } } } },
        suspensions: { orderBy: { startsOn: "asc" }, include: { recordedBy: { select: { fullName: true } } } },
        finalReports: { where: { acceptedOn: { not: null } }, select: { acceptedOn: true } },
        committees: { orderBy: { heldOn: "asc" }, select: { heldOn: true } },
      },
    }),
    client.ejMovement.groupBy({ by: ["ejId"], where: { ej: { conventionId } }, _sum: { amountCents: true } }),
    // CP of year N pay what is paid in year N: payments are summed per EJ and per year of payment.
    client.$queryRaw<{ ejId: string; year: number; amountCents: bigint }[]>`
      SELECT ej_id AS "ejId", EXTRACT(YEAR FROM paid_on)::int AS "year", SUM(amount_cents)::bigint AS "amountCents"
      FROM payment_request WHERE convention_id = ${conventionId}::uuid GROUP BY ej_id, EXTRACT(YEAR FROM paid_on)`,
  ]);
  const ejYears = await client.engagementJuridique.findMany({ where: { conventionId }, select: { id: true, orderedOn: true } });
  const yearOfEj = new Map(ejYears.map((e) => [e.id, e.orderedOn.getUTCFullYear()]));
  const closedOn = c.finalReports.map((r) => d(r.acceptedOn!)).sort()[0] ?? null;
  return {
    id: c.id,
    signedOn: dn(c.signedOn),
    endsOn: d(c.endsOn),
    midTermReviewDueOn: dn(c.midTermReviewDueOn),
    coFinancingDueMonths: c.coFinancingDueMonths,
    terminationNoticeMonths: c.terminationNoticeMonths,
    closedOn,
    credits: c.credits.map((x) => ({ year: x.year, aeCents: x.aeCents, cpCents: x.cpCents })),
    tranches: c.tranches.map((t) => ({
      id: t.id,
      year: t.year,
      creditType: t.creditType,
      rank: t.rank,
      shareBasisPoints: t.shareBasisPoints,
      trigger: t.trigger,
      original: t.fromAvenantId === null,
      release: t.release
        ? { releasedOn: d(t.release.releasedOn), releasedByName: t.release.releasedBy.fullName, amountCents: t.release.amountCents }
        : null,
    })),
    reviews: c.reviews.map((r) => ({
      id: r.id,
      reviewedOn: d(r.reviewedOn),
      verdict: r.verdict,
      comments: r.comments,
      recordedByName: r.recordedBy.fullName,
      recordedAt: r.recordedAt,
    })),
    avenants: c.avenants.map((a) => ({
      id: a.id,
      number: a.number,
      signedOn: d(a.signedOn),
      object: a.object,
      changes: a.changes as unknown,
      cbcmCopySentOn: dn(a.cbcmCopySentOn),
      recordedByName: a.recordedBy.fullName,
    })),
    terminations: c.terminations.map((t) => ({
      id: t.id,
      noticeOn: d(t.noticeOn),
      byParty: t.byParty,
      reason: t.reason,
      authorName: t.author.fullName,
    })),
    suspensions: c.suspensions.map((s) => ({
      id: s.id,
      startsOn: d(s.startsOn),
      liftedOn: dn(s.liftedOn),
      reason: s.reason,
      recordedByName: s.recordedBy.fullName,
    })),
    committeeDates: c.committees.map((x) => d(x.heldOn)) as IsoDate[],
    engaged: engagedByEj.map((g) => ({ ejId: g.ejId, year: yearOfEj.get(g.ejId)!, amountCents: g._sum.amountCents ?? 0n })),
    paid: paidByEjAndYear.map((g) => ({ ejId: g.ejId, year: Number(g.year), amountCents: BigInt(g.amountCents) })),
  };
}

export type ConventionFactsRecord = Awaited<ReturnType<typeof loadConventionFacts>>;
