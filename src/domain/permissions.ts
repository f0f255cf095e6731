// Who may do what: the single table of the product's permissions, as pure data and one pure predicate.
// The server applies it in one place (src/server/authz.ts), alongside the matching database filter.

export const ROLES = ["PILOTE_FAST", "INTRAPRENEUR", "GESTIONNAIRE", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const PARTY_ROLES = ["DELEGANT", "PARTENAIRE", "DELEGATAIRE"] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export interface Actor {
  userId: string;
  organisationId: string;
  role: Role;
}

/** The organisation of each party of one convention. */
export type ConventionParties = Record<PartyRole, string>;

type Rule =
  /** Anyone whose organisation is a party of the convention (administrators read everything). */
  | { scope: "party"; roles: readonly Role[] }
  /** Only users of the given role whose organisation holds the given party role in the convention. */
  | { scope: "as"; party: PartyRole; roles: readonly Role[] }
  /** Not tied to a convention. */
  | { scope: "global"; roles: readonly Role[] };

const ALL: readonly Role[] = ROLES;
const AGENTS: readonly Role[] = ["PILOTE_FAST", "INTRAPRENEUR", "GESTIONNAIRE"];

export const PERMISSIONS = {
  "conventions.list": { scope: "global", roles: ALL },
  "portfolio.read": { scope: "global", roles: ["PILOTE_FAST", "ADMIN"] },
  "users.manage": { scope: "global", roles: ["ADMIN"] },
  "organisations.list": { scope: "global", roles: ["PILOTE_FAST", "ADMIN"] },
  /** Add or edit an organisation; canManageOrganisation then says of which kind. */
  "organisations.manage": { scope: "global", roles: ["PILOTE_FAST", "ADMIN"] },
  /** Invite a colleague of one's own organisation; colleagueInvitationProblem then says whether and with which role. */
  "colleagues.invite": { scope: "global", roles: AGENTS },
  /** Create a FAST promotion, edit its name, envelope and dates (DINUM). */
  "promotions.manage": { scope: "global", roles: ["PILOTE_FAST", "ADMIN"] },
  /** Draft a new convention of a promotion (DINUM; the use case checks the actor's organisation is a délégant). */
  "conventions.create": { scope: "global", roles: ["PILOTE_FAST", "ADMIN"] },
  "convention.read": { scope: "party", roles: ALL },
  /** Edit a draft and send it for signature: DINUM, délégant of the convention. */
  "convention.draft.edit": { scope: "as", party: "DELEGANT", roles: ["PILOTE_FAST", "ADMIN"] },
  /** Record the parties' signatures (DINUM collects the paper originals). */
  "convention.signature.record": { scope: "as", party: "DELEGANT", roles: ["PILOTE_FAST", "ADMIN"] },
  /** Publish a signed convention, or withdraw its publication with a reason (article 7: DINUM publishes). */
  "convention.publish": { scope: "as", party: "DELEGANT", roles: ["PILOTE_FAST"] },
  /** Comment the draft: the agents of its parties (each reads its own conventions' comments only). */
  "convention.comment": { scope: "party", roles: AGENTS },
  "convention.terminate": { scope: "party", roles: AGENTS },
  "review.record": { scope: "as", party: "DELEGANT", roles: ["PILOTE_FAST"] },
  "tranche.release": { scope: "as", party: "DELEGANT", roles: ["PILOTE_FAST"] },
  "avenant.record": { scope: "as", party: "DELEGANT", roles: ["PILOTE_FAST"] },
  "suspension.record": { scope: "as", party: "DELEGANT", roles: ["PILOTE_FAST"] },
  "committee.record": { scope: "as", party: "PARTENAIRE", roles: ["INTRAPRENEUR"] },
  /** Any agent of a party may ask; canUpdateObligation then lets only the party that owes the obligation. */
  "obligation.update": { scope: "party", roles: AGENTS },
  "expenditure.record": { scope: "as", party: "DELEGATAIRE", roles: ["GESTIONNAIRE"] },
  "notice.send": { scope: "as", party: "DELEGATAIRE", roles: ["GESTIONNAIRE"] },
  "notice.answer": { scope: "as", party: "DELEGANT", roles: ["PILOTE_FAST"] },
  "report.submit": { scope: "as", party: "DELEGATAIRE", roles: ["GESTIONNAIRE"] },
  "report.accept": { scope: "as", party: "DELEGANT", roles: ["PILOTE_FAST"] },
  /** Upload the scan of the signed convention (DINUM signs last and keeps the copies; every party downloads it). */
  "signed-copy.upload": { scope: "as", party: "DELEGANT", roles: ["PILOTE_FAST"] },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof PERMISSIONS;
export type GlobalAction = { [A in Action]: (typeof PERMISSIONS)[A]["scope"] extends "global" ? A : never }[Action];
export type ConventionAction = Exclude<Action, GlobalAction>;

export function isPartyOf(actor: Actor, parties: ConventionParties): boolean {
  return PARTY_ROLES.some((role) => parties[role] === actor.organisationId);
}

export function can(actor: Actor | null, action: GlobalAction): boolean;
export function can(actor: Actor | null, action: ConventionAction, parties: ConventionParties): boolean;
export function can(actor: Actor | null, action: Action, parties?: ConventionParties): boolean {
  if (!actor) return false;
  const rule: Rule = PERMISSIONS[action];
  if (!rule.roles.includes(actor.role)) return false;
  switch (rule.scope) {
    case "global":
      return true;
    case "party":
      return actor.role === "ADMIN" || (parties !== undefined && isPartyOf(actor, parties));
    case "as":
      return parties !== undefined && parties[rule.party] === actor.organisationId;
  }
}

/** An obligation is updated only by a user of the party that owes it. */
export function canUpdateObligation(actor: Actor | null, owedBy: PartyRole, parties: ConventionParties): boolean {
  return actor !== null && actor.role !== "ADMIN" && parties[owedBy] === actor.organisationId;
}

/**
 * Which organisations an actor may add or edit, by kind: administrators all of them; FAST pilots of a délégant
 * (DINUM) the administrations partenaires and the délégataires they sign with, never a délégant. The pilot's
 * role is not enough: their own organisation must be a délégant (`actorOrganisationKind`), so a PILOTE_FAST
 * account opened by mistake in a partner's organisation edits nothing.
 */
export function canManageOrganisation(actor: Actor | null, kind: PartyRole, actorOrganisationKind: PartyRole | null): boolean {
  if (!actor || !can(actor, "organisations.manage")) return false;
  if (actor.role === "ADMIN") return true;
  return actorOrganisationKind === "DELEGANT" && kind !== "DELEGANT";
}

/** The party whose work each agent role does in a convention: a party's lead holds the matching role. */
export const LEAD_ROLE_OF_PARTY: Record<PartyRole, Exclude<Role, "ADMIN">> = {
  DELEGANT: "PILOTE_FAST",
  PARTENAIRE: "INTRAPRENEUR",
  DELEGATAIRE: "GESTIONNAIRE",
};

export type ColleagueInvitationProblem = "NOT_A_PARTY_LEAD" | "ROLE_ABOVE_INVITER";

/**
 * Whether an agent may invite a colleague, least privilege: only a party's lead — an agent whose organisation
 * is a party to at least one convention in the party role their own role acts for (a FAST pilot of a délégant,
 * an intrapreneur of a partner, a gestionnaire of a délégataire) — may, into their own organisation only (the
 * caller never takes another), and with their own role only: agents' roles are not ranked, so "no higher than
 * theirs" is theirs. The colleague then sees their organisation's conventions, as they do. Administrators
 * open accounts through users.manage instead.
 */
export function colleagueInvitationProblem(
  actor: Actor | null,
  invitedRole: Role,
  /** The party roles the actor's organisation holds in conventions. */
  organisationParties: readonly PartyRole[],
): ColleagueInvitationProblem | null {
  if (!actor || !can(actor, "colleagues.invite") || actor.role === "ADMIN") return "NOT_A_PARTY_LEAD";
  const leads = organisationParties.some((party) => LEAD_ROLE_OF_PARTY[party] === actor.role);
  if (!leads) return "NOT_A_PARTY_LEAD";
  return invitedRole === actor.role ? null : "ROLE_ABOVE_INVITER";
}
