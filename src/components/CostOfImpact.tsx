// The cost of impact at each investment committee (CP paid to date per unit of the lead metric and of each
// usage measure), as DSFR tables — the figures themselves, no chart — with the trend flagged when it worsens.
import { fr } from "@codegouvfr/react-dsfr";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { COST_TREND_LABELS, type CostSeries, type CostTrend } from "@/domain/impact-cost";
import { formatWithUnit } from "@/domain/indicators";
import { formatDate, formatEuros } from "./format";

const TREND_SEVERITY: Record<CostTrend, "success" | "info" | "error"> = { AMELIORATION: "success", STABLE: "info", DEGRADATION: "error" };

export function CostTrendBadge({ trend }: { trend: CostTrend | null }) {
  if (!trend) return <span>—</span>;
  return (
    <Badge as="span" small severity={TREND_SEVERITY[trend]}>
      {COST_TREND_LABELS[trend]}
    </Badge>
  );
}

/** "24,19 € par demande au comité du 12 septembre 2024 (se dégrade)" — the latest known cost of one series. */
export function latestCostText(series: CostSeries): string | null {
  const last = series.points.findLast((p) => p.costCents !== null);
  if (!last || last.costCents === null) return null;
  const trend = last.trend ? ` (${COST_TREND_LABELS[last.trend].toLowerCase()})` : "";
  return `${formatEuros(last.costCents)} par ${series.unit.replace(/s$/, "")} au comité du ${formatDate(last.heldOn)}${trend}`;
}

export function CostOfImpactTables({ series, headingLevel = "h3" }: { series: readonly CostSeries[]; headingLevel?: "h2" | "h3" }) {
  const Heading = headingLevel;
  if (series.length === 0) {
    return (
      <p>
        Aucune métrique à rapporter aux crédits : fixez l&apos;ambition de lancement (métrique phare) ou marquez un indicateur comme mesure
        d&apos;usage.
      </p>
    );
  }
  return (
    <>
      {series.map((s) => (
        <section key={s.indicatorId} aria-labelledby={`cout-${s.indicatorId}`}>
          <Heading id={`cout-${s.indicatorId}`} className={fr.cx("fr-h6")}>
            Coût par unité : {s.name} {s.lead ? "(métrique phare)" : "(mesure d'usage)"}{" "}
            {s.worsened && (
              <Badge as="span" small severity="error">
                Se dégrade au dernier comité
              </Badge>
            )}
          </Heading>
          <Table
            caption={`Coût de l'impact : CP payés à la date de chaque comité, rapportés à « ${s.name} »`}
            headers={["Comité", "CP payés à date", `Résultat (${s.unit})`, "Coût par unité", "Évolution"]}
            data={s.points.map((p) => [
              formatDate(p.heldOn),
              <span key="cp" style={{ whiteSpace: "nowrap" }}>{formatEuros(p.cpPaidCents)}</span>,
              formatWithUnit(p.result, s.unit),
              p.costCents === null ? "Non calculable (pas de résultat positif)" : <span key="c" style={{ whiteSpace: "nowrap" }}>{formatEuros(p.costCents)}</span>,
              <CostTrendBadge key="t" trend={p.trend} />,
            ])}
          />
        </section>
      ))}
      <p className={fr.cx("fr-text--sm")}>
        CP payés à date : somme des paiements enregistrés dans les dépenses jusqu&apos;au jour du comité inclus (annulations
        déduites). Coût par unité = CP payés ÷ résultat, arrondi au centime le plus proche (un demi-centime arrondi au-dessus) ;
        l&apos;évolution compare les rapports exacts, non les montants arrondis. Le ratio doit baisser d&apos;un comité à l&apos;autre.
      </p>
    </>
  );
}
