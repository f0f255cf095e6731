import type { Metadata } from "next";
import { cache } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { publishedConventionsPage, type PublishedConventionsPage } from "@/server/repositories/public";
import { PUBLIC_CONVENTIONS_PATH, PUBLIC_PARAM_NAMES, PUBLIC_QUERY_MAX, parsePublicConventionsParams, publicConventionsHref, type PublicConventionsParams } from "@/domain/public-conventions";
import { formatDate, formatEuros } from "@/components/format";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const LIST_ID = "liste-conventions";

// The page and its title read the same page of rows: one read per request.
const readPage = cache((q: string, page: number) => publishedConventionsPage({ q, page }));

async function load(props: Props): Promise<{ params: PublicConventionsParams; list: PublishedConventionsPage }> {
  const params = parsePublicConventionsParams(await props.searchParams);
  return { params, list: await readPage(params.q, params.page) };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { params, list } = await load(props);
  const search = params.q ? ` : recherche « ${params.q} »` : "";
  const page = list.pageCount > 1 ? ` (page ${list.page} sur ${list.pageCount})` : "";
  return { title: `Conventions publiées${search}${page}` };
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("fr-FR")} ${n > 1 ? many : one}`;

/** What the list shows, said once for everyone (role="status": read out when a search or a page changes it). */
function statusText(params: PublicConventionsParams, list: PublishedConventionsPage): string {
  if (list.total === 0) return params.q ? `Aucune convention publiée ne correspond à «\u00a0${params.q}\u00a0».` : "Aucune convention publiée pour le moment.";
  const beyond = params.page > list.page ? `La page ${params.page} n'existe pas : voici la dernière page. ` : "";
  const what = params.q
    ? `${plural(list.total, "convention publiée correspond", "conventions publiées correspondent")} à «\u00a0${params.q}\u00a0»`
    : plural(list.total, "convention publiée", "conventions publiées");
  const pages = list.pageCount > 1 ? ` ; page ${list.page} sur ${list.pageCount}, ${list.pageSize} par page` : "";
  return `${beyond}${what}, de la plus récemment signée à la plus ancienne${pages}.`;
}

export default async function PublishedConventionsPage(props: Props) {
  const { params, list } = await load(props);
  const caption = `Conventions publiées${params.q ? ` correspondant à «\u00a0${params.q}\u00a0»` : ""}${list.pageCount > 1 ? `, page ${list.page} sur ${list.pageCount}` : ""}`;
  return (
    <>
      <h1>Conventions publiées</h1>
      <p>
        Les conventions de délégation de gestion du FAST sont publiées, conformément à l&apos;article 2 du décret
        n° 2004-1085 du 14 octobre 2004, sur gouvernement.fr et data.gouv.fr.
      </p>
      <p>
        Données ouvertes de toutes les conventions publiées (colonnes du schéma SCDL « subventions » et colonnes propres
        à la délégation de gestion) :
      </p>
      <ul className={fr.cx("fr-mb-4w")}>
        <li>
          <a className={fr.cx("fr-link", "fr-link--download")} download href={`${PUBLIC_CONVENTIONS_PATH}/export.csv`}>
            Télécharger les conventions publiées au format CSV<span className={fr.cx("fr-link__detail")}>CSV – séparateur point-virgule, UTF-8</span>
          </a>
        </li>
        <li>
          <a className={fr.cx("fr-link", "fr-link--download")} download href={`${PUBLIC_CONVENTIONS_PATH}/export.json`}>
            Télécharger les conventions publiées au format JSON<span className={fr.cx("fr-link__detail")}>JSON – UTF-8</span>
          </a>
        </li>
      </ul>

      {/* key: a client-side navigation (another search, "Effacer la recherche") remounts the form, so that its
          field shows the new search (defaultValue only applies on mount). */}
      <form key={params.q} method="get" action={PUBLIC_CONVENTIONS_PATH} role="search" aria-label="Rechercher parmi les conventions publiées" className={fr.cx("fr-mb-3w")}>
        <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters", "fr-grid-row--bottom")}>
          <div className={fr.cx("fr-col-12", "fr-col-md-8")}>
            <Input
              label="Rechercher une convention"
              hintText="Startup d'État, appel FAST (par exemple « FAST 14 »), administration partenaire ou délégataire"
              nativeInputProps={{ name: PUBLIC_PARAM_NAMES.q, defaultValue: params.q, type: "search", maxLength: PUBLIC_QUERY_MAX }}
              className={fr.cx("fr-mb-0")}
            />
          </div>
          <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
            <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline", "fr-btns-group--icon-left")} style={{ marginBottom: "-1rem" }}>
              <li>
                <Button type="submit" iconId="fr-icon-search-line">
                  Rechercher
                </Button>
              </li>
              {params.q && (
                <li>
                  <Button priority="tertiary" iconId="fr-icon-close-line" linkProps={{ href: PUBLIC_CONVENTIONS_PATH }}>
                    Effacer la recherche
                  </Button>
                </li>
              )}
            </ul>
          </div>
        </div>
      </form>

      <div id={LIST_ID}>
        <p role="status">{statusText(params, list)}</p>
        {list.rows.length > 0 && (
          <div className={fr.cx("fr-table", "fr-table--sm", "fr-table--bordered")}>
            <div className={fr.cx("fr-table__wrapper")}>
              <div className={fr.cx("fr-table__container")}>
                <div className={fr.cx("fr-table__content")}>
                  <table>
                    <caption>{caption}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Startup d&apos;État</th>
                        <th scope="col">Appel FAST</th>
                        <th scope="col">Partenaire</th>
                        <th scope="col">Délégataire</th>
                        <th scope="col" className={fr.cx("fr-cell--right")}>Montant FAST</th>
                        <th scope="col">Signature</th>
                        <th scope="col">Échéance</th>
                        <th scope="col">Publication</th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.rows.map((c) => (
                        <tr key={c.id}>
                          <th scope="row">
                            {/* A plain link, not next/link: no client component per row, and no prefetch of
                                fifty startup pages as the table scrolls into view (measured: the fifty rows
                                render in about half the time). */}
                            <a href={`/publiques/startups/${c.startupSlug}`}>
                              {c.startupName}
                              <span className={fr.cx("fr-sr-only")}> : tableau de bord d&apos;impact</span>
                            </a>
                          </th>
                          <td>{c.fastCall}</td>
                          <td>{c.partner}</td>
                          <td>{c.delegataire}</td>
                          <td className={fr.cx("fr-cell--right")}>{formatEuros(c.fastFundingCents)}</td>
                          <td>{c.signedOn ? formatDate(c.signedOn) : "Non signée"}</td>
                          <td>{formatDate(c.endsOn)}</td>
                          <td>
                            <PublicationLinks startupName={c.startupName} fastCall={c.fastCall} publicationUrl={c.publicationUrl} dataGouvUrl={c.dataGouvUrl} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            </div>
          </div>
        )}
      </div>
      {list.pageCount > 1 && (
        <Pagination
          count={list.pageCount}
          defaultPage={list.page}
          showFirstLast
          getPageLinkProps={(n) => ({ href: `${publicConventionsHref(params, { page: n })}#${LIST_ID}` })}
          className={fr.cx("fr-mt-3w")}
        />
      )}
    </>
  );
}

function PublicationLinks({ startupName, fastCall, publicationUrl, dataGouvUrl }: { startupName: string; fastCall: string; publicationUrl: string | null; dataGouvUrl: string | null }) {
  const links = [
    publicationUrl && { href: publicationUrl, label: "gouvernement.fr" },
    dataGouvUrl && { href: dataGouvUrl, label: "data.gouv.fr" },
  ].filter((l): l is { href: string; label: string } => Boolean(l));
  if (links.length === 0) return <>—</>;
  return (
    <ul className={fr.cx("fr-raw-list")}>
      {links.map((l) => (
        <li key={l.label}>
          <a href={l.href} target="_blank" rel="noopener noreferrer" title={`${l.label} : publication de la convention ${fastCall} de ${startupName} — nouvelle fenêtre`}>
            {l.label}
          </a>
        </li>
      ))}
    </ul>
  );
}
