import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { requirePageConvention } from "@/server/page-guards";
import { getConventionOverview } from "@/server/repositories/conventions";
import { formatDate, formatEuros } from "@/components/format";
import { PARTY_LABELS } from "@/components/labels";
import { shareOf } from "@/domain/money";

export const metadata: Metadata = { title: "Convention" };

const TRIGGER_LABELS = { SIGNATURE: "À la signature", MID_TERM_REVIEW: "Après le bilan de mi-parcours" } as const;

export default async function ConventionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await requirePageConvention("convention.read", id, `/conventions/${id}`);
  const c = await getConventionOverview(access.conventionId);
  const creditsByYear = new Map(c.credits.map((credit) => [credit.year, credit]));
  return (
    <>
      <h1>{c.title}</h1>
      <p className={fr.cx("fr-text--lead")}>{c.purpose}</p>

      <h2>Dates</h2>
      <dl className="suivi-dl">
        <dt>Signature</dt>
        <dd>{c.signedOnIso ? `${formatDate(c.signedOnIso)}${c.signedAt ? ` à ${c.signedAt}` : ""}` : "Non signée"}</dd>
        <dt>Échéance</dt>
        <dd>{formatDate(c.endsOnIso)}</dd>
        {c.midTermReviewDueIso && (
          <>
            <dt>Bilan de mi-parcours attendu</dt>
            <dd>au plus tard le {formatDate(c.midTermReviewDueIso)}</dd>
          </>
        )}
        <dt>Résiliation</dt>
        <dd>
          {c.terminationEffectiveIso
            ? `Prend effet le ${formatDate(c.terminationEffectiveIso)}`
            : `Possible à tout moment par l'une des parties, avec un préavis de ${c.terminationNoticeMonths} mois`}
        </dd>
      </dl>

      <h2>Parties</h2>
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        {c.parties.map((p) => (
          <section key={p.id} className={fr.cx("fr-col-12", "fr-col-md-4")}>
            <div className={fr.cx("fr-card", "fr-card--no-arrow")}>
              <div className={fr.cx("fr-card__body")}>
                <div className={fr.cx("fr-card__content")}>
                  <h3 className={fr.cx("fr-card__title")}>
                    {PARTY_LABELS[p.role]} : {p.organisation.acronym}
                  </h3>
                  <p className={fr.cx("fr-card__desc")}>
                    {p.organisation.name}
                    <br />
                    {p.address}
                    <br />
                    Représenté par {p.representativeName}, {p.representativeTitle}
                  </p>
                </div>
              </div>
            </div>
          </section>
        ))}
      </div>

      <h2 className={fr.cx("fr-mt-4w")}>Crédits</h2>
      <p>
        Cofinancement FAST : {formatEuros(c.fastFundingCents)}. Crédits hors titre 2 du BOP {c.bop} « {c.bopLabel} ».
      </p>
      <Table
        caption="Montants maximums mis à disposition, par année"
        headers={["Année", "Autorisations d'engagement (AE)", "Crédits de paiement (CP)"]}
        data={c.credits.map((credit) => [String(credit.year), formatEuros(credit.aeCents), formatEuros(credit.cpCents)])}
      />
      <Table
        caption="Tranches"
        headers={["Année", "Crédits", "Tranche", "Part", "Montant", "Déclenchement"]}
        data={c.tranches.map((t) => {
          const credit = creditsByYear.get(t.year);
          const base = credit ? (t.creditType === "AE" ? credit.aeCents : credit.cpCents) : 0n;
          return [
            String(t.year),
            t.creditType,
            `T${t.rank}`,
            `${t.shareBasisPoints / 100} %`,
            formatEuros(shareOf(base, t.shareBasisPoints)),
            TRIGGER_LABELS[t.trigger],
          ];
        })}
      />

      <h2>Références CHORUS</h2>
      <dl className="suivi-dl">
        <dt>Domaine fonctionnel</dt>
        <dd>{c.domaineFonctionnel}</dd>
        <dt>Centre financier (UO)</dt>
        <dd>{c.centreFinancier}</dd>
        <dt>Activité</dt>
        <dd>{c.activite}</dd>
        <dt>Centre de coût</dt>
        <dd>{c.centreDeCout}</dd>
        <dt>Comptable assignataire</dt>
        <dd>{c.comptableAssignataire}</dd>
        <dt>Marché</dt>
        <dd>{c.marche}</dd>
      </dl>

      <h2>Base juridique</h2>
      <ul>
        {c.legalBasis.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>

      <h2>Publication</h2>
      {c.published ? (
        <ul>
          {c.publicationUrl && (
            <li>
              <a href={c.publicationUrl} target="_blank" rel="noopener noreferrer" title="gouvernement.fr — nouvelle fenêtre">
                Délégations de gestion sur gouvernement.fr
              </a>
            </li>
          )}
          {c.dataGouvUrl && (
            <li>
              <a href={c.dataGouvUrl} target="_blank" rel="noopener noreferrer" title="data.gouv.fr — nouvelle fenêtre">
                Publication sur data.gouv.fr
              </a>
            </li>
          )}
        </ul>
      ) : (
        <p>Cette convention n&apos;est pas encore publiée.</p>
      )}
    </>
  );
}
