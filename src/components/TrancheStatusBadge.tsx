import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { TRANCHE_STATUS_LABELS, type TrancheStatus } from "@/domain/tranches";

const SEVERITY: Record<TrancheStatus, "success" | "info" | "warning" | "error" | "new" | undefined> = {
  A_VENIR: undefined,
  DEBLOQUABLE: "new",
  DEBLOQUEE: "success",
  BLOQUEE: "error",
  EN_RETARD: "warning",
  SUSPENDUE: "warning",
  CADUQUE: "info",
  SANS_OBJET: undefined,
};

export function TrancheStatusBadge({ status }: { status: TrancheStatus }) {
  return (
    <Badge as="span" severity={SEVERITY[status]} small noIcon={SEVERITY[status] === undefined}>
      {TRANCHE_STATUS_LABELS[status]}
    </Badge>
  );
}
