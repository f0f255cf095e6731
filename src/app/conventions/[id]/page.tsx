import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { requirePageConvention } from "@/server/page-guards";
import { formatDate, formatEuros } from "@/components/format";
import { PARTY_LABELS } from "@/components/labels";
import { conventionForRender } from "@/server/repositories/convention-render";
import { lateObligationsOf } from "@/server/repositories/obligations";
import { clock } from "@/server/clock";
import { formatShare } from "@/domain/terms";
import { fastFundingInForce } from "@/domain/obligation-terms";
import { Timeline } from "@/components/Timeline";
import { TrancheStatusBadge } from "@/components/TrancheStatusBadge";
import { loadSteering } from "@/server/repositories/steering";
import { CostOfImpactTables } from "@/components/CostOfImpact";
import { DecisionBadge } from "@/components/DecisionBadge";
import { can } from "@/domain/permissions";
import { isoDate } from "@/domain/dates";
import { PublicationPanel } from "./PublicationPanel";

export const metadata: Metadata = { title: "Convention" };

const TRIGGER_LABELS = { SIGNATURE: "À la signature", MID_TERM_REVIEW: "Après le bilan de mi-parcours" } as const;

export default async function ConventionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await requirePageConvention("convention.read", id, `/conventions/${id}`);
  const [{ facts, details, view }, late, steering] = await Promise.all([
    conventionForRender(access.conventionId),
    lateObligationsOf(access.conventionId, clock.today()),
    loadSteering(access.conventionId),
  ]);
  const c = { ...facts, ...details };
  const lastCommittee = steering.committees.at(-1);
  // The FAST funding in force: the avenants move it with the AE they allocate (src/domain/obligation-terms.ts).
  const fastFunding = fastFundingInForce(c.fastFundingCents, view.original, view.terms);
  return (
    <>
      <h1>{c.title}</h1>
      <p className={fr.cx("fr-text--lead")}>{c.purpose}</p>

      {late.length > 0 && (
        <Alert
          severity="warning"
          as="h2"
          className={fr.cx("fr-mb-4w")}
          title={late.length > 1 ? `${late.length} obligations en retard` : "1 obligation en retard"}
          description={
            <>
              <ul>
                {late.map((o) => (
                  <li key={o.id}>
                    {o.title} ({o.article}, due par le {PARTY_LABELS[o.owedBy].toLowerCase()}) : échéance du {formatDate(o.dueOn!)}
                  </li>
                ))}
              </ul>
              <Link href={`/conventions/${c.id}/obligations`}>Voir le registre des obligations</Link>
            </>
          }
        />
      )}

      <h2>Dates</h2>
      <dl className="suivi-dl">
        <dt>Signature</dt>
        <dd>{view.dates.signedOn ? `${formatDate(view.dates.signedOn)}${c.signedAt ? ` à ${c.signedAt}` : ""}` : "Non signée"}</dd>
        <dt>Échéance</dt>
        <dd>
          {formatDate(view.terms.endsOn)}
          {view.terms.endsOn !== view.original.endsOn ? ` (par avenant ; ${formatDate(view.original.endsOn)} à la signature)` : ""}
        </dd>
        {view.dates.midTermReviewDueOn && (
          <>
            <dt>Bilan de mi-parcours attendu</dt>
            <dd>au plus tard le {formatDate(view.dates.midTermReviewDueOn)}</dd>
          </>
        )}
        {view.dates.coFinancingDueOn && (
          <>
            <dt>Cofinancement du partenaire</dt>
            <dd>au plus tard le {formatDate(view.dates.coFinancingDueOn)}</dd>
          </>
        )}
        <dt>Résiliation</dt>
        <dd>
          {view.dates.terminationEffectiveOn
            ? `Préavis donné : prend effet le ${formatDate(view.dates.terminationEffectiveOn)}`
            : `Possible à tout moment par l'une des parties, avec un préavis de ${facts.terminationNoticeMonths} mois`}
        </dd>
      </dl>

      <h2>Calendrier</h2>
      <Timeline events={view.timeline} caption="Calendrier de la convention, de la signature à l'échéance" />

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
        Cofinancement FAST : {formatEuros(fastFunding)}
        {fastFunding !== c.fastFundingCents ? ` (par avenant ; ${formatEuros(c.fastFundingCents)} à la signature)` : ""}. Crédits hors titre 2 du BOP {c.bop} « {c.bopLabel} ».
      </p>
      <Table
        caption="Montants maximums mis à disposition, par année (conditions en vigueur)"
        headers={["Année", "Autorisations d'engagement (AE)", "Crédits de paiement (CP)"]}
        data={view.terms.credits.map((credit) => [String(credit.year), formatEuros(credit.aeCents), formatEuros(credit.cpCents)])}
      />
      <Table
        caption="Tranches"
        headers={["Année", "Crédits", "Tranche", "Part", "Montant", "Déclenchement", "Statut"]}
        data={view.tranches.map((t) => [
          String(t.year),
          t.creditType,
          `T${t.rank}`,
          formatShare(t.shareBasisPoints),
          formatEuros(t.amountCents),
          TRIGGER_LABELS[t.trigger],
          <TrancheStatusBadge key="s" status={t.status} />,
        ])}
      />
      <p>
        <Link className={fr.cx("fr-link", "fr-icon-arrow-right-line", "fr-link--icon-right")} href={`/conventions/${c.id}/tranches`}>
          Détail des tranches et des crédits
        </Link>
      </p>

      <h2>Comités et coût de l&apos;impact</h2>
      {lastCommittee ? (
        <p>
          Dernier comité : <Link href={`/conventions/${c.id}/comites/${lastCommittee.id}`}>comité du {formatDate(lastCommittee.heldOn)}</Link>,{" "}
          <DecisionBadge kind={lastCommittee.decisionKind} />
          {steering.ambition ? ` — métrique phare : ${steering.ambition.indicatorName}.` : "."}
        </p>
      ) : (
        <p>Aucun comité d&apos;investissement enregistré.</p>
      )}
      <CostOfImpactTables series={steering.costs} />

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

      <PublicationPanel
        conventionId={c.id}
        published={c.published}
        publishedOn={c.publishedOn ? isoDate(c.publishedOn) : null}
        cbcmCopySentOn={c.cbcmCopySentOn ? isoDate(c.cbcmCopySentOn) : null}
        signed={facts.signedOn !== null}
        publicationUrl={c.publicationUrl}
        dataGouvUrl={c.dataGouvUrl}
        mayPublish={can(access.actor, "convention.publish", access.parties)}
      />
    </>
  );
}
