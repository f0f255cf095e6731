// French labels of the domain's codes, in one place for every screen.
import type { PartyRole, Role } from "@/domain/permissions";

export const ROLE_LABELS: Record<Role, string> = {
  PILOTE_FAST: "Pilote FAST (DINUM)",
  INTRAPRENEUR: "Intrapreneur",
  GESTIONNAIRE: "Gestionnaire budgétaire",
  ADMIN: "Administrateur",
};

export const PARTY_LABELS: Record<PartyRole, string> = {
  DELEGANT: "Délégant",
  PARTENAIRE: "Partenaire",
  DELEGATAIRE: "Délégataire",
};

/** What an organisation of the directory is in FAST conventions. */
export const ORGANISATION_KIND_LABELS: Record<PartyRole, string> = {
  DELEGANT: "Délégant",
  PARTENAIRE: "Administration partenaire",
  DELEGATAIRE: "Délégataire",
};
