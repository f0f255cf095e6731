import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { STATE_LABELS, type ConventionState } from "@/domain/convention-state";

const SEVERITY: Record<ConventionState, "success" | "info" | "warning" | "error" | "new" | undefined> = {
  BROUILLON: undefined,
  EN_VIGUEUR: "success",
  SUSPENDUE: "warning",
  RESILIEE: "error",
  EXPIREE: "info",
  CLOTUREE: "new",
};

export function StateBadge({ state }: { state: ConventionState }) {
  return (
    <Badge as="span" severity={SEVERITY[state]} small noIcon={SEVERITY[state] === undefined}>
      {STATE_LABELS[state]}
    </Badge>
  );
}
