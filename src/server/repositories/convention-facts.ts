import "server-only";
// Loads every recorded fact of conventions that their derived states need (terms, avenants, reviews,
// releases, money engaged and paid, end events), in a fixed number of queries whatever their count: one
// convention for its pages and actions (money per EJ), or a whole portfolio at once (money summed per year
// in SQL, the expenditure lines never leave the database). Totals are aggregated in SQL.
import { db, readAll } from "../db";
import type { Tx } from "../db/audit";
import type { Prisma } from "@/generated/prisma/client";
import type { EjAmount } from "@/domain/credits";
import { isoDate, type IsoDate } from "@/domain/dates";
import { PARTY_ROLES } from "@/domain/permissions";

type Client = Tx | ReturnType<typeof db>;

const d = (date: Date) => isoDate(date);
const dn = (date: Date | null) => (date ? isoDate(date) : null);

const name = { select: { fullName: true } } as const;

/** Only the columns the derivation reads (a convention row has some forty). */
const FACTS_SELECT = {
  id: true,
  reference: true,
  title: true,
  fastCall: true,
  startupName: true,
  fastFundingCents: true,
  signedOn: true,
  endsOn: true,
  midTermReviewDueOn: true,
  coFinancingDueMonths: true,
  terminationNoticeMonths: true,
  credits: { orderBy: { year: "asc" }, select: { year: true, aeCents: true, cpCents: true } },
  tranches: {
    orderBy: [{ year: "asc" }, { creditType: "asc" }, { rank: "asc" }],
    select: {
      id: true,
      year: true,
      creditType: true,
      rank: true,
      shareBasisPoints: true,
      trigger: true,
      fromAvenantId: true,
      release: { select: { releasedOn: true, amountCents: true, releasedBy: name } },
    },
  },
  reviews: {
    orderBy: { recordedAt: "asc" },
    select: { id: true, reviewedOn: true, verdict: true, comments: true, recordedAt: true, recordedBy: name, committeeId: true, committee: { select: { heldOn: true } } },
  },
  avenants: {
    orderBy: [{ signedOn: "asc" }, { number: "asc" }],
    select: { id: true, number: true, signedOn: true, object: true, changes: true, cbcmCopySentOn: true, recordedBy: name },
  },
  terminations: {
    orderBy: { noticeOn: "asc" },
    select: { id: true, noticeOn: true, byParty: true, reason: true, author: name, regularisationReason: true, withdrawnOn: true, withdrawnBy: name },
  },
  suspensions: { orderBy: { startsOn: "asc" }, select: { id: true, startsOn: true, liftedOn: true, reason: true, recordedBy: name } },
  finalReports: { where: { acceptedOn: { not: null } }, select: { acceptedOn: true } },
  committees: { orderBy: { heldOn: "asc" }, select: { heldOn: true, decisionKind: true, conditions: true, conditionsDueOn: true, conditionsMetOn: true } },
} satisfies Prisma.ConventionSelect;

type ConventionWithFacts = Prisma.ConventionGetPayload<{ select: typeof FACTS_SELECT }>;

function factsRecord(c: ConventionWithFacts, engaged: EjAmount[], paid: EjAmount[]) {
  const closedOn = c.finalReports.map((r) => d(r.acceptedOn!)).sort()[0] ?? null;
  return {
    id: c.id,
    reference: c.reference,
    title: c.title,
    fastCall: c.fastCall,
    startupName: c.startupName,
    fastFundingCents: c.fastFundingCents,
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
      committeeId: r.committeeId,
      committeeHeldOn: r.committee ? d(r.committee.heldOn) : null,
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
      regularisationReason: t.regularisationReason,
      withdrawnOn: dn(t.withdrawnOn),
      withdrawnByName: t.withdrawnBy?.fullName ?? null,
    })),
    suspensions: c.suspensions.map((s) => ({
      id: s.id,
      startsOn: d(s.startsOn),
      liftedOn: dn(s.liftedOn),
      reason: s.reason,
      recordedByName: s.recordedBy.fullName,
    })),
    committeeDates: c.committees.map((x) => d(x.heldOn)) as IsoDate[],
    committees: c.committees.map((x) => ({
      heldOn: d(x.heldOn),
      decisionKind: x.decisionKind,
      conditions: x.conditions,
      conditionsDueOn: dn(x.conditionsDueOn),
      conditionsMetOn: dn(x.conditionsMetOn),
    })),
    engaged,
    paid,
  };
}

export type ConventionFactsRecord = ReturnType<typeof factsRecord>;

type EjMoneyRow = { kind: "AE" | "CP"; ejId: string; year: number; amountCents: bigint };

// AE: movements summed per EJ, in the year of the EJ's order. CP of year N pay what is paid in year N:
// payments summed per EJ and per year of payment.
function moneyPerEj(conventionId: string, client: Client) {
  return client.$queryRaw<EjMoneyRow[]>`
    SELECT 'AE' AS kind, e.id::text AS "ejId", EXTRACT(YEAR FROM e.ordered_on)::int AS year, SUM(m.amount_cents)::bigint AS "amountCents"
      FROM engagement_juridique e JOIN ej_movement m ON m.ej_id = e.id
      WHERE e.convention_id = ${conventionId}::uuid GROUP BY e.id
    UNION ALL
    SELECT 'CP', ej_id::text, EXTRACT(YEAR FROM paid_on)::int, SUM(amount_cents)::bigint
      FROM payment_request WHERE convention_id = ${conventionId}::uuid GROUP BY ej_id, EXTRACT(YEAR FROM paid_on)`;
}

function amountsOf(money: readonly EjMoneyRow[], kind: "AE" | "CP"): EjAmount[] {
  return money.filter((m) => m.kind === kind).map((m) => ({ ejId: m.ejId, year: Number(m.year), amountCents: BigInt(m.amountCents) }));
}

/** One convention, with its money per EJ (what the expenditure ceilings check). */
export async function loadConventionFacts(conventionId: string, client: Client = db()): Promise<ConventionFactsRecord> {
  const [c, money] = await readAll(client, [
    () => client.convention.findUniqueOrThrow({ where: { id: conventionId }, select: FACTS_SELECT }),
    () => moneyPerEj(conventionId, client),
  ]);
  return factsRecord(c, amountsOf(money, "AE"), amountsOf(money, "CP"));
}

/**
 * What a convention states besides its facts (title, purpose, place of signature, CHORUS references, legal
 * basis, publication) and its parties: what its pages show, read in the same statement as the facts.
 */
const DETAILS_SELECT = {
  purpose: true,
  signedAt: true,
  legalBasis: true,
  marche: true,
  bop: true,
  bopLabel: true,
  domaineFonctionnel: true,
  centreFinancier: true,
  activite: true,
  centreDeCout: true,
  comptableAssignataire: true,
  published: true,
  publishedOn: true,
  cbcmCopySentOn: true,
  publicationUrl: true,
  dataGouvUrl: true,
  parties: {
    select: {
      id: true,
      role: true,
      address: true,
      representativeName: true,
      representativeTitle: true,
      organisation: { select: { acronym: true, name: true } },
    },
  },
} satisfies Prisma.ConventionSelect;

type ConventionDetailsRow = Prisma.ConventionGetPayload<{ select: typeof DETAILS_SELECT }>;

function detailsRecord(c: ConventionDetailsRow) {
  const { parties, ...rest } = c;
  return { ...rest, parties: [...parties].sort((a, b) => PARTY_ROLES.indexOf(a.role) - PARTY_ROLES.indexOf(b.role)) };
}

export type ConventionDetails = ReturnType<typeof detailsRecord>;

/**
 * One convention for its pages: the facts (as loadConventionFacts reads them) and the details, the convention
 * row read once (two statements in all, with the money per EJ).
 */
export async function loadConventionWithDetails(conventionId: string, client: Client = db()): Promise<{ facts: ConventionFactsRecord; details: ConventionDetails }> {
  const [c, money] = await readAll(client, [
    () => client.convention.findUniqueOrThrow({ where: { id: conventionId }, select: { ...FACTS_SELECT, ...DETAILS_SELECT } }),
    () => moneyPerEj(conventionId, client),
  ]);
  return { facts: factsRecord(c, amountsOf(money, "AE"), amountsOf(money, "CP")), details: detailsRecord(c) };
}

/**
 * Every convention matching `where` (in reference order unless told), with its money summed per year (ejId
 * null): the portfolio, the list and the calendar derive states, totals and due dates from them without
 * loading an expenditure line.
 */
export async function loadConventionsFacts(
  where: Prisma.ConventionWhereInput,
  client: Client = db(),
  orderBy: Prisma.ConventionOrderByWithRelationInput[] = [{ reference: "asc" }],
): Promise<ConventionFactsRecord[]> {
  // One query per relation (IN lists) beats one LATERAL JSON query at a thousand conventions (measured:
  // 240 vs 300 ms on the benchmark's portfolio); for one convention the JSON join is faster (4.5 vs 8.6 ms).
  const conventions = await client.convention.findMany({ where, orderBy, select: FACTS_SELECT, relationLoadStrategy: "query" });
  if (conventions.length === 0) return [];
  const ids = conventions.map((c) => c.id);
  const money = await client.$queryRaw<{ kind: "AE" | "CP"; conventionId: string; year: number; amountCents: bigint }[]>`
    SELECT 'AE' AS kind, e.convention_id::text AS "conventionId", EXTRACT(YEAR FROM e.ordered_on)::int AS year, SUM(m.amount_cents)::bigint AS "amountCents"
      FROM engagement_juridique e JOIN ej_movement m ON m.ej_id = e.id
      WHERE e.convention_id = ANY(${ids}::uuid[]) GROUP BY 2, 3
    UNION ALL
    SELECT 'CP', convention_id::text, EXTRACT(YEAR FROM paid_on)::int, SUM(amount_cents)::bigint
      FROM payment_request WHERE convention_id = ANY(${ids}::uuid[]) GROUP BY 2, 3`;
  const byConvention = new Map<string, { AE: EjAmount[]; CP: EjAmount[] }>(ids.map((id) => [id, { AE: [], CP: [] }]));
  for (const m of money) byConvention.get(m.conventionId)![m.kind].push({ ejId: null, year: Number(m.year), amountCents: BigInt(m.amountCents) });
  return conventions.map((c) => factsRecord(c, byConvention.get(c.id)!.AE, byConvention.get(c.id)!.CP));
}
