// Who gets in through ProConnect, as a pure rule. ProConnect never grants a role: an agent is admitted to the
// account an administrator (or a party's lead) opened for their e-mail, and an unknown agent leaves an access
// request for an administrator to decide on.
//
// What ProConnect tells of an agent (numerique-gouv/proconnect-documentation, doc_fs/donnees_fournies.md and
// doc_fs/scope-claims.md): `given_name`, `usual_name`, `email`, `uid` (the identity provider's own id of the
// agent) and `siret` (the agent's establishment, 14 digits, no spaces) always; `idp_id` (which identity
// provider); `phone_number` with the `phone` scope. The `sub` is specific to each pair of service and identity
// provider, so ProConnect advises reconciling identities by the professional e-mail: this rule matches an
// account by e-mail first, and the SIRET then says whether the agent belongs to the account's organisation.

import type { AccountStatus } from "./accounts";

/** Why an agent is not let in: each code has a French message on /connexion (?erreur=<code>). */
export type ProConnectRefusal =
  /** No account (the caller records an access request and answers "acces-demande" or "acces-refuse"). */
  | "compte-inconnu"
  | "acces-demande"
  | "acces-refuse"
  | "siret-non-rattache"
  | "compte-deja-rattache"
  | "identite-differente"
  | "compte-desactive"
  /** Active but idle too long: the caller deactivates the account. */
  | "compte-inactif"
  /** Invited, but no link of the invitation still works (expired, revoked). */
  | "invitation-expiree"
  | "proconnect-echec";

function normalise(value: string | null | undefined): string | null {
  if (!value) return null;
  const digits = value.replace(/[\s.-]/g, "");
  return /^\d{14}$/.test(digits) ? digits : null;
}

/**
 * Whether an agent's establishment belongs to their organisation: its own SIRET and the SIRETs ProConnect may
 * present for it. An organisation that records none does not restrict (its accounts are matched by e-mail
 * only); one that records some requires the agent's `siret` claim to be among them.
 */
export function siretAllowed(organisationSirets: readonly (string | null)[], siret: string | null): boolean {
  const allowed = organisationSirets.map(normalise).filter((s): s is string => s !== null);
  if (allowed.length === 0) return true;
  return siret !== null && allowed.includes(siret);
}

/** The account an agent's e-mail (or, failing it, their ProConnect subject) designates, as the decision needs it. */
export interface CandidateAccount {
  id: string;
  status: AccountStatus;
  proConnectSub: string | null;
  organisation: { siret: string | null; sirets: readonly string[] };
  /** For an invited account: whether one of its invitation links still works. */
  invitationValid: boolean;
  /** For an active account: whether it has been idle too long (and may be deactivated: not the last administrator). */
  idle: boolean;
}

export type AgentDecision =
  /** `activates`: an invitation matched, the account becomes active and bound to the ProConnect subject. */
  { ok: true; activates: boolean } | { ok: false; reason: ProConnectRefusal };

export function decideAgentAccess(
  account: CandidateAccount | null,
  identity: { sub: string; siret: string | null },
  /** The account already bound to this ProConnect subject, if any. */
  subjectOwnerId: string | null,
): AgentDecision {
  if (!account) return { ok: false, reason: "compte-inconnu" };
  if (subjectOwnerId !== null && subjectOwnerId !== account.id) return { ok: false, reason: "compte-deja-rattache" };
  if (account.proConnectSub !== null && account.proConnectSub !== identity.sub) return { ok: false, reason: "identite-differente" };
  if (account.status === "DESACTIVE") return { ok: false, reason: "compte-desactive" };
  if (!siretAllowed([account.organisation.siret, ...account.organisation.sirets], identity.siret)) return { ok: false, reason: "siret-non-rattache" };
  if (account.status === "INVITE") return account.invitationValid ? { ok: true, activates: true } : { ok: false, reason: "invitation-expiree" };
  if (account.idle) return { ok: false, reason: "compte-inactif" };
  return { ok: true, activates: false };
}
