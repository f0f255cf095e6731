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

/** The badge's words and colour for a state (for a client component that gets them already chosen). */
export function stateBadge(state: ConventionState): { label: string; severity: NonNullable<(typeof SEVERITY)[ConventionState]> | null } {
  return { label: STATE_LABELS[state], severity: SEVERITY[state] ?? null };
}

export function StateBadge({ state }: { state: ConventionState }) {
  const { label, severity } = stateBadge(state);
  return (
    <Badge as="span" severity={severity ?? undefined} small noIcon={severity === null}>
      {label}
    </Badge>
  );
}
