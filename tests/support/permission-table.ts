// Who may do what, written out cell by cell for a person to review — not computed from the code it checks.
// src/domain/permissions.test.ts holds can() to this table, and the access-matrix test walks every server
// action with it: changing a permission in src/domain/permissions.ts without changing this table fails both.
//
// Columns: the user's role, then how the user's organisation stands in the convention — délégant (Dt),
// partenaire (Pt), délégataire (Dr), or not a party (--). "x" allowed, "." refused.
import type { Action, PartyRole, Role } from "../../src/domain/permissions";

export type Relation = PartyRole | "NONE";
const ROLE_ORDER = ["PILOTE_FAST", "INTRAPRENEUR", "GESTIONNAIRE", "ADMIN"] as const satisfies readonly Role[];
const RELATION_ORDER = ["DELEGANT", "PARTENAIRE", "DELEGATAIRE", "NONE"] as const satisfies readonly Relation[];

//                                     PILOTE_FAST    INTRAPRENEUR   GESTIONNAIRE   ADMIN
//                                     Dt Pt Dr --    Dt Pt Dr --    Dt Pt Dr --    Dt Pt Dr --
const CONVENTION_TABLE = {
  "convention.read":                  "x  x  x  .     x  x  x  .     x  x  x  .     x  x  x  x",
  "convention.terminate":             "x  x  x  .     x  x  x  .     x  x  x  .     .  .  .  .",
  "convention.publish":               "x  .  .  .     .  .  .  .     .  .  .  .     .  .  .  .",
  "convention.comment":               "x  x  x  .     x  x  x  .     x  x  x  .     .  .  .  .",
  "convention.draft.edit":            "x  .  .  .     .  .  .  .     .  .  .  .     x  .  .  .",
  "convention.signature.record":      "x  .  .  .     .  .  .  .     .  .  .  .     x  .  .  .",
  "review.record":                    "x  .  .  .     .  .  .  .     .  .  .  .     .  .  .  .",
  "tranche.release":                  "x  .  .  .     .  .  .  .     .  .  .  .     .  .  .  .",
  "avenant.record":                   "x  .  .  .     .  .  .  .     .  .  .  .     .  .  .  .",
  "suspension.record":                "x  .  .  .     .  .  .  .     .  .  .  .     .  .  .  .",
  "committee.record":                 ".  .  .  .     .  x  .  .     .  .  .  .     .  .  .  .",
  "obligation.update":                "x  x  x  .     x  x  x  .     x  x  x  .     .  .  .  .",
  "expenditure.record":               ".  .  .  .     .  .  .  .     .  .  x  .     .  .  .  .",
  "notice.send":                      ".  .  .  .     .  .  .  .     .  .  x  .     .  .  .  .",
  "notice.answer":                    "x  .  .  .     .  .  .  .     .  .  .  .     .  .  .  .",
  "report.submit":                    ".  .  .  .     .  .  .  .     .  .  x  .     .  .  .  .",
  "report.accept":                    "x  .  .  .     .  .  .  .     .  .  .  .     .  .  .  .",
  "signed-copy.upload":               "x  .  .  .     .  .  .  .     .  .  .  .     .  .  .  .",
} as const;

//                                     PILOTE_FAST  INTRAPRENEUR  GESTIONNAIRE  ADMIN
const GLOBAL_TABLE = {
  "conventions.list":                 "x            x             x             x",
  "portfolio.read":                   "x            .             .             x",
  "users.manage":                     ".            .             .             x",
  "organisations.list":               "x            .             .             x",
  "organisations.manage":             "x            .             .             x",
  "promotions.manage":                "x            .             .             x",
  "conventions.create":               "x            .             .             x",
  "colleagues.invite":                "x            x             x             .",
} as const;

// Which organisations each role may add or edit (canManageOrganisation), by the kind of the user's own
// organisation (rows) and the organisation's kind (columns): délégant (Dt), administration partenaire (Pt),
// délégataire (Dr). A pilot must be of a délégant.
//                                     PILOTE_FAST  INTRAPRENEUR  GESTIONNAIRE  ADMIN
//                                     Dt Pt Dr     Dt Pt Dr      Dt Pt Dr      Dt Pt Dr
const ORGANISATION_TABLE = {
  DELEGANT:                           ".  x  x      .  .  .       .  .  .       x  x  x",
  PARTENAIRE:                         ".  .  .      .  .  .       .  .  .       x  x  x",
  DELEGATAIRE:                        ".  .  .      .  .  .       .  .  .       x  x  x",
} as const;

// Who may invite a colleague of their own organisation (colleagueInvitationProblem): by the party role the
// user's organisation holds in at least one convention (rows: délégant, partenaire, délégataire, none) and
// the role given to the colleague (columns). A party's lead invites with their own role only.
//                                     PILOTE_FAST  INTRAPRENEUR  GESTIONNAIRE  ADMIN        ← the user's role
//                                     Pi In Ge Ad  Pi In Ge Ad   Pi In Ge Ad   Pi In Ge Ad  ← the colleague's role
const COLLEAGUE_TABLE = {
  DELEGANT:                           "x  .  .  .   .  .  .  .    .  .  .  .    .  .  .  .",
  PARTENAIRE:                         ".  .  .  .   .  x  .  .    .  .  .  .    .  .  .  .",
  DELEGATAIRE:                        ".  .  .  .   .  .  .  .    .  .  x  .    .  .  .  .",
  NONE:                               ".  .  .  .   .  .  .  .    .  .  .  .    .  .  .  .",
} as const;

export type TableConventionAction = keyof typeof CONVENTION_TABLE;
export type TableGlobalAction = keyof typeof GLOBAL_TABLE;

function cells(row: string): boolean[] {
  return row
    .trim()
    .split(/\s+/)
    .map((cell) => {
      if (cell !== "x" && cell !== ".") throw new Error(`permission-table: cell « ${cell} »`);
      return cell === "x";
    });
}

/** What the table says for a convention action. */
export function allowedByTable(action: TableConventionAction, role: Role, relation: Relation): boolean {
  const row = cells(CONVENTION_TABLE[action]);
  return row[ROLE_ORDER.indexOf(role as (typeof ROLE_ORDER)[number]) * RELATION_ORDER.length + RELATION_ORDER.indexOf(relation)]!;
}

/** What the table says for an action not tied to a convention. */
export function allowedGloballyByTable(action: TableGlobalAction, role: Role): boolean {
  return cells(GLOBAL_TABLE[action])[ROLE_ORDER.indexOf(role as (typeof ROLE_ORDER)[number])]!;
}

/** What the table says of an organisation of this kind, for a user of an organisation of `ownKind` (canManageOrganisation). */
export function organisationManageableByTable(role: Role, kind: PartyRole, ownKind: PartyRole): boolean {
  const KINDS = ["DELEGANT", "PARTENAIRE", "DELEGATAIRE"] as const satisfies readonly PartyRole[];
  return cells(ORGANISATION_TABLE[ownKind])[ROLE_ORDER.indexOf(role as (typeof ROLE_ORDER)[number]) * KINDS.length + KINDS.indexOf(kind as (typeof KINDS)[number])]!;
}

/** What the table says of a user of this role, whose organisation is `relation` in some convention, inviting a colleague with `invitedRole`. */
export function colleagueInvitableByTable(role: Role, relation: Relation, invitedRole: Role): boolean {
  return cells(COLLEAGUE_TABLE[relation])[ROLE_ORDER.indexOf(role as (typeof ROLE_ORDER)[number]) * ROLE_ORDER.length + ROLE_ORDER.indexOf(invitedRole as (typeof ROLE_ORDER)[number])]!;
}

export const TABLE_CONVENTION_ACTIONS = Object.keys(CONVENTION_TABLE) as TableConventionAction[];
export const TABLE_GLOBAL_ACTIONS = Object.keys(GLOBAL_TABLE) as TableGlobalAction[];
export const TABLE_ROLES = ROLE_ORDER;
export const TABLE_RELATIONS = RELATION_ORDER;
export type { Action };
