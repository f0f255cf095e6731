import "server-only";
// ProConnect first: an agent signing in with ProConnect is let into the account opened for their e-mail (an
// invitation is then used up and the account becomes active, bound to the ProConnect subject), or leaves an
// access request — their name, e-mail, SIRET and the organisation that SIRET designates — that an
// administrator accepts (organisation and role chosen: the account is opened active, bound to the identity)
// or refuses. Every step is in the audit trail. The rule itself is src/domain/proconnect-admission.ts.
import { z } from "zod";
import { accountStatus, idleSince, isIdle, lastAdministratorProblem } from "@/domain/accounts";
import { failure } from "@/domain/failures";
import { uuidField } from "@/domain/fields";
import { ROLES, type Actor } from "@/domain/permissions";
import { decideAgentAccess, siretAllowed, type ProConnectRefusal } from "@/domain/proconnect-admission";
import { newAuditContext, recordAudit, type Tx } from "../db/audit";
import { lockAccounts } from "./accounts";
import { Refusal, type ActorContext } from "./context";

/** What ProConnect said of the agent (src/server/proconnect.ts maps its claims). */
export interface AgentIdentity {
  sub: string;
  email: string;
  givenName: string;
  usualName: string;
  siret: string | null;
  idpId: string | null;
}

export type Admission = { ok: true; userId: string } | { ok: false; reason: ProConnectRefusal };

const actorOf = (u: { id: string; organisationId: string; role: Actor["role"] }): Actor => ({ userId: u.id, organisationId: u.organisationId, role: u.role });

const accountSelect = {
  id: true,
  email: true,
  role: true,
  organisationId: true,
  active: true,
  deactivatedAt: true,
  proConnectSub: true,
  lastLoginAt: true,
  activatedAt: true,
  createdAt: true,
  organisation: { select: { siret: true, sirets: true } },
} as const;

/** The organisation a SIRET designates: its own SIRET or one ProConnect may present for it (one at most, by construction). */
async function organisationOfSiret(tx: Tx, siret: string | null) {
  if (!siret) return null;
  return tx.organisation.findFirst({ where: { OR: [{ siret }, { sirets: { has: siret } }] }, select: { id: true, acronym: true } });
}

/**
 * Lets a ProConnect agent in at `now`, or says why not. Idle accounts (`idleDays` without a sign-in) are
 * deactivated here, unless the account is the last active administrator. Writes the outcome to the audit trail.
 */
export async function admitProConnectAgent(ctx: { tx: Tx; now: Date }, input: { identity: AgentIdentity; idleDays: number }): Promise<Admission> {
  const { tx, now } = ctx;
  const { identity, idleDays } = input;
  await lockAccounts(tx);
  const byEmail = await tx.user.findUnique({ where: { email: identity.email }, select: accountSelect });
  const owner = await tx.user.findUnique({ where: { proConnectSub: identity.sub }, select: accountSelect });
  // The e-mail first; failing it, the account this ProConnect identity already holds (its e-mail changed since).
  const account = byEmail ?? owner;
  const trace = { method: "proconnect", email: identity.email, siret: identity.siret, idpId: identity.idpId };
  if (!account) return requestAccess(ctx, identity, trace);

  const status = accountStatus(account);
  const validInvitations = status === "INVITE" ? await tx.invitation.count({ where: { userId: account.id, usedAt: null, revokedAt: null, expiresAt: { gt: now } } }) : 0;
  const activeAdministrators = account.role === "ADMIN" ? await tx.user.count({ where: { role: "ADMIN", active: true } }) : 0;
  const idle = isIdle(account, now, idleDays) && lastAdministratorProblem({ role: account.role, status }, { kind: "deactivate" }, activeAdministrators) === null;
  const decision = decideAgentAccess({ ...account, status, invitationValid: validInvitations > 0, idle }, identity, owner?.id ?? null);
  const audit = newAuditContext(actorOf(account));

  if (!decision.ok) {
    if (decision.reason === "compte-inactif") {
      await tx.user.update({ where: { id: account.id }, data: { active: false, deactivatedAt: now } });
      await recordAudit(tx, newAuditContext(null), {
        kind: "user.deactivate.idle",
        entity: "user",
        entityId: account.id,
        before: { email: account.email, status, idleSince: idleSince(account) },
        after: { email: account.email, status: "DESACTIVE", idleDays },
      });
    }
    await recordAudit(tx, audit, { kind: "auth.login.failed", entity: "user", entityId: account.id, after: { ...trace, reason: decision.reason } });
    return { ok: false, reason: decision.reason };
  }
  if (decision.activates) {
    // The invitation is used up: every link of it still pending stops working.
    const { count } = await tx.invitation.updateMany({ where: { userId: account.id, usedAt: null, revokedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    await tx.user.update({ where: { id: account.id }, data: { proConnectSub: identity.sub, active: true, deactivatedAt: null, activatedAt: now, lastLoginAt: now } });
    await recordAudit(tx, audit, { kind: "user.invitation.accept", entity: "user", entityId: account.id, after: { status: "ACTIF", via: "proconnect", linksUsed: count, siret: identity.siret } });
  } else {
    await tx.user.update({ where: { id: account.id }, data: { proConnectSub: identity.sub, lastLoginAt: now } });
  }
  await recordAudit(tx, audit, { kind: "auth.login", entity: "user", entityId: account.id, after: trace });
  return { ok: true, userId: account.id };
}

/** An unknown agent: their request recorded (or, signing in again, brought up to date) unless it was refused. */
async function requestAccess(ctx: { tx: Tx; now: Date }, identity: AgentIdentity, trace: Record<string, unknown>): Promise<Admission> {
  const { tx, now } = ctx;
  const audit = newAuditContext(null);
  const existing = await tx.accessRequest.findUnique({ where: { proConnectSub: identity.sub } });
  if (existing && existing.status !== "EN_ATTENTE") {
    await recordAudit(tx, audit, { kind: "auth.login.failed", entity: "access_request", entityId: existing.id, after: { ...trace, reason: "acces-refuse" } });
    return { ok: false, reason: "acces-refuse" };
  }
  const organisation = await organisationOfSiret(tx, identity.siret);
  const claims = { email: identity.email, givenName: identity.givenName, usualName: identity.usualName, siret: identity.siret, idpId: identity.idpId, organisationId: organisation?.id ?? null };
  const request = existing
    ? await tx.accessRequest.update({ where: { id: existing.id }, data: { ...claims, lastSeenAt: now } })
    : await tx.accessRequest.create({ data: { ...claims, proConnectSub: identity.sub, createdAt: now, lastSeenAt: now } });
  await recordAudit(tx, audit, {
    kind: existing ? "access.request.renew" : "access.request",
    entity: "access_request",
    entityId: request.id,
    after: { email: identity.email, name: `${identity.givenName} ${identity.usualName}`.trim(), siret: identity.siret, organisation: organisation?.acronym ?? null },
  });
  return { ok: false, reason: "acces-demande" };
}

// ───────────────────────────── The administrator's decision ─────────────────────────────

export const decideAccessRequestInput = z.object({ requestId: uuidField });

export const acceptAccessRequestInput = decideAccessRequestInput.extend({
  organisationId: z.uuid({ error: "Choisissez l'organisation de l'agent." }),
  role: z.enum(ROLES, { error: "Choisissez un rôle : pilote FAST, intrapreneur, gestionnaire budgétaire ou administrateur." }),
});
export type AcceptAccessRequestInput = z.infer<typeof acceptAccessRequestInput>;

async function pendingRequest(tx: Tx, requestId: string) {
  const request = await tx.accessRequest.findUnique({ where: { id: requestId } });
  if (!request) throw new Refusal(failure("ACCESS_REQUEST_UNKNOWN"));
  if (request.status !== "EN_ATTENTE") throw new Refusal(failure("ACCESS_REQUEST_DECIDED", { status: request.status }));
  return request;
}

/**
 * Opens the agent's account, active and bound to their ProConnect identity, in the organisation and with the
 * role the administrator chose. The organisation must admit the agent's SIRET (or the next sign-in would be
 * refused); the e-mail and the identity must not have an account already.
 */
export async function acceptAccessRequest(ctx: ActorContext, input: AcceptAccessRequestInput): Promise<{ userId: string }> {
  const { tx, now, actor, audit } = ctx;
  await lockAccounts(tx);
  const request = await pendingRequest(tx, input.requestId);
  const organisation = await tx.organisation.findUnique({ where: { id: input.organisationId }, select: { id: true, acronym: true, siret: true, sirets: true } });
  if (!organisation) throw new Refusal(failure("ACCESS_REQUEST_ORGANISATION_UNKNOWN", undefined, "organisationId"));
  if (!siretAllowed([organisation.siret, ...organisation.sirets], request.siret)) {
    throw new Refusal(failure("ACCESS_REQUEST_FOREIGN_SIRET", { siret: request.siret, organisation: organisation.acronym }, "organisationId"));
  }
  if (await tx.user.findUnique({ where: { email: request.email }, select: { id: true } })) throw new Refusal(failure("ACCESS_REQUEST_EMAIL_TAKEN", { email: request.email }));
  if (await tx.user.findUnique({ where: { proConnectSub: request.proConnectSub }, select: { id: true } })) throw new Refusal(failure("ACCESS_REQUEST_IDENTITY_LINKED"));
  const fullName = `${request.givenName} ${request.usualName}`.trim() || request.email;
  const user = await tx.user.create({
    data: { email: request.email, fullName, role: input.role, organisationId: organisation.id, proConnectSub: request.proConnectSub, active: true, activatedAt: now, createdAt: now },
  });
  await tx.accessRequest.update({ where: { id: request.id }, data: { status: "ACCEPTEE", decidedAt: now, decidedById: actor.userId, userId: user.id } });
  await audit({
    kind: "access.accept",
    entity: "access_request",
    entityId: request.id,
    before: { status: "EN_ATTENTE" },
    after: { status: "ACCEPTEE", userId: user.id, email: user.email, fullName, role: input.role, organisation: organisation.acronym },
  });
  return { userId: user.id };
}

/** The agent's next ProConnect sign-in is refused with a French message; nothing else is recorded for them. */
export async function refuseAccessRequest(ctx: ActorContext, input: z.infer<typeof decideAccessRequestInput>): Promise<void> {
  const { tx, now, actor, audit } = ctx;
  await lockAccounts(tx);
  const request = await pendingRequest(tx, input.requestId);
  await tx.accessRequest.update({ where: { id: request.id }, data: { status: "REFUSEE", decidedAt: now, decidedById: actor.userId } });
  await audit({ kind: "access.refuse", entity: "access_request", entityId: request.id, before: { status: "EN_ATTENTE" }, after: { status: "REFUSEE", email: request.email } });
}
