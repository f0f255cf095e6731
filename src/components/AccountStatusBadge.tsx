import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { ACCOUNT_STATUS_LABELS, type AccountStatus } from "@/domain/accounts";

const SEVERITY: Record<AccountStatus, "success" | "info" | "error"> = { ACTIF: "success", INVITE: "info", DESACTIVE: "error" };

export function AccountStatusBadge({ status }: { status: AccountStatus }) {
  return (
    <Badge as="span" severity={SEVERITY[status]} small>
      {ACCOUNT_STATUS_LABELS[status]}
    </Badge>
  );
}
