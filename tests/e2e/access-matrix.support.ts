// Expectations of the access-matrix spec, from the same permission table the server uses.
import type { Access } from "../../src/domain/access-matrix";
import { can, type Actor, type ConventionParties, type PartyRole } from "../../src/domain/permissions";

export interface Target {
  id: string;
  name: string;
}

/** The demo accounts, with what the matrix needs to know of them (role, organisation by party). */
export const ACCESS_ROLES: { label: string; email: string | null; role: Actor["role"] | null; parties: Record<"France Chaleur Urbaine" | "Signalement Démo (fictive)", PartyRole | null> }[] = [
  { label: "anonyme", email: null, role: null, parties: { "France Chaleur Urbaine": null, "Signalement Démo (fictive)": null } },
  { label: "pilote DINUM", email: "pilote@dinum.example.fr", role: "PILOTE_FAST", parties: { "France Chaleur Urbaine": "DELEGANT", "Signalement Démo (fictive)": "DELEGANT" } },
  { label: "intrapreneur DRIEAT", email: "intrapreneur@drieat.example.fr", role: "INTRAPRENEUR", parties: { "France Chaleur Urbaine": "PARTENAIRE", "Signalement Démo (fictive)": null } },
  { label: "gestionnaire DNUM", email: "gestionnaire@dnum-mte.example.fr", role: "GESTIONNAIRE", parties: { "France Chaleur Urbaine": "DELEGATAIRE", "Signalement Démo (fictive)": null } },
  { label: "intrapreneur DDT démo", email: "intrapreneur@ddt-demo.example.fr", role: "INTRAPRENEUR", parties: { "France Chaleur Urbaine": null, "Signalement Démo (fictive)": "PARTENAIRE" } },
  { label: "gestionnaire SG démo", email: "gestionnaire@sg-demo.example.fr", role: "GESTIONNAIRE", parties: { "France Chaleur Urbaine": null, "Signalement Démo (fictive)": "DELEGATAIRE" } },
  { label: "administrateur", email: "admin@suivi-fast.example.fr", role: "ADMIN", parties: { "France Chaleur Urbaine": null, "Signalement Démo (fictive)": null } },
];

/** A random id: allowed users get 404 (unknown), refused ones 403 (checked before the lookup). */
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

export function fill(path: string, convention: Target): string {
  return path
    .replace("[id]", convention.id)
    .replace(/\[(trancheId|ejId|organisationId|userId|avenantId|copyId|committeeId|promotionId)\]/, UNKNOWN)
    .replace("[slug]", "france-chaleur-urbaine")
    .replace("[token]", "lien-inconnu");
}

/** Parties as the permission predicate sees them: each role's organisation stands for its party. */
function partiesFor(role: (typeof ACCESS_ROLES)[number], name: Target["name"]): { actor: Actor; parties: ConventionParties } {
  const mine = role.parties[name as keyof typeof role.parties];
  const parties: ConventionParties = { DELEGANT: "org-delegant", PARTENAIRE: "org-partenaire", DELEGATAIRE: "org-delegataire" };
  const organisationId = mine ? parties[mine] : "org-autre";
  return { actor: { userId: "u", organisationId, role: role.role! }, parties };
}

export function expectedStatus(access: Access, role: (typeof ACCESS_ROLES)[number], convention: Target, path: string, isPage: boolean): number[] | "redirect-to-login" {
  if (access.kind === "public") return [200, 307, 308];
  if (!role.role) return isPage ? "redirect-to-login" : [401];
  const { actor, parties } = partiesFor(role, convention.name);
  const allowed = access.kind === "global" ? can(actor, access.action) : can(actor, access.action, parties);
  if (!allowed) return [403];
  // The walk posts a body that is not a PDF: the signed copy's upload refuses it with its code (422).
  if (path.endsWith("/copie-signee")) return [422];
  return /\[(trancheId|ejId|organisationId|userId|avenantId|copyId|committeeId|promotionId)\]/.test(path) ? [404] : [200];
}
