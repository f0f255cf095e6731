import "server-only";
// What the administration pages read: the directory of organisations, the accounts, and the invitation a
// link designates. Callers have checked the permission (organisations.list, users.manage) or, for a link,
// hold the token itself.
import { accountStatus, invitationState, isIdle, type InvitationState } from "@/domain/accounts";
import { cache } from "react";
import type { Actor, PartyRole } from "@/domain/permissions";
import { db } from "../db";
import { lookupHash } from "../security/invitation-token";

export async function listOrganisations() {
  const rows = await db().organisation.findMany({
    orderBy: [{ acronym: "asc" }, { name: "asc" }],
    include: { _count: { select: { users: true, parties: true } } },
  });
  return rows.map((o) => ({
    id: o.id,
    slug: o.slug,
    name: o.name,
    acronym: o.acronym,
    kind: o.kind,
    siret: o.siret,
    address: o.address,
    proConnectSirets: o.sirets,
    accounts: o._count.users,
    conventions: o._count.parties,
  }));
}

/** The kind of the organisation an actor belongs to (who may edit which organisation depends on it); once per render. */
export const organisationKindOf = cache(async (id: string): Promise<PartyRole | null> => (await db().organisation.findUnique({ where: { id }, select: { kind: true } }))?.kind ?? null);

export async function organisationById(id: string) {
  return db().organisation.findUnique({ where: { id } });
}

/** The accounts; `idle`: active, but unused for `idleDays` at `now` (deactivated at their next sign-in). */
export async function listAccounts(options: { now: Date; idleDays: number } = { now: new Date(), idleDays: Number.POSITIVE_INFINITY }) {
  const rows = await db().user.findMany({
    orderBy: [{ organisation: { acronym: "asc" } }, { fullName: "asc" }],
    include: { organisation: { select: { acronym: true } } },
  });
  return rows.map((u) => ({
    id: u.id,
    email: u.email,
    fullName: u.fullName,
    role: u.role,
    organisation: u.organisation.acronym,
    lastLoginAt: u.lastLoginAt,
    status: accountStatus(u),
    idle: isIdle(u, options.now, options.idleDays),
  }));
}

/** The access requests waiting for an administrator, oldest first, with the organisation their SIRET designates. */
export async function pendingAccessRequests() {
  return db().accessRequest.findMany({
    where: { status: "EN_ATTENTE" },
    orderBy: { createdAt: "asc" },
    include: { organisation: { select: { id: true, acronym: true, name: true } } },
  });
}

/** The accounts of one organisation (a party's lead sees their colleagues), and the party roles it holds in conventions. */
export async function colleaguesOf(organisationId: string) {
  const [organisation, users, parties] = await Promise.all([
    db().organisation.findUnique({ where: { id: organisationId }, select: { acronym: true, name: true } }),
    db().user.findMany({ where: { organisationId }, orderBy: { fullName: "asc" } }),
    db().conventionParty.findMany({ where: { organisationId }, distinct: ["role"], select: { role: true } }),
  ]);
  return {
    organisation,
    parties: parties.map((p) => p.role),
    accounts: users.map((u) => ({ id: u.id, fullName: u.fullName, email: u.email, role: u.role, status: accountStatus(u), lastLoginAt: u.lastLoginAt })),
  };
}

export async function accountById(id: string) {
  const user = await db().user.findUnique({
    where: { id },
    include: {
      organisation: { select: { acronym: true, name: true } },
      invitations: { orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true, expiresAt: true, usedAt: true, revokedAt: true } },
    },
  });
  if (!user) return null;
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    role: user.role,
    organisation: `${user.organisation.acronym} — ${user.organisation.name}`,
    lastLoginAt: user.lastLoginAt,
    createdAt: user.createdAt,
    deactivatedAt: user.deactivatedAt,
    status: accountStatus(user),
    proConnect: user.proConnectSub !== null,
    lastInvitation: user.invitations[0] ?? null,
  };
}

/** The invitation a token designates, its state at `now`, and the account it opens (as the actor who accepts it). */
export async function findInvitation(rawToken: unknown, now: Date): Promise<{ state: InvitationState; tokenHash: string | null; account: (Actor & { email: string; fullName: string; organisation: string }) | null }> {
  const tokenHash = lookupHash(rawToken);
  const invitation = tokenHash
    ? await db().invitation.findUnique({
        where: { tokenHash },
        include: { user: { select: { id: true, email: true, fullName: true, role: true, organisationId: true, active: true, deactivatedAt: true, organisation: { select: { acronym: true } } } } },
      })
    : null;
  const state = invitationState(invitation && { ...invitation, account: invitation.user }, now);
  if (!invitation || state !== "VALIDE") return { state, tokenHash, account: null };
  const u = invitation.user;
  return { state, tokenHash, account: { userId: u.id, organisationId: u.organisationId, role: u.role, email: u.email, fullName: u.fullName, organisation: u.organisation.acronym } };
}
