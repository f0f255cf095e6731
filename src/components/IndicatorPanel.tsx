// One impact indicator: its definition, its chart over the committees (result against the objective set six
// months earlier, and the objective ahead) and, for accessibility and exactness, the same values as a table.
// Shared by the convention's committees page and the startup's public dashboard.
import { fr } from "@codegouvfr/react-dsfr";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { addMonths, formatDate, type IsoDate } from "@/domain/dates";
import {
  IMPACT_LEVEL_LABELS,
  describeComparison,
  formatWithUnit,
  scaledToNumber,
  type ImpactLevel,
  type ObjectiveStatus,
  type SeriesRow,
} from "@/domain/indicators";
import { IndicatorChart } from "./IndicatorChart";

const SEVERITY: Record<ObjectiveStatus, "success" | "warning" | "error"> = {
  ATTEINT: "success",
  PARTIELLEMENT_ATTEINT: "warning",
  NON_ATTEINT: "error",
};

export function ComparisonBadge({ row }: { row: SeriesRow }) {
  if (!row.comparison) return <span className={fr.cx("fr-text--sm")}>{row.result === null ? "Résultat non renseigné" : "Pas d'objectif fixé au comité précédent"}</span>;
  return (
    <Badge as="span" small severity={SEVERITY[row.comparison.status]}>
      {describeComparison(row.comparison)}
    </Badge>
  );
}

/** dd/mm/yyyy: short labels under the chart's axis. */
const short = (iso: IsoDate) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export interface IndicatorPanelProps {
  headingLevel: "h2" | "h3" | "h4";
  name: string;
  unit: string;
  definition: string;
  impactLevel: ImpactLevel;
  /** Shown on the parties' page only: the public page lists public indicators alone. */
  visibility?: "public" | "prive";
  series: SeriesRow[];
}

export function IndicatorPanel({ headingLevel: Heading, name, unit, definition, impactLevel, visibility, series }: IndicatorPanelProps) {
  const rows = series.filter((r) => r.result !== null || r.objective !== null);
  const last = rows.at(-1);
  const ahead = last?.objective != null ? { on: addMonths(last.heldOn, 6), value: last.objective } : null;
  const labels = [...rows.map((r) => short(r.heldOn)), ...(ahead ? [short(ahead.on)] : [])];
  const numbers = (values: (bigint | null)[]) => values.map((v) => (v === null ? null : scaledToNumber(v)));
  const chartSeries = [
    { name: "Résultat", values: numbers([...rows.map((r) => r.result), ...(ahead ? [null] : [])]) },
    { name: "Objectif fixé six mois plus tôt", values: numbers([...rows.map((r) => r.previousObjective), ...(ahead ? [ahead.value] : [])]) },
  ];
  const lastResult = [...rows].reverse().find((r) => r.result !== null);
  const summary = lastResult
    ? `dernier résultat ${formatWithUnit(lastResult.result, unit)} au comité du ${formatDate(lastResult.heldOn)}${lastResult.comparison ? ` (${describeComparison(lastResult.comparison)} de l'objectif)` : ""}`
    : "aucun résultat enregistré";
  return (
    <section className={fr.cx("fr-mb-6w")} aria-label={`Indicateur : ${name}`}>
      <Heading className={fr.cx("fr-mb-1w")}>{name}</Heading>
      <p className={fr.cx("fr-mb-1w")}>
        <Badge as="span" small noIcon>
          {IMPACT_LEVEL_LABELS[impactLevel]}
        </Badge>{" "}
        {visibility && (
          <Badge as="span" small noIcon severity={visibility === "public" ? "info" : undefined}>
            {visibility === "public" ? "Public" : "Réservé aux parties"}
          </Badge>
        )}{" "}
        <span className={fr.cx("fr-text--sm")}>Unité : {unit}</span>
      </p>
      <p className={fr.cx("fr-text--sm")}>{definition}</p>
      {rows.length === 0 ? (
        <p>Aucune valeur enregistrée pour le moment.</p>
      ) : (
        <>
          <IndicatorChart
            labels={labels}
            series={chartSeries}
            unit={unit}
            description={`Graphique de l'indicateur « ${name} » (${unit}) : résultat à chaque comité et objectif fixé six mois plus tôt ; ${summary}. Les valeurs sont détaillées dans le tableau qui suit.`}
          />
          <Table
            caption={`${name} : résultats et objectifs à chaque comité (${unit})`}
            headers={["Comité du", "Résultat", "Objectif fixé au comité précédent", "Lecture", "Objectif à six mois"]}
            data={rows.map((r) => [
              formatDate(r.heldOn),
              formatWithUnit(r.result, unit),
              formatWithUnit(r.previousObjective, unit),
              <ComparisonBadge key="c" row={r} />,
              r.objective === null ? "—" : `${formatWithUnit(r.objective, unit)} au ${formatDate(addMonths(r.heldOn, 6))}`,
            ])}
          />
        </>
      )}
    </section>
  );
}
