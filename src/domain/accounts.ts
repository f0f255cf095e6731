// Accounts and their invitations, as pure rules: an account's status, when a one-time link expires and
// whether it still works, and what an administrator may change without leaving the platform without an
// active administrator. The moment is always given (`now`), never read from the clock.
import { failure, messageOf, type Failure } from "./failures";
import type { Role } from "./permissions";

/** An invitation link works for 7 days after it is sent. */
export const INVITATION_VALIDITY_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Invited (no password set yet), active, or deactivated by an administrator. */
export type AccountStatus = "INVITE" | "ACTIF" | "DESACTIVE";

export const ACCOUNT_STATUS_LABELS: Record<AccountStatus, string> = {
  INVITE: "Invitation en attente",
  ACTIF: "Actif",
  DESACTIVE: "Désactivé",
};

export function accountStatus(account: { active: boolean; deactivatedAt: Date | null }): AccountStatus {
  if (account.active) return "ACTIF";
  return account.deactivatedAt ? "DESACTIVE" : "INVITE";
}

/** What the holder of a deactivated account reads when signing in with the right password. */
export const ACCOUNT_DEACTIVATED = messageOf(failure("ACCOUNT_DEACTIVATED"));

/** The moment a link sent at `sentAt` stops working. */
export function invitationExpiresAt(sentAt: Date): Date {
  return new Date(sentAt.getTime() + INVITATION_VALIDITY_DAYS * DAY_MS);
}

export type InvitationState = "VALIDE" | "INCONNUE" | "UTILISEE" | "REMPLACEE" | "EXPIREE" | "COMPTE_DESACTIVE";

export interface InvitationFacts {
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  account: { active: boolean; deactivatedAt: Date | null };
}

/** Whether a link still lets its agent set a password at `now`, and if not, why. */
export function invitationState(invitation: InvitationFacts | null, now: Date): InvitationState {
  if (!invitation) return "INCONNUE";
  if (invitation.usedAt) return "UTILISEE";
  if (accountStatus(invitation.account) === "DESACTIVE") return "COMPTE_DESACTIVE";
  if (invitation.revokedAt) return "REMPLACEE";
  if (now.getTime() >= invitation.expiresAt.getTime()) return "EXPIREE";
  return "VALIDE";
}

/** What the agent who followed a link that no longer works reads: a title and what to do. */
export const INVITATION_REFUSALS: Record<Exclude<InvitationState, "VALIDE">, { title: string; failure: Failure }> = {
  INCONNUE: {
    title: "Lien d'invitation inconnu",
    failure: failure("INVITATION_UNKNOWN"),
  },
  UTILISEE: {
    title: "Lien d'invitation déjà utilisé",
    failure: failure("INVITATION_USED"),
  },
  REMPLACEE: {
    title: "Lien d'invitation remplacé",
    failure: failure("INVITATION_REPLACED"),
  },
  EXPIREE: {
    title: "Lien d'invitation expiré",
    failure: failure("INVITATION_EXPIRED", { days: INVITATION_VALIDITY_DAYS }),
  },
  COMPTE_DESACTIVE: {
    title: "Compte désactivé",
    failure: failure("INVITATION_ACCOUNT_DEACTIVATED"),
  },
};

/** A change of an account that can remove an active administrator. */
export type AdministratorChange = { kind: "deactivate" } | { kind: "role"; role: Role };


/**
 * Null when the change leaves at least one active administrator; else why it is refused. `activeAdministrators`
 * counts the active administrators before the change, the target included.
 */
export function lastAdministratorProblem(target: { role: Role; status: AccountStatus }, change: AdministratorChange, activeAdministrators: number): Failure<"LAST_ADMINISTRATOR"> | null {
  const removesAnAdministrator = target.role === "ADMIN" && target.status === "ACTIF" && (change.kind === "deactivate" || change.role !== "ADMIN");
  return removesAnAdministrator && activeAdministrators <= 1 ? failure("LAST_ADMINISTRATOR") : null;
}

/** Null when an account of this status may be deactivated, reactivated or sent a new link; else why not. */
export function statusChangeProblem(status: AccountStatus, change: "deactivate" | "reactivate" | "renew"): Failure | null {
  switch (change) {
    case "deactivate":
      return status === "DESACTIVE" ? failure("ACCOUNT_ALREADY_DEACTIVATED") : null;
    case "reactivate":
      return status === "DESACTIVE" ? null : failure("ACCOUNT_NOT_DEACTIVATED");
    case "renew":
      return status === "INVITE" ? null : status === "ACTIF" ? failure("ACCOUNT_ALREADY_ACTIVE") : failure("ACCOUNT_DEACTIVATED_REACTIVATE_FIRST");
  }
}

/** A reactivated account is active again if it can sign in (a password or ProConnect); else it waits for a new link. */
export function statusAfterReactivation(account: { passwordHash: string | null; proConnectSub: string | null }): Exclude<AccountStatus, "DESACTIVE"> {
  return account.passwordHash !== null || account.proConnectSub !== null ? "ACTIF" : "INVITE";
}

// ───────────────────────────── Idle accounts ─────────────────────────────

export interface IdleFacts {
  lastLoginAt: Date | null;
  /** When the account last became active (invitation used, reactivation, access request accepted). */
  activatedAt: Date | null;
  createdAt: Date;
}

/** What idleness is measured from: the latest of the last sign-in, the last activation and the creation. */
export function idleSince(account: IdleFacts): Date {
  const moments = [account.lastLoginAt, account.activatedAt, account.createdAt].filter((d): d is Date => d !== null);
  return new Date(Math.max(...moments.map((d) => d.getTime())));
}

/**
 * Whether an active account has gone `idleDays` full days (24 h each) without a sign-in at `now`: such an
 * account is deactivated when it next tries to sign in, and an administrator reactivates it.
 */
export function isIdle(account: IdleFacts & { active: boolean }, now: Date, idleDays: number): boolean {
  if (!account.active) return false;
  return now.getTime() - idleSince(account).getTime() >= idleDays * DAY_MS;
}
