import "server-only";
// What the administration pages read: the directory of organisations, the accounts, and the invitation a
// link designates. Callers have checked the permission (organisations.list, users.manage) or, for a link,
// hold the token itself.
import { accountStatus, invitationState, type InvitationState } from "@/domain/accounts";
import type { Actor } from "@/domain/permissions";
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

export async function organisationById(id: string) {
  return db().organisation.findUnique({ where: { id } });
}

export async function listAccounts() {
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
  }));
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
