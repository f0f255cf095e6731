import type { Metadata } from "next";
import type { ReactNode } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { Select } from "@codegouvfr/react-dsfr/SelectNext";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { requirePageActor } from "@/server/page-guards";
import { loadPortfolioRows } from "@/server/repositories/portfolio";
import { isRunning, STATE_LABELS } from "@/domain/convention-state";
import { clock } from "@/server/clock";
import {
  DEFAULT_PARAMS,
  ENDING_SOON_DAYS,
  PAGE_SIZE,
  PARAM_NAMES,
  SORT_COLUMNS,
  STATE_ORDER,
  parsePortfolioParams,
  portfolioOf,
  portfolioQuery,
  type PortfolioParams,
  type PortfolioRow,
  type SortColumn,
} from "@/domain/portfolio";
import { formatDate, formatEuros } from "@/components/format";
import { stateBadge } from "@/components/StateBadge";
import { Credits, PortfolioRows, type PortfolioRowView } from "./PortfolioRows";

export const metadata: Metadata = { title: "Pilotage du portefeuille" };
export const dynamic = "force-dynamic";

const TABLE_ID = "tableau-portefeuille";

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

const ORDER_WORDS = { asc: "croissant", desc: "décroissant" } as const;

/** A link that sorts the table by a column: ascending first, then the other way. */
function SortLink({ column, params, children, srLabel, nowrap = false }: { column: SortColumn; params: PortfolioParams; children: ReactNode; srLabel: string; nowrap?: boolean }) {
  const sorted = params.sort === column;
  const next = sorted && params.order === "asc" ? "desc" : "asc";
  const href = `/pilotage${portfolioQuery(params, { sort: column, order: next, page: 1 })}#${TABLE_ID}`;
  const icon = sorted ? (params.order === "asc" ? "fr-icon-arrow-up-line" : "fr-icon-arrow-down-line") : "fr-icon-arrow-up-down-line";
  return (
    // A plain link (a full page load, as the filter form's): no client component per header link.
    <a href={href} className={`fr-link fr-link--sm fr-link--icon-right ${icon}${nowrap ? " suivi-nowrap" : ""}`}>
      <span aria-hidden="true">{children}</span>
      <span className={fr.cx("fr-sr-only")}>
        {srLabel}
        {sorted ? ` (trié par ordre ${ORDER_WORDS[params.order]} ; trier par ordre ${ORDER_WORDS[next]})` : ` (trier par ordre ${ORDER_WORDS[next]})`}
      </span>
    </a>
  );
}

/**
 * A column header: its label is the sort link, or, for the amount columns, the label sits above one sort
 * link per credit type (AE, CP). aria-sort goes on the header of the sorted column.
 */
function SortHeader({ params, label, columns, fixed = false, alignStart = fixed }: { params: PortfolioParams; label: string; columns: { column: SortColumn; short?: string }[]; fixed?: boolean; alignStart?: boolean }) {
  const sorted = columns.some((c) => c.column === params.sort);
  const ariaSort = sorted ? (params.order === "asc" ? "ascending" : "descending") : undefined;
  return (
    <th scope="col" className={fixed ? fr.cx("fr-cell--fixed") : undefined} aria-sort={ariaSort} style={{ verticalAlign: "bottom", minWidth: columns.length > 1 && !fixed ? "7.5rem" : undefined }}>
      {columns.length === 1 && !columns[0]!.short ? (
        <SortLink column={columns[0]!.column} params={params} srLabel={label} nowrap>
          {label}
        </SortLink>
      ) : (
        <>
          <span style={{ display: "block" }}>{label}</span>
          <span style={{ display: "flex", flexWrap: "wrap", columnGap: "0.5rem", justifyContent: alignStart ? "flex-start" : "flex-end" }}>
            {columns.map((c) => (
              <SortLink key={c.column} column={c.column} params={params} srLabel={SORT_COLUMNS[c.column].label} nowrap>
                {c.short}
              </SortLink>
            ))}
          </span>
        </>
      )}
    </th>
  );
}

function Amount({ cents }: { cents: bigint }) {
  return <span className="suivi-nowrap">{formatEuros(cents)}</span>;
}

/** A line of the table as the client component shows it: every word and amount written here. */
function rowView(r: PortfolioRow): PortfolioRowView {
  const links: PortfolioRowView["alerts"]["links"][number][] = [];
  if (r.lateObligations > 0) links.push({ key: "o", href: `/conventions/${r.id}/obligations`, severity: "error", label: plural(r.lateObligations, "obligation en retard", "obligations en retard") });
  if (r.pendingNotices > 0) links.push({ key: "n", href: `/conventions/${r.id}/vie`, severity: "warning", label: plural(r.pendingNotices, "avis sans réponse", "avis sans réponse") });
  if (r.arretDecidedOn) links.push({ key: "arret", href: `/conventions/${r.id}/tranches`, severity: "error", label: `Arrêt décidé le ${formatDate(r.arretDecidedOn)}` });
  if (r.costWorsened) links.push({ key: "cout", href: `/conventions/${r.id}/comites`, severity: "warning", label: "Coût de l'impact en hausse" });
  return {
    id: r.id,
    startupName: r.startupName,
    reference: r.reference,
    partner: r.partner,
    state: stateBadge(r.state),
    endsOn: `fin le ${formatDate(r.endsOn)}`,
    credits: [
      [formatEuros(r.ae.allocated), formatEuros(r.cp.allocated)],
      [formatEuros(r.ae.madeAvailable), formatEuros(r.cp.madeAvailable)],
      [formatEuros(r.ae.engaged), formatEuros(r.cp.paid)],
      [formatEuros(r.ae.leftToEngage), formatEuros(r.cp.leftToPay)],
    ],
    alerts: {
      releasable: r.releasable.length > 0 ? { label: plural(r.releasable.length, "tranche à débloquer", "tranches à débloquer"), names: r.releasable.join(", ") } : null,
      reviewLate: r.reviewLate,
      links,
      endingSoon: r.endingSoon ? `Fin sous ${ENDING_SOON_DAYS} jours` : null,
    },
  };
}

function KeyFigure({ value, label, detail }: { value: string; label: string; detail?: string }) {
  return (
    <div className={fr.cx("fr-col-6", "fr-col-lg-4")}>
      <div className={fr.cx("fr-p-3w")} style={{ border: "1px solid var(--border-default-grey)", height: "100%" }}>
        <p className={fr.cx("fr-h3", "fr-mb-1v")}>{value}</p>
        <p className={fr.cx("fr-mb-0")}>{label}</p>
        {detail && <p className={fr.cx("fr-text--sm", "fr-mb-0", "fr-mt-1v")}>{detail}</p>}
      </div>
    </div>
  );
}

export default async function PilotagePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = parsePortfolioParams(await searchParams);
  const query = portfolioQuery(params);
  const actor = await requirePageActor("portfolio.read", `/pilotage${query}`);
  const today = clock.today();
  const { rows, totals, all, pageRows, page, pageCount } = portfolioOf(await loadPortfolioRows(actor, today), params);
  const filtered = params.q !== "" || params.state !== null || params.toRelease || params.reviewLate || params.endingSoon || params.lateObligations || params.pendingNotices;
  const running = rows.filter((r) => isRunning(r.state)).length;

  return (
    <>
      <h1>Pilotage du portefeuille</h1>
      <p>
        Toutes les conventions du FAST au {formatDate(today)} : leur état, leurs crédits et les points qui demandent
        l&apos;attention de la DINUM. Les montants sont exacts, au centime, toutes années confondues.
      </p>

      <h2>Chiffres clés {filtered ? "des conventions affichées" : "du portefeuille"}</h2>
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters", "fr-mb-3w")}>
        <KeyFigure
          value={String(totals.conventions)}
          label={filtered ? `convention${totals.conventions > 1 ? "s" : ""} affichée${totals.conventions > 1 ? "s" : ""} sur ${all}` : `convention${totals.conventions > 1 ? "s" : ""}`}
          detail={`dont ${running} en vigueur ou suspendue${running > 1 ? "s" : ""}`}
        />
        <KeyFigure
          value={String(totals.releasableTranches)}
          label={`tranche${totals.releasableTranches > 1 ? "s" : ""} à débloquer`}
          detail={totals.releasableTranches > 0 ? `dans ${plural(totals.conventionsToRelease, "convention", "conventions")}` : "Aucune en attente de la DINUM"}
        />
        <KeyFigure value={String(totals.reviewsLate)} label={`bilan${totals.reviewsLate > 1 ? "s" : ""} de mi-parcours en retard`} />
        <KeyFigure value={String(totals.endingSoon)} label={`convention${totals.endingSoon > 1 ? "s" : ""} finissant sous ${ENDING_SOON_DAYS} jours`} />
        <KeyFigure
          value={String(totals.lateObligations)}
          label={`obligation${totals.lateObligations > 1 ? "s" : ""} en retard`}
          detail={totals.lateObligations > 0 ? `dans ${plural(totals.conventionsWithLateObligations, "convention", "conventions")}` : "Toutes à jour"}
        />
        <KeyFigure value={String(totals.pendingNotices)} label={`avis de délégataire sans réponse`} detail="Crédits insuffisants ou non consommés" />
      </div>

      <Table
        caption={`Totaux des crédits ${filtered ? "des conventions affichées" : "du portefeuille"}`}
        headers={["Crédits", "Dotation", "Mis à disposition", "Consommé (engagé ou payé)", "Reste (à engager ou à payer)"]}
        data={[
          [
            "Autorisations d'engagement (AE)",
            <Amount key="a" cents={totals.ae.allocated} />,
            <Amount key="m" cents={totals.ae.madeAvailable} />,
            <Amount key="e" cents={totals.ae.engaged} />,
            <Amount key="r" cents={totals.ae.leftToEngage} />,
          ],
          [
            "Crédits de paiement (CP)",
            <Amount key="a" cents={totals.cp.allocated} />,
            <Amount key="m" cents={totals.cp.madeAvailable} />,
            <Amount key="p" cents={totals.cp.paid} />,
            <Amount key="r" cents={totals.cp.leftToPay} />,
          ],
        ]}
      />

      <h2>Conventions</h2>
      {/* key: a client-side navigation (sort, "Effacer les filtres") re-renders the form; a new key remounts it,
          so its fields show the new params (defaultValue/defaultChecked only apply on mount). */}
      <form key={query} method="get" action="/pilotage" role="search" aria-label="Filtrer les conventions" className={fr.cx("fr-mb-3w")}>
        <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
          <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
            <Input label="Rechercher" hintText="Référence, startup ou partenaire" nativeInputProps={{ name: PARAM_NAMES.q, defaultValue: params.q, type: "search" }} />
          </div>
          <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
            <Select
              label="État"
              nativeSelectProps={{ name: PARAM_NAMES.state, defaultValue: params.state ?? "" }}
              options={[{ value: "", label: "Tous les états" }, ...STATE_ORDER.map((s) => ({ value: s, label: STATE_LABELS[s] }))]}
            />
          </div>
          <div className={fr.cx("fr-col-12")}>
            <Checkbox
              legend="Points d'attention"
              orientation="horizontal"
              options={[
                { label: "Tranches à débloquer", nativeInputProps: { name: PARAM_NAMES.toRelease, value: "1", defaultChecked: params.toRelease } },
                { label: "Bilan de mi-parcours en retard", nativeInputProps: { name: PARAM_NAMES.reviewLate, value: "1", defaultChecked: params.reviewLate } },
                { label: `Fin sous ${ENDING_SOON_DAYS} jours`, nativeInputProps: { name: PARAM_NAMES.endingSoon, value: "1", defaultChecked: params.endingSoon } },
                { label: "Obligations en retard", nativeInputProps: { name: PARAM_NAMES.lateObligations, value: "1", defaultChecked: params.lateObligations } },
                { label: "Avis sans réponse", nativeInputProps: { name: PARAM_NAMES.pendingNotices, value: "1", defaultChecked: params.pendingNotices } },
              ]}
            />
          </div>
        </div>
        {(params.sort !== DEFAULT_PARAMS.sort || params.order !== DEFAULT_PARAMS.order) && (
          <>
            <input type="hidden" name={PARAM_NAMES.sort} value={params.sort} />
            <input type="hidden" name={PARAM_NAMES.order} value={params.order} />
          </>
        )}
        <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md", "fr-btns-group--icon-left")}>
          <li>
            <Button type="submit" iconId="fr-icon-filter-line">
              Filtrer
            </Button>
          </li>
          {filtered && (
            <li>
              <Button priority="tertiary" iconId="fr-icon-close-line" linkProps={{ href: `/pilotage${portfolioQuery(params, { q: "", state: null, toRelease: false, reviewLate: false, endingSoon: false, lateObligations: false, pendingNotices: false, page: 1 })}` }}>
                Effacer les filtres
              </Button>
            </li>
          )}
          <li>
            <a className={fr.cx("fr-btn", "fr-btn--secondary", "fr-btn--icon-left", "fr-icon-download-line")} href={`/pilotage/export${query}`} download>
              Exporter en CSV
            </a>
          </li>
        </ul>
      </form>

      <p role="status">
        {rows.length === 0
          ? "Aucune convention ne correspond à ces filtres."
          : `${plural(rows.length, "convention affichée", "conventions affichées")} sur ${all}, triées par « ${SORT_COLUMNS[params.sort].label} » (ordre ${params.order === "asc" ? "croissant" : "décroissant"})${pageCount > 1 ? ` ; page ${page} sur ${pageCount}, ${PAGE_SIZE} par page` : ""}. Les liens des en-têtes de colonne trient le tableau ; les montants sont toutes années confondues.`}
      </p>

      {rows.length > 0 && (
        // AE above CP in each amount column, and the end date under the state, keep the table within the page
        // at 1280 px; on narrow screens it scrolls sideways inside its region, its first column fixed.
        <div id={TABLE_ID} className={fr.cx("fr-table", "fr-table--sm", "fr-table--bordered", "fr-table--multiline")}>
          <div className={fr.cx("fr-table__wrapper")}>
            <div className={fr.cx("fr-table__container")}>
              <div className={fr.cx("fr-table__content")}>
                <table>
                  <caption>Conventions du portefeuille</caption>
                  <thead>
                    <tr>
                      <SortHeader params={params} label="Convention" columns={[{ column: "startup", short: "Startup" }, { column: "reference", short: "Référence" }]} fixed />
                      <SortHeader params={params} label="Partenaire" columns={[{ column: "partenaire" }]} />
                      <SortHeader params={params} label="État et échéance" columns={[{ column: "etat", short: "État" }, { column: "echeance", short: "Échéance" }]} alignStart />
                      <SortHeader params={params} label="Dotation" columns={[{ column: "ae-dotation", short: "AE" }, { column: "cp-dotation", short: "CP" }]} />
                      <SortHeader params={params} label="Mis à disposition" columns={[{ column: "ae-disponibles", short: "AE" }, { column: "cp-disponibles", short: "CP" }]} />
                      <SortHeader params={params} label="Engagé / payé" columns={[{ column: "ae-engagees", short: "AE" }, { column: "cp-payes", short: "CP" }]} />
                      <SortHeader params={params} label="Reste" columns={[{ column: "ae-reste", short: "AE" }, { column: "cp-reste", short: "CP" }]} />
                      <SortHeader params={params} label="Points d'attention" columns={[{ column: "a-debloquer" }]} />
                    </tr>
                  </thead>
                  <PortfolioRows rows={pageRows.map(rowView)} />
                  <tfoot>
                    <tr>
                      <th scope="row" colSpan={3}>
                        Total ({plural(totals.conventions, "convention", "conventions")}
                        {pageCount > 1 ? ", toutes pages confondues" : ""})
                      </th>
                      <td className="fr-cell--right suivi-nowrap"><Credits strong ae={formatEuros(totals.ae.allocated)} cp={formatEuros(totals.cp.allocated)} /></td>
                      <td className="fr-cell--right suivi-nowrap"><Credits strong ae={formatEuros(totals.ae.madeAvailable)} cp={formatEuros(totals.cp.madeAvailable)} /></td>
                      <td className="fr-cell--right suivi-nowrap"><Credits strong ae={formatEuros(totals.ae.engaged)} cp={formatEuros(totals.cp.paid)} /></td>
                      <td className="fr-cell--right suivi-nowrap"><Credits strong ae={formatEuros(totals.ae.leftToEngage)} cp={formatEuros(totals.cp.leftToPay)} /></td>
                      <td>{plural(totals.releasableTranches, "tranche à débloquer", "tranches à débloquer")}</td>
                    </tr>
                  </tfoot>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
      {pageCount > 1 && (
        <Pagination
          count={pageCount}
          defaultPage={page}
          showFirstLast
          getPageLinkProps={(n) => ({ href: `/pilotage${portfolioQuery(params, { page: n })}#${TABLE_ID}` })}
          className={fr.cx("fr-mt-3w")}
        />
      )}
    </>
  );
}
