// Accounts and their invitations, as pure rules: an account's status, when a one-time link expires and
// whether it still works, and what an administrator may change without leaving the platform without an
// active administrator. The moment is always given (`now`), never read from the clock.
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
export const ACCOUNT_DEACTIVATED = "Ce compte a été désactivé par un administrateur de Suivi FAST : adressez-vous à lui pour le faire réactiver.";

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
export const INVITATION_REFUSALS: Record<Exclude<InvitationState, "VALIDE">, { title: string; message: string }> = {
  INCONNUE: {
    title: "Lien d'invitation inconnu",
    message: "Ce lien d'invitation n'est pas reconnu. Vérifiez qu'il a été copié en entier, ou demandez une nouvelle invitation à l'administrateur qui vous a invité.",
  },
  UTILISEE: {
    title: "Lien d'invitation déjà utilisé",
    message: "Ce lien a déjà servi à activer le compte : il ne fonctionne qu'une fois. Connectez-vous avec votre adresse électronique et le mot de passe choisi ; en cas d'oubli, demandez une nouvelle invitation à un administrateur.",
  },
  REMPLACEE: {
    title: "Lien d'invitation remplacé",
    message: "Un lien plus récent a été envoyé pour ce compte : seul le dernier lien fonctionne. Utilisez-le, ou demandez-en un nouveau à un administrateur.",
  },
  EXPIREE: {
    title: "Lien d'invitation expiré",
    message: `Ce lien n'est valable que ${INVITATION_VALIDITY_DAYS} jours et a expiré. Demandez une nouvelle invitation à l'administrateur qui vous a invité.`,
  },
  COMPTE_DESACTIVE: {
    title: "Compte désactivé",
    message: "Le compte auquel ce lien donne accès a été désactivé par un administrateur. Adressez-vous à lui si vous pensez qu'il s'agit d'une erreur.",
  },
};

/** A change of an account that can remove an active administrator. */
export type AdministratorChange = { kind: "deactivate" } | { kind: "role"; role: Role };

export const LAST_ADMINISTRATOR =
  "Ce compte est le dernier administrateur actif : nommez d'abord un autre administrateur, sans quoi plus personne ne pourrait gérer les comptes.";

/**
 * Null when the change leaves at least one active administrator; else why it is refused. `activeAdministrators`
 * counts the active administrators before the change, the target included.
 */
export function lastAdministratorProblem(target: { role: Role; status: AccountStatus }, change: AdministratorChange, activeAdministrators: number): string | null {
  const removesAnAdministrator = target.role === "ADMIN" && target.status === "ACTIF" && (change.kind === "deactivate" || change.role !== "ADMIN");
  return removesAnAdministrator && activeAdministrators <= 1 ? LAST_ADMINISTRATOR : null;
}

/** Null when an account of this status may be deactivated, reactivated or sent a new link; else why not. */
export function statusChangeProblem(status: AccountStatus, change: "deactivate" | "reactivate" | "renew"): string | null {
  switch (change) {
    case "deactivate":
      return status === "DESACTIVE" ? "Ce compte est déjà désactivé." : null;
    case "reactivate":
      return status === "DESACTIVE" ? null : "Ce compte n'est pas désactivé.";
    case "renew":
      return status === "INVITE"
        ? null
        : status === "ACTIF"
          ? "Ce compte est déjà activé : son titulaire se connecte avec son mot de passe."
          : "Ce compte est désactivé : réactivez-le d'abord.";
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
