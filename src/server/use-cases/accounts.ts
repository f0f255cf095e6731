import "server-only";
// Accounts, managed by the platform's administrators: an agent is invited by e-mail (a one-time link that
// expires, src/domain/accounts.ts), sets a password through it and the account becomes active; an
// administrator changes a role, deactivates and reactivates an account, never leaving the platform without an
// active administrator. The first administrator comes from the command line (scripts/admin/create.ts).
// Changes of roles and statuses are serialised across app instances by one advisory lock, so two
// administrators demoting each other at once cannot both succeed.
import { z } from "zod";
import {
  accountStatus,
  invitationExpiresAt,
  invitationState,
  INVITATION_REFUSALS,
  lastAdministratorProblem,
  statusAfterReactivation,
  statusChangeProblem,
  idleSince,
  isIdle,
  type AdministratorChange,
} from "@/domain/accounts";
import { failure } from "@/domain/failures";
import { emailField, textField, uuidField } from "@/domain/fields";
import { colleagueInvitationProblem, ROLES } from "@/domain/permissions";
import type { Tx } from "../db/audit";
import { newInvitationToken } from "../security/invitation-token";
import { Refusal, type ActorContext, type RecordContext } from "./context";

/** Key of the advisory lock that serialises changes of roles and statuses (and invitations). */
const ACCOUNTS_LOCK = 72_707_370;

export async function lockAccounts(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ACCOUNTS_LOCK}::bigint)`;
}

const roleField = z.enum(ROLES, { error: "Choisissez un rôle : pilote FAST, intrapreneur, gestionnaire budgétaire ou administrateur." });

export interface IssuedInvitation {
  userId: string;
  email: string;
  fullName: string;
  /** The secret that goes in the link, given once: only its hash is stored. */
  token: string;
  expiresAt: Date;
}

/** A new link for the account, the previous ones that still work revoked. */
async function issueInvitation(ctx: RecordContext, userId: string, createdById: string | null): Promise<{ token: string; expiresAt: Date; revoked: number }> {
  const { tx, now } = ctx;
  const { count: revoked } = await tx.invitation.updateMany({ where: { userId, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
  const { token, tokenHash } = newInvitationToken();
  const expiresAt = invitationExpiresAt(now);
  await tx.invitation.create({ data: { userId, tokenHash, createdAt: now, expiresAt, createdById } });
  return { token, expiresAt, revoked };
}

async function refuseExistingEmail(tx: Tx, email: string): Promise<void> {
  const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) {
    throw new Refusal(failure("ACCOUNT_EMAIL_TAKEN", { email }, "email"));
  }
}

async function accountOf(tx: Tx, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId }, include: { organisation: { select: { acronym: true } } } });
  if (!user) throw new Refusal(failure("ACCOUNT_UNKNOWN"));
  return user;
}

// ───────────────────────────── Invitations ─────────────────────────────

export const inviteInput = z.object({
  email: emailField,
  fullName: textField("Prénom et nom", 200),
  role: roleField,
  organisationId: z.uuid({ error: "Choisissez l'organisation de l'agent." }),
});
export type InviteInput = z.infer<typeof inviteInput>;

/** Opens an account, not active until its agent sets a password through the link. */
export async function inviteAgent(ctx: ActorContext, input: InviteInput, via?: "colleague"): Promise<IssuedInvitation> {
  const { tx, actor, audit } = ctx;
  await lockAccounts(tx);
  await refuseExistingEmail(tx, input.email);
  const organisation = await tx.organisation.findUnique({ where: { id: input.organisationId }, select: { id: true, acronym: true } });
  if (!organisation) throw new Refusal(failure("ACCOUNT_ORGANISATION_UNKNOWN", undefined, "organisationId"));
  const user = await tx.user.create({
    data: { email: input.email, fullName: input.fullName, role: input.role, organisationId: organisation.id, active: false, createdAt: ctx.now },
  });
  const { token, expiresAt } = await issueInvitation(ctx, user.id, actor.userId);
  await audit({
    kind: "user.invite",
    entity: "user",
    entityId: user.id,
    after: { email: user.email, fullName: user.fullName, role: user.role, organisation: organisation.acronym, expiresAt, ...(via ? { via } : {}) },
  });
  return { userId: user.id, email: user.email, fullName: user.fullName, token, expiresAt };
}

export const accountInput = z.object({ userId: uuidField });
export type AccountInput = z.infer<typeof accountInput>;

/** A new link for an account still waiting for its first password; the previous links stop working. */
export async function renewInvitation(ctx: ActorContext, input: AccountInput): Promise<IssuedInvitation> {
  const { tx, actor, audit } = ctx;
  await lockAccounts(tx);
  const user = await accountOf(tx, input.userId);
  const problem = statusChangeProblem(accountStatus(user), "renew");
  if (problem) throw new Refusal(problem);
  const { token, expiresAt, revoked } = await issueInvitation(ctx, user.id, actor.userId);
  await audit({ kind: "user.invitation.renew", entity: "user", entityId: user.id, after: { email: user.email, expiresAt, previousLinksRevoked: revoked } });
  return { userId: user.id, email: user.email, fullName: user.fullName, token, expiresAt };
}

export const acceptInvitationInput = z
  .object({
    token: z.string({ error: "Lien d'invitation incomplet." }).min(1, { error: "Lien d'invitation incomplet." }),
    password: z.string({ error: "Choisissez un mot de passe." }).min(1, { error: "Choisissez un mot de passe." }),
    confirmation: z.string({ error: "Saisissez le mot de passe une seconde fois." }),
  })
  .refine((v) => v.password === v.confirmation, { path: ["confirmation"], error: "Les deux mots de passe ne sont pas identiques." });

/**
 * The invited agent (ctx.actor, found by the link) sets the password: the link is used up, the account active.
 * The link is checked again inside the transaction and consumed by a conditional update, so two submissions
 * of the same link cannot both succeed.
 */
export async function acceptInvitation(ctx: ActorContext, input: { tokenHash: string; passwordHash: string }): Promise<void> {
  const { tx, actor, now, audit } = ctx;
  const invitation = await tx.invitation.findUnique({ where: { tokenHash: input.tokenHash }, include: { user: { select: { active: true, deactivatedAt: true } } } });
  const state = invitationState(invitation && { ...invitation, account: invitation.user }, now);
  if (state !== "VALIDE" || invitation?.userId !== actor.userId) throw new Refusal(INVITATION_REFUSALS[state === "VALIDE" ? "INCONNUE" : state].failure);
  const consumed = await tx.invitation.updateMany({ where: { id: invitation.id, usedAt: null, revokedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (consumed.count !== 1) throw new Refusal(INVITATION_REFUSALS.UTILISEE.failure);
  await tx.user.update({ where: { id: actor.userId }, data: { passwordHash: input.passwordHash, active: true, deactivatedAt: null, activatedAt: now } });
  await audit({ kind: "user.invitation.accept", entity: "user", entityId: actor.userId, after: { status: "ACTIF" } });
}

// ───────────────────────────── Roles and statuses ─────────────────────────────

async function refuseLastAdministrator(tx: Tx, user: { role: (typeof ROLES)[number]; active: boolean; deactivatedAt: Date | null }, change: AdministratorChange) {
  const activeAdministrators = await tx.user.count({ where: { role: "ADMIN", active: true } });
  const problem = lastAdministratorProblem({ role: user.role, status: accountStatus(user) }, change, activeAdministrators);
  if (problem) throw new Refusal(problem);
}

export const changeRoleInput = accountInput.extend({ role: roleField });
export type ChangeRoleInput = z.infer<typeof changeRoleInput>;

export async function changeRole(ctx: ActorContext, input: ChangeRoleInput): Promise<void> {
  const { tx, audit } = ctx;
  await lockAccounts(tx);
  const user = await accountOf(tx, input.userId);
  if (user.role === input.role) throw new Refusal(failure("ACCOUNT_ROLE_UNCHANGED", undefined, "role"));
  await refuseLastAdministrator(tx, user, { kind: "role", role: input.role });
  await tx.user.update({ where: { id: user.id }, data: { role: input.role } });
  await audit({ kind: "user.role", entity: "user", entityId: user.id, before: { email: user.email, role: user.role }, after: { email: user.email, role: input.role } });
}

/** The account can no longer sign in (its open sessions stop at their next request); pending links stop working. */
export async function deactivateAccount(ctx: ActorContext, input: AccountInput): Promise<void> {
  const { tx, now, audit } = ctx;
  await lockAccounts(tx);
  const user = await accountOf(tx, input.userId);
  const status = accountStatus(user);
  const problem = statusChangeProblem(status, "deactivate");
  if (problem) throw new Refusal(problem);
  await refuseLastAdministrator(tx, user, { kind: "deactivate" });
  await tx.user.update({ where: { id: user.id }, data: { active: false, deactivatedAt: now } });
  const { count } = await tx.invitation.updateMany({ where: { userId: user.id, usedAt: null, revokedAt: null }, data: { revokedAt: now } });
  await audit({ kind: "user.deactivate", entity: "user", entityId: user.id, before: { email: user.email, status }, after: { email: user.email, status: "DESACTIVE", linksRevoked: count } });
}

export const accountStatusInput = accountInput.extend({
  status: z.enum(["ACTIF", "DESACTIVE"], { error: "Choisissez : réactiver ou désactiver le compte." }),
});

/** Active again if the account can sign in; an account deactivated before its first password waits for a new link. */
export async function reactivateAccount(ctx: ActorContext, input: AccountInput): Promise<void> {
  const { tx, now, audit } = ctx;
  await lockAccounts(tx);
  const user = await accountOf(tx, input.userId);
  const problem = statusChangeProblem(accountStatus(user), "reactivate");
  if (problem) throw new Refusal(problem);
  const status = statusAfterReactivation(user);
  // Reactivated, the account's idle period starts again (src/domain/accounts.ts, isIdle).
  await tx.user.update({ where: { id: user.id }, data: { active: status === "ACTIF", deactivatedAt: null, ...(status === "ACTIF" ? { activatedAt: now } : {}) } });
  await audit({ kind: "user.reactivate", entity: "user", entityId: user.id, before: { email: user.email, status: "DESACTIVE" }, after: { email: user.email, status } });
}

// ───────────────────────────── Idle accounts ─────────────────────────────

/**
 * At a password sign-in (the password checked): an active account idle for `idleDays` is deactivated, unless it
 * is the last active administrator (the platform would have nobody to reactivate anyone). Answers whether it was.
 */
export async function deactivateIfIdle(ctx: RecordContext, input: { userId: string; idleDays: number }): Promise<boolean> {
  const { tx, now, audit } = ctx;
  await lockAccounts(tx);
  const user = await tx.user.findUnique({ where: { id: input.userId } });
  if (!user || !isIdle(user, now, input.idleDays)) return false;
  const status = accountStatus(user);
  const activeAdministrators = user.role === "ADMIN" ? await tx.user.count({ where: { role: "ADMIN", active: true } }) : 0;
  if (lastAdministratorProblem({ role: user.role, status }, { kind: "deactivate" }, activeAdministrators)) return false;
  await tx.user.update({ where: { id: user.id }, data: { active: false, deactivatedAt: now } });
  await audit({
    kind: "user.deactivate.idle",
    entity: "user",
    entityId: user.id,
    before: { email: user.email, status, idleSince: idleSince(user) },
    after: { email: user.email, status: "DESACTIVE", idleDays: input.idleDays },
  });
  return true;
}

// ───────────────────────────── A party's lead invites a colleague ─────────────────────────────

export const inviteColleagueInput = z.object({
  email: emailField,
  fullName: textField("Prénom et nom", 200),
  role: roleField,
});
export type InviteColleagueInput = z.infer<typeof inviteColleagueInput>;

/**
 * A party's lead opens an account for a colleague of their own organisation, with their own role
 * (colleagueInvitationProblem): the same invitation as an administrator's, into the lead's organisation only.
 */
export async function inviteColleague(ctx: ActorContext, input: InviteColleagueInput): Promise<IssuedInvitation> {
  const { tx, actor } = ctx;
  const parties = await tx.conventionParty.findMany({ where: { organisationId: actor.organisationId }, distinct: ["role"], select: { role: true } });
  const problem = colleagueInvitationProblem(actor, input.role, parties.map((p) => p.role));
  if (problem === "NOT_A_PARTY_LEAD") throw new Refusal(failure("COLLEAGUE_NOT_A_PARTY_LEAD"));
  if (problem === "ROLE_ABOVE_INVITER") throw new Refusal(failure("COLLEAGUE_ROLE_ABOVE_INVITER", undefined, "role"));
  return inviteAgent(ctx, { ...input, organisationId: actor.organisationId }, "colleague");
}

// ───────────────────────────── The first administrator ─────────────────────────────

/** The organisation of a first administrator when the database holds none and no --organisation is given. */
export const DINUM = {
  slug: "dinum",
  name: "Direction interministérielle du numérique",
  acronym: "DINUM",
  kind: "DELEGANT",
  siret: "13002526500013",
  address: "20 avenue de Ségur – TSA 30719 - 75334 PARIS Cedex 07",
} as const;

export const firstAdministratorInput = z.object({
  email: emailField,
  fullName: textField("Nom", 200),
  organisation: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{1,80}$/, { error: "Organisation : indiquez son identifiant court (slug), par exemple dinum." })
    .optional(),
});
export type FirstAdministratorInput = z.infer<typeof firstAdministratorInput>;

/**
 * An administrator created from the command line (the operator is the actor: none in the audit trail), with a
 * link to set the password. Without --organisation the account belongs to DINUM, which is added to an empty
 * directory; a directory without DINUM asks which organisation.
 */
export async function createAdministrator(ctx: RecordContext, input: FirstAdministratorInput): Promise<IssuedInvitation & { organisation: string; organisationCreated: boolean }> {
  const { tx, now, audit } = ctx;
  await lockAccounts(tx);
  await refuseExistingEmail(tx, input.email);
  let organisation = await tx.organisation.findUnique({ where: { slug: input.organisation ?? DINUM.slug }, select: { id: true, acronym: true } });
  let organisationCreated = false;
  if (!organisation) {
    const known = (await tx.organisation.findMany({ select: { slug: true }, orderBy: { slug: "asc" } })).map((o) => o.slug);
    if (input.organisation || known.length > 0) {
      throw new Refusal(input.organisation ? failure("ADMIN_ORGANISATION_UNKNOWN", { slug: input.organisation, known }) : failure("ADMIN_ORGANISATION_REQUIRED", { known }));
    }
    organisation = await tx.organisation.create({ data: { ...DINUM, sirets: [], createdAt: now }, select: { id: true, acronym: true } });
    organisationCreated = true;
    await audit({ kind: "organisation.create", entity: "organisation", entityId: organisation.id, after: { ...DINUM, via: "admin:create" } });
  }
  const user = await tx.user.create({ data: { email: input.email, fullName: input.fullName, role: "ADMIN", organisationId: organisation.id, active: false, createdAt: now } });
  const { token, expiresAt } = await issueInvitation(ctx, user.id, null);
  await audit({
    kind: "user.invite",
    entity: "user",
    entityId: user.id,
    after: { email: user.email, fullName: user.fullName, role: "ADMIN", organisation: organisation.acronym, expiresAt, via: "admin:create" },
  });
  return { userId: user.id, email: user.email, fullName: user.fullName, token, expiresAt, organisation: organisation.acronym, organisationCreated };
}
