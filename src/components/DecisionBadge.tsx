import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { COMMITTEE_DECISION_LABELS, type CommitteeDecision } from "@/domain/committee-decisions";

const SEVERITY: Record<CommitteeDecision, "success" | "info" | "warning" | "error" | "new"> = {
  POURSUITE: "success",
  POURSUITE_SOUS_CONDITIONS: "warning",
  PIVOT: "info",
  ARRET: "error",
};

/** A committee's decision; a committee recorded before decisions were data has its text only. */
export function DecisionBadge({ kind }: { kind: CommitteeDecision | null }) {
  if (!kind) {
    return (
      <Badge as="span" small noIcon>
        Non qualifiée (texte seul)
      </Badge>
    );
  }
  return (
    <Badge as="span" small severity={SEVERITY[kind]}>
      {COMMITTEE_DECISION_LABELS[kind]}
    </Badge>
  );
}
