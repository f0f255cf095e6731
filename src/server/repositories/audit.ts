import "server-only";
// Reads of the audit trail of one convention (the caller has checked access).
import { db } from "../db";
import type { PartyRole } from "@/domain/permissions";

export interface AuditFilters {
  party?: PartyRole;
  /** Family of kinds: the part before the first dot ("tranche", "review", "expenditure"…). */
  family?: string;
}

export async function listConventionAudit(conventionId: string, filters: AuditFilters, limit = 200) {
  const parties = await db().conventionParty.findMany({ where: { conventionId }, select: { role: true, organisationId: true } });
  const partyOf = new Map(parties.map((p) => [p.organisationId, p.role]));
  const partyOrg = filters.party ? parties.find((p) => p.role === filters.party)?.organisationId : undefined;
  const rows = await db().auditEntry.findMany({
    where: {
      conventionId,
      ...(filters.party ? { organisationId: partyOrg ?? "00000000-0000-0000-0000-000000000000" } : {}),
      ...(filters.family ? { kind: { startsWith: `${filters.family}.` } } : {}),
    },
    orderBy: { id: "desc" },
    take: limit,
    include: { user: { select: { fullName: true, organisation: { select: { acronym: true } } } } },
  });
  const families = await db().auditEntry.findMany({ where: { conventionId }, distinct: ["kind"], select: { kind: true } });
  return {
    entries: rows.map((r) => ({
      id: r.id.toString(),
      actionId: r.actionId,
      at: r.at,
      kind: r.kind,
      author: r.user ? `${r.user.fullName} (${r.user.organisation.acronym})` : "Système",
      authorName: r.user?.fullName ?? null,
      party: r.organisationId ? (partyOf.get(r.organisationId) ?? null) : null,
      before: r.before,
      after: r.after,
    })),
    families: [...new Set(families.map((f) => f.kind.split(".")[0]!))].sort(),
  };
}
