"use client";
// The rows of the portfolio table, rendered from plain strings the page has already formatted. A client
// component for the weight of the page, not for interactivity: its 50 rows travel in the RSC payload as this
// compact data (~20 kB) instead of their element tree (~150 kB), which the server otherwise builds, serializes
// and parses again to render the HTML (measured on /pilotage: the payload was 2.2 times the table's HTML).
// The HTML is the same server-rendered table; nothing here runs a rule.
import { Badge } from "@codegouvfr/react-dsfr/Badge";

type Severity = "success" | "info" | "warning" | "error" | "new";

/** A line of the table, every word and amount already written by the server. */
export interface PortfolioRowView {
  id: string;
  startupName: string;
  reference: string;
  partner: string;
  state: { label: string; severity: Severity | null };
  /** "fin le 31/12/2026". */
  endsOn: string;
  /** AE above CP in each of the four amount columns: allocated, made available, engaged/paid, left. */
  credits: readonly (readonly [ae: string, cp: string])[];
  alerts: {
    /** "2 tranches à débloquer" and their names, or null. */
    releasable: { label: string; names: string } | null;
    reviewLate: boolean;
    /** Badges that lead where the point is dealt with. */
    links: readonly { key: string; href: string; severity: "error" | "warning"; label: string }[];
    /** "Fin sous 60 jours", or null. */
    endingSoon: string | null;
  };
}

/**
 * AE above CP, each labelled, in one cell of an amount column (the cell keeps each line whole): the rows'
 * cells, and the totals' (strong) in the page's footer.
 */
export function Credits({ ae, cp, strong = false }: { ae: string; cp: string; strong?: boolean }) {
  const amount = (text: string) => (strong ? <strong>{` ${text}`}</strong> : ` ${text}`);
  return (
    <>
      <span className="suivi-mention">AE</span>
      {amount(ae)}
      <br />
      <span className="suivi-mention">CP</span>
      {amount(cp)}
    </>
  );
}

function Alerts({ row }: { row: PortfolioRowView }) {
  const { releasable, reviewLate, links, endingSoon } = row.alerts;
  if (!releasable && !reviewLate && links.length === 0 && !endingSoon) return <span className="fr-text--sm">Aucun</span>;
  return (
    <ul className="fr-raw-list suivi-stack">
      {releasable && (
        <li>
          <Badge as="span" severity="new" small className="suivi-nowrap">
            {releasable.label}
          </Badge>
          <span className="fr-text--xs suivi-block">{releasable.names}</span>
        </li>
      )}
      {reviewLate && (
        <li>
          <Badge as="span" severity="warning" small className="suivi-nowrap">
            Bilan en retard
          </Badge>
        </li>
      )}
      {links.map((l) => (
        <li key={l.key}>
          {/* The startup's name tells the links apart for screen readers. */}
          <a href={l.href} className="fr-link fr-link--sm suivi-nowrap">
            <Badge as="span" severity={l.severity} small>
              {l.label}
            </Badge>
            <span className="fr-sr-only">{` de ${row.startupName}`}</span>
          </a>
        </li>
      ))}
      {endingSoon && (
        <li>
          <Badge as="span" severity="info" small className="suivi-nowrap">
            {endingSoon}
          </Badge>
        </li>
      )}
    </ul>
  );
}

export function PortfolioRows({ rows }: { rows: readonly PortfolioRowView[] }) {
  return (
    <tbody>
      {rows.map((r) => (
        <tr key={r.id}>
          <th scope="row" className="fr-cell--fixed suivi-portfolio-convention">
            <a href={`/conventions/${r.id}`}>{r.startupName}</a>
            <span className="fr-text--sm suivi-block" data-testid="reference">
              {r.reference}
            </span>
            <a href={`/conventions/${r.id}/tranches`} className="fr-link fr-link--sm">
              Tranches et crédits<span className="fr-sr-only">{` de ${r.startupName}`}</span>
            </a>
          </th>
          <td>{r.partner}</td>
          <td>
            <span className="suivi-line">
              <Badge as="span" severity={r.state.severity ?? undefined} small noIcon={r.state.severity === null}>
                {r.state.label}
              </Badge>
            </span>
            <span className="fr-text--sm suivi-block">{r.endsOn}</span>
          </td>
          {r.credits.map(([ae, cp], i) => (
            <td key={i} className="fr-cell--right suivi-nowrap">
              <Credits ae={ae} cp={cp} />
            </td>
          ))}
          <td className="suivi-portfolio-alerts">
            <Alerts row={r} />
          </td>
        </tr>
      ))}
    </tbody>
  );
}
