import "server-only";
// Authorisation in one place: who is asking (from the session, re-read from the database so a disabled
// account or a changed role takes effect at once), and whether the permission table lets them.
import { cache } from "react";
import { z } from "zod";
import { auth } from "./auth";
import { db } from "./db";
import { Prisma } from "@/generated/prisma/client";
import { can, type Actor, type ConventionAction, type ConventionParties, type GlobalAction, type Role } from "@/domain/permissions";

// cache(): a page and its layout ask in the same render; they share one lookup (none outside a render).
export const currentActor = cache(async function currentActor(): Promise<Actor | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id || !z.uuid().safeParse(id).success) return null;
  const user = await db().user.findUnique({ where: { id }, select: { id: true, active: true, organisationId: true, role: true } });
  if (!user || !user.active) return null;
  return { userId: user.id, organisationId: user.organisationId, role: user.role };
});

/** The conventions an actor may see: those where their organisation is a party (administrators: all). */
export function visibleConventionsWhere(actor: Actor): Prisma.ConventionWhereInput {
  return actor.role === "ADMIN" ? {} : { parties: { some: { organisationId: actor.organisationId } } };
}

/**
 * The same rule as a SQL condition on the convention table aliased `c`, for the portfolio's one raw read (a
 * thousand rows mapped by Prisma cost more than the page's render; issue 18). authz.test.ts checks that both
 * forms select the same conventions for every role.
 */
export function visibleConventionsSql(actor: Actor): Prisma.Sql {
  return actor.role === "ADMIN"
    ? Prisma.sql`TRUE`
    : Prisma.sql`EXISTS (SELECT 1 FROM convention_party vp WHERE vp.convention_id = c.id AND vp.organisation_id = ${actor.organisationId}::uuid)`;
}

export type AccessDenied = { ok: false; status: 401 | 403 | 404 };
export type ConventionAccess = { ok: true; actor: Actor; conventionId: string; parties: ConventionParties };

export function checkGlobal(actor: Actor | null, action: GlobalAction): { ok: true; actor: Actor } | AccessDenied {
  if (!actor) return { ok: false, status: 401 };
  return can(actor, action) ? { ok: true, actor } : { ok: false, status: 403 };
}

/** Checks an action on a convention given an untrusted id (a malformed id is simply "not found"). */
export async function checkConvention(actor: Actor | null, action: ConventionAction, rawId: unknown): Promise<ConventionAccess | AccessDenied> {
  if (!actor) return { ok: false, status: 401 };
  const id = z.uuid().safeParse(rawId);
  if (!id.success) return { ok: false, status: 404 };
  return decide(actor, action, id.data, await partiesOf(id.data));
}

/**
 * The same check for the signed-in user of the request (a page of a convention and its layout): who asks and
 * the convention's parties are read in one query, shared by the layout and the page within the render.
 * Answers exactly as checkConvention(await currentActor(), action, rawId) does.
 */
export async function checkSessionConvention(action: ConventionAction, rawId: unknown): Promise<ConventionAccess | AccessDenied> {
  const userId = (await auth())?.user?.id;
  const id = z.uuid().safeParse(rawId);
  if (!userId || !z.uuid().safeParse(userId).success || !id.success) return checkConvention(await currentActor(), action, rawId);
  const row = await actorAndParties(userId, id.data);
  if (!row || !row.active) return { ok: false, status: 401 };
  return decide({ userId: row.id, organisationId: row.organisationId, role: row.role }, action, id.data, row.parties);
}

function decide(actor: Actor, action: ConventionAction, conventionId: string, rows: readonly { role: string; organisationId: string }[]): ConventionAccess | AccessDenied {
  if (rows.length === 0) return { ok: false, status: 404 };
  const parties = Object.fromEntries(rows.map((r) => [r.role, r.organisationId])) as ConventionParties;
  if (!can(actor, action, parties)) return { ok: false, status: 403 };
  return { ok: true, actor, conventionId, parties };
}

const partiesOf = cache((conventionId: string) => db().conventionParty.findMany({ where: { conventionId }, select: { role: true, organisationId: true } }));

/** The user (as currentActor reads it) and the convention's parties, in one round trip, once per render. */
const actorAndParties = cache(async (userId: string, conventionId: string) => {
  const rows = await db().$queryRaw<{ id: string; active: boolean; organisationId: string; role: Role; parties: { role: string; organisationId: string }[] }[]>`
    SELECT u.id::text AS id, u.active, u.organisation_id::text AS "organisationId", u.role::text AS role,
      COALESCE((SELECT json_agg(json_build_object('role', p.role, 'organisationId', p.organisation_id)) FROM convention_party p WHERE p.convention_id = ${conventionId}::uuid), '[]'::json) AS parties
    FROM app_user u WHERE u.id = ${userId}::uuid`;
  return rows[0] ?? null;
});
