// A convention in the state a test needs, written through Prisma in one call, instead of leaning on the demo
// seed (whose FAST16-DEMO is dated from the day the database is seeded). Its parties are organisations of the
// seed, by slug, so the seeded accounts act on it as what they are there: a convention whose délégataire is
// "sg-demo" is one that gestionnaire@sg-demo.example.fr records expenditure on.
//
// Dates are what the test says: a test that calls a use case gives it the day it acts on; a test that goes
// through a server action (which acts on todayInParis()) dates the convention from today itself.
import { randomBytes } from "node:crypto";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { CreditType, MobilisationVerdict, TrancheTrigger } from "@/generated/prisma/enums";
import { addMonths, toDbDate, yearOf, type IsoDate } from "@/domain/dates";
import { shareOf } from "@/domain/money";
import { PARTY_ROLES, type ConventionParties, type PartyRole } from "@/domain/permissions";

/** The seeded organisations a party can be (prisma/seed/fast14.ts ORGANISATIONS). */
export type SeededOrganisation = "dinum" | "drieat" | "dnum-mte" | "ddt-demo" | "sg-demo";

export interface ConventionOverrides {
  /** Unique; default "TEST-" and a random suffix. */
  reference?: string;
  startupName?: string;
  /** The parties' organisations, by slug; default DINUM, DRIEAT and the DNUM of the MTE (FAST 14's). */
  parties?: Partial<Record<PartyRole, SeededOrganisation>>;
  /** Default 2024-02-29. */
  signedOn?: IsoDate;
  /** Default ten months after signature. */
  endsOn?: IsoDate;
  /** Default two months after signature; null: none set. */
  midTermReviewDueOn?: IsoDate | null;
  /** AE and CP per year; default 100 000 € of each in the year of signature. */
  credits?: { year: number; aeCents: bigint; cpCents: bigint }[];
  /** The tranches of every year's AE and of its CP; default two halves, at signature then after the review. */
  tranches?: { rank: number; shareBasisPoints: number; trigger: TrancheTrigger }[];
  /** Tranches already released, for their amount: of every year and both credit types unless said. */
  released?: { rank: number; releasedOn: IsoDate; year?: number; creditType?: CreditType }[];
  /** A mid-term review already recorded. */
  review?: { reviewedOn: IsoDate; verdict: MobilisationVerdict; comments?: string };
  /** Who released and reviewed; default the délégant's first PILOTE_FAST account. */
  recordedById?: string;
}

export interface FactoryConvention {
  id: string;
  reference: string;
  /** The organisation id of each party. */
  parties: ConventionParties;
  signedOn: IsoDate;
  endsOn: IsoDate;
  /** Its budget years, in order. */
  years: number[];
  tranches: { id: string; year: number; creditType: CreditType; rank: number }[];
}

const DEFAULT_PARTIES: Record<PartyRole, SeededOrganisation> = { DELEGANT: "dinum", PARTENAIRE: "drieat", DELEGATAIRE: "dnum-mte" };
const TWO_HALVES = [
  { rank: 1, shareBasisPoints: 5000, trigger: "SIGNATURE" },
  { rank: 2, shareBasisPoints: 5000, trigger: "MID_TERM_REVIEW" },
] as const;

/** The Chorus imputation of a test convention: an expenditure recorded on it carries these. */
export const TEST_IMPUTATION = {
  bop: "352",
  bopLabel: "Innovation et transformations numériques",
  domaineFonctionnel: "0352-01",
  centreFinancier: "0352-TEST-CFIN",
  activite: "035200019999",
  centreDeCout: "TESTCDC001",
} as const;

export async function createConvention(prisma: PrismaClient, overrides: ConventionOverrides = {}): Promise<FactoryConvention> {
  const reference = overrides.reference ?? `TEST-${randomBytes(4).toString("hex").toUpperCase()}`;
  const signedOn = overrides.signedOn ?? "2024-02-29";
  const endsOn = overrides.endsOn ?? addMonths(signedOn, 10);
  const midTermReviewDueOn = overrides.midTermReviewDueOn === undefined ? addMonths(signedOn, 2) : overrides.midTermReviewDueOn;
  const credits = overrides.credits ?? [{ year: yearOf(signedOn), aeCents: 10_000_000n, cpCents: 10_000_000n }];
  const tranches = overrides.tranches ?? TWO_HALVES;
  const released = overrides.released ?? [];
  const startupName = overrides.startupName ?? `Startup ${reference}`;

  const slugs = { ...DEFAULT_PARTIES, ...overrides.parties };
  const organisations = await prisma.organisation.findMany({ where: { slug: { in: Object.values(slugs) } }, include: { representatives: { orderBy: { since: "desc" } } } });
  const organisation = (role: PartyRole) => {
    const found = organisations.find((o) => o.slug === slugs[role]);
    if (!found) throw new Error(`createConvention: no organisation "${slugs[role]}" in the database.`);
    return found;
  };
  const needsAuthor = released.length > 0 || overrides.review !== undefined;
  const recordedById =
    overrides.recordedById ??
    (needsAuthor ? (await prisma.user.findFirstOrThrow({ where: { organisationId: organisation("DELEGANT").id, role: "PILOTE_FAST" }, orderBy: { email: "asc" } })).id : "");

  const releaseOf = (year: number, creditType: CreditType, rank: number, amountOf: bigint, shareBasisPoints: number) => {
    const release = released.find((r) => r.rank === rank && (r.year ?? year) === year && (r.creditType ?? creditType) === creditType);
    return release ? { create: { releasedOn: toDbDate(release.releasedOn), amountCents: shareOf(amountOf, shareBasisPoints), releasedById: recordedById } } : undefined;
  };
  const trancheRows: Prisma.TrancheCreateWithoutConventionInput[] = credits.flatMap((credit) =>
    (["AE", "CP"] as const).flatMap((creditType) =>
      tranches.map((t) => ({
        year: credit.year,
        creditType,
        rank: t.rank,
        shareBasisPoints: t.shareBasisPoints,
        trigger: t.trigger,
        release: releaseOf(credit.year, creditType, t.rank, creditType === "AE" ? credit.aeCents : credit.cpCents, t.shareBasisPoints),
      })),
    ),
  );
  const review = overrides.review;

  const created = await prisma.convention.create({
    data: {
      reference,
      title: `Convention de délégation de gestion de test ${reference}`,
      fastCall: "FAST TEST",
      startupName,
      startupSlug: reference.toLowerCase(),
      fastFundingCents: credits.reduce((total, c) => total + c.aeCents, 0n),
      signedOn: toDbDate(signedOn),
      signedAt: "Paris",
      endsOn: toDbDate(endsOn),
      midTermReviewDueOn: midTermReviewDueOn === null ? null : toDbDate(midTermReviewDueOn),
      legalBasis: ["Décret n° 2004-1085 du 14 octobre 2004 modifié relatif à la délégation de gestion dans les services de l'État"],
      purpose: "Convention de test.",
      marche: "Marché de test",
      ...TEST_IMPUTATION,
      comptableAssignataire: "CBCM du délégataire (test)",
      coFinancingDueMonths: 6,
      parties: {
        create: PARTY_ROLES.map((role) => {
          const o = organisation(role);
          const representative = o.representatives[0];
          return {
            role,
            organisationId: o.id,
            designation: role === "DELEGANT" ? "le délégant" : role === "PARTENAIRE" ? "le partenaire" : "le délégataire",
            address: o.address,
            representativeName: representative?.fullName ?? "Représentant (test)",
            representativeTitle: representative?.title ?? "Directeur (test)",
          };
        }),
      },
      credits: { create: credits },
      tranches: { create: trancheRows },
      reviews: review ? { create: { reviewedOn: toDbDate(review.reviewedOn), verdict: review.verdict, comments: review.comments ?? "Revue de test.", recordedById } } : undefined,
    },
    include: { tranches: { select: { id: true, year: true, creditType: true, rank: true }, orderBy: [{ year: "asc" }, { creditType: "asc" }, { rank: "asc" }] } },
  });
  return {
    id: created.id,
    reference,
    parties: Object.fromEntries(PARTY_ROLES.map((role) => [role, organisation(role).id])) as ConventionParties,
    signedOn,
    endsOn,
    years: credits.map((c) => c.year).sort((a, b) => a - b),
    tranches: created.tranches,
  };
}

/**
 * A convention in force on the tests' day (2026-12-03) between DINUM, the fictive DDT and the fictive SG: 80 000 €
 * of AE and of CP in 2026, its first halves released (40 000 € made available of each). The shape of the demo's
 * FAST16-DEMO, with dates written here rather than counted from the day the seed ran.
 */
export function createRunningConvention(prisma: PrismaClient, overrides: ConventionOverrides = {}): Promise<FactoryConvention> {
  return createConvention(prisma, {
    parties: { PARTENAIRE: "ddt-demo", DELEGATAIRE: "sg-demo" },
    signedOn: "2026-04-03",
    endsOn: "2027-04-03",
    credits: [{ year: 2026, aeCents: 8_000_000n, cpCents: 8_000_000n }],
    released: [{ rank: 1, releasedOn: "2026-04-10" }],
    ...overrides,
  });
}
