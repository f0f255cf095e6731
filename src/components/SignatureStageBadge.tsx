import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { SIGNATURE_STAGE_LABELS, type SignatureStage } from "@/domain/convention-drafts";

const SEVERITY: Record<SignatureStage, "info" | "success" | undefined> = { BROUILLON: undefined, EN_SIGNATURE: "info", SIGNEE: "success" };

/** Where a convention stands in its drafting: brouillon, en signature, signée. */
export function SignatureStageBadge({ stage }: { stage: SignatureStage }) {
  return (
    <Badge as="span" small severity={SEVERITY[stage]} noIcon={SEVERITY[stage] === undefined}>
      {SIGNATURE_STAGE_LABELS[stage]}
    </Badge>
  );
}
