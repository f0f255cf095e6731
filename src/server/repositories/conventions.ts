import "server-only";
// Reads of conventions for their list, their overview and the API. Their facts, and everything derived from
// them (terms in force, state, dates), come from the one loader (convention-facts.ts) and the one derivation
// (src/domain/convention-view.ts), as on /pilotage; this file adds only what the derivation does not read:
// the parties and the text of the convention. Lists are always filtered by what the actor may see
// (visibleConventionsWhere).
import { db } from "../db";
import { visibleConventionsWhere } from "../authz";
import { loadConventionsFacts } from "./convention-facts";
import { conventionStanding } from "@/domain/convention-view";
import type { ConventionState } from "@/domain/convention-state";
import type { IsoDate } from "@/domain/dates";
import { clock } from "@/server/clock";
import type { Actor, PartyRole } from "@/domain/permissions";

export interface ConventionListItem {
  id: string;
  reference: string;
  fastCall: string;
  startupName: string;
  partner: string;
  delegataire: string;
  /** All years added up, in the terms in force. */
  aeCents: bigint;
  cpCents: bigint;
  signedOn: IsoDate | null;
  /** The end date in force (avenants included). */
  endsOn: IsoDate;
  state: ConventionState;
}

/** The acronym of each party's organisation, by convention, in one query. */
export async function partyAcronyms(conventionIds: readonly string[], roles: readonly PartyRole[]): Promise<(conventionId: string, role: PartyRole) => string> {
  const rows = await db().conventionParty.findMany({
    where: { conventionId: { in: [...conventionIds] }, role: { in: [...roles] } },
    select: { conventionId: true, role: true, organisation: { select: { acronym: true } } },
  });
  const acronyms = new Map(rows.map((p) => [`${p.conventionId}|${p.role}`, p.organisation.acronym]));
  return (conventionId, role) => acronyms.get(`${conventionId}|${role}`) ?? "—";
}

/** The conventions the actor may see, the latest signed first, derived at `today`. */
export async function listConventions(actor: Actor, today: IsoDate = clock.today()): Promise<ConventionListItem[]> {
  const facts = await loadConventionsFacts(visibleConventionsWhere(actor), db(), [{ signedOn: "desc" }, { reference: "asc" }]);
  const acronym = await partyAcronyms(
    facts.map((f) => f.id),
    ["PARTENAIRE", "DELEGATAIRE"],
  );
  return facts.map((f) => {
    const view = conventionStanding(f, today);
    return {
      id: f.id,
      reference: f.reference,
      fastCall: f.fastCall,
      startupName: f.startupName,
      partner: acronym(f.id, "PARTENAIRE"),
      delegataire: acronym(f.id, "DELEGATAIRE"),
      aeCents: view.credits.total.ae.allocated,
      cpCents: view.credits.total.cp.allocated,
      signedOn: view.dates.signedOn,
      endsOn: view.terms.endsOn,
      state: view.situation.state,
    };
  });
}
