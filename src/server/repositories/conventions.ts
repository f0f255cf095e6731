import "server-only";
// Reads of conventions. Lists are always filtered by what the actor may see (visibleConventionsWhere).
import { db } from "../db";
import { visibleConventionsWhere } from "../authz";
import type { Actor, PartyRole } from "@/domain/permissions";
import { conventionState, earliestTerminationOn, type ConventionState } from "@/domain/convention-state";
import { isoDate, todayInParis, type IsoDate } from "@/domain/dates";
import { parseAvenants } from "@/domain/convention-view";
import { termsInForce } from "@/domain/terms";

const stateInclude = {
  avenants: { select: { number: true, signedOn: true, changes: true } },
  terminations: { select: { noticeOn: true } },
  suspensions: { select: { startsOn: true, liftedOn: true } },
  finalReports: { select: { acceptedOn: true }, where: { acceptedOn: { not: null } } },
} as const;

type StateRows = {
  signedOn: Date | null;
  endsOn: Date;
  avenants: { number: number; signedOn: Date; changes: unknown }[];
  terminationNoticeMonths: number;
  terminations: { noticeOn: Date }[];
  suspensions: { startsOn: Date; liftedOn: Date | null }[];
  finalReports: { acceptedOn: Date | null }[];
};

/** The facts of a convention's state at `today`: its end date is the one in force (avenants included). */
function facts(c: StateRows, today: IsoDate) {
  const accepted = c.finalReports.map((r) => r.acceptedOn).filter((d): d is Date => d !== null);
  const avenants = parseAvenants(c.avenants.map((a) => ({ number: a.number, signedOn: isoDate(a.signedOn), changes: a.changes })));
  const original = { endsOn: isoDate(c.endsOn), midTermReviewDueOn: null, credits: [], tranches: [] };
  return {
    signedOn: c.signedOn ? isoDate(c.signedOn) : null,
    endsOn: termsInForce(original, avenants, today).endsOn,
    terminationNoticeMonths: c.terminationNoticeMonths,
    terminationNotices: c.terminations.map((t) => isoDate(t.noticeOn)),
    suspensions: c.suspensions.map((s) => ({ startsOn: isoDate(s.startsOn), liftedOn: s.liftedOn ? isoDate(s.liftedOn) : null })),
    closedOn: accepted.length ? isoDate(accepted.sort((a, b) => a.getTime() - b.getTime())[0]!) : null,
  };
}

export interface ConventionListItem {
  id: string;
  reference: string;
  fastCall: string;
  startupName: string;
  partner: string;
  delegataire: string;
  aeCents: bigint;
  cpCents: bigint;
  signedOn: IsoDate | null;
  endsOn: IsoDate;
  state: ConventionState;
}

export async function listConventions(actor: Actor, today: IsoDate = todayInParis()): Promise<ConventionListItem[]> {
  const rows = await db().convention.findMany({
    where: visibleConventionsWhere(actor),
    orderBy: [{ signedOn: "desc" }, { reference: "asc" }],
    select: {
      id: true,
      reference: true,
      fastCall: true,
      startupName: true,
      signedOn: true,
      endsOn: true,
      terminationNoticeMonths: true,
      parties: { select: { role: true, organisation: { select: { acronym: true } } } },
      credits: { select: { aeCents: true, cpCents: true } },
      ...stateInclude,
    },
  });
  return rows.map((c) => {
    const party = (role: PartyRole) => c.parties.find((p) => p.role === role)?.organisation.acronym ?? "—";
    return {
      id: c.id,
      reference: c.reference,
      fastCall: c.fastCall,
      startupName: c.startupName,
      partner: party("PARTENAIRE"),
      delegataire: party("DELEGATAIRE"),
      aeCents: c.credits.reduce((acc, x) => acc + x.aeCents, 0n),
      cpCents: c.credits.reduce((acc, x) => acc + x.cpCents, 0n),
      signedOn: c.signedOn ? isoDate(c.signedOn) : null,
      endsOn: isoDate(c.endsOn),
      state: conventionState(facts(c, today), today),
    };
  });
}

/** The overview of one convention; the caller has already checked access. */
export async function getConventionOverview(id: string, today: IsoDate = todayInParis()) {
  const c = await db().convention.findUniqueOrThrow({
    where: { id },
    include: {
      parties: { include: { organisation: true } },
      credits: { orderBy: { year: "asc" } },
      tranches: { orderBy: [{ year: "asc" }, { creditType: "asc" }, { rank: "asc" }] },
      ...stateInclude,
    },
  });
  const f = facts(c, today);
  const order: PartyRole[] = ["DELEGANT", "PARTENAIRE", "DELEGATAIRE"];
  return {
    ...c,
    parties: [...c.parties].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role)),
    signedOnIso: f.signedOn,
    endsOnIso: f.endsOn,
    midTermReviewDueIso: c.midTermReviewDueOn ? isoDate(c.midTermReviewDueOn) : null,
    terminationEffectiveIso: earliestTerminationOn(f),
    state: conventionState(f, today),
  };
}

export type ConventionOverview = Awaited<ReturnType<typeof getConventionOverview>>;
