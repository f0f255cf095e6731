import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { requirePageConvention } from "@/server/page-guards";
import { loadFinalReport } from "@/server/repositories/final-report";
import { acceptFinalReportAction, submitFinalReportAction } from "@/server/actions/final-report";
import { can } from "@/domain/permissions";
import { clock } from "@/server/clock";
import { checkReportSubmission, formatMonth } from "@/domain/final-report";
import { messageOf } from "@/domain/failures";
import { formatDate, formatEuros } from "@/components/format";
import { ActionForm, TextField } from "@/components/ActionForm";

export const metadata: Metadata = { title: "Compte rendu final" };

export default async function FinalReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await requirePageConvention("convention.read", id, `/conventions/${id}/compte-rendu`);
  const today = clock.today();
  const { reference, view, figures, committees, reports } = await loadFinalReport(access.conventionId, today);
  const accepted = reports.find((r) => r.acceptedOn);
  const latest = reports[0];
  const submission = checkReportSubmission({ state: view.situation.state, endsOn: view.dates.endsOn, accepted: Boolean(accepted) }, today);
  const maySubmit = can(access.actor, "report.submit", access.parties) && submission.ok;
  const mayAccept = can(access.actor, "report.accept", access.parties) && latest && !accepted;

  return (
    <div className="suivi-report">
      <h1>Compte rendu final</h1>
      {/* What a printed copy must say by itself: which convention, and as of which day. */}
      <p className={fr.cx("fr-text--sm")} data-testid="report-print-header">
        Convention {reference} · édité le {formatDate(today)}
      </p>
      <p>
        Le délégataire rend compte de l&apos;exécution de la délégation au terme de la convention (article 3) : dépenses
        réalisées, avancement des travaux, prévisions, crédits non consommés. Son acceptation par la DINUM clôture la convention.
      </p>
      <ul className={`${fr.cx("fr-btns-group", "fr-btns-group--inline-md", "fr-btns-group--left", "fr-btns-group--icon-left")} suivi-no-print`}>
        <li>
          {/* A file download: a plain link, not a client-side navigation. */}
          <a className={fr.cx("fr-btn", "fr-btn--secondary", "fr-btn--icon-left", "fr-icon-download-line")} href={`/conventions/${access.conventionId}/compte-rendu/export`} download>
            Exporter en CSV
          </a>
        </li>
      </ul>

      <h2>Dépenses réalisées</h2>
      <p>
        Total : {formatEuros(figures.total.engagedCents)} engagés (AE), {formatEuros(figures.total.paidCents)} payés (CP).
      </p>
      {figures.byEj.length === 0 ? (
        <p>Aucune dépense enregistrée.</p>
      ) : (
        <>
      <Table
        caption="Par engagement juridique"
        headers={["EJ (poste)", "Fournisseur", "AE engagés", "CP payés", "Reste à payer"]}
        data={figures.byEj.map((e) => [e.label, e.supplierName, formatEuros(e.engagedCents), formatEuros(e.paidCents), formatEuros(e.leftToPayCents)])}
      />
      <Table
        caption="Par mois"
        headers={["Mois", "AE engagés", "CP payés", "AE cumulés", "CP cumulés"]}
        data={figures.byMonth.map((m) => [formatMonth(m.month), formatEuros(m.aeEngagedCents), formatEuros(m.cpPaidCents), formatEuros(m.cumulativeAeCents), formatEuros(m.cumulativeCpCents)])}
      />
        </>
      )}

      <h2>Crédits non consommés</h2>
      <Table
        caption="Autorisations d'engagement par année"
        headers={["Année", "Dotation AE", "AE mises à disposition", "AE engagées", "Non consommé (dotation)", "Non consommé (mis à disposition)"]}
        data={figures.unconsumedAe.map((u) => [
          String(u.year),
          formatEuros(u.allocatedAeCents),
          formatEuros(u.madeAvailableAeCents),
          formatEuros(u.engagedCents),
          formatEuros(u.unconsumedOfAllocationCents),
          formatEuros(u.unconsumedOfMadeAvailableCents),
        ])}
      />
      <Table
        caption="Crédits de paiement par année"
        headers={["Année", "Dotation CP", "CP mis à disposition", "CP payés", "Non consommé (dotation)", "Non consommé (mis à disposition)"]}
        data={figures.unconsumed.map((u) => [
          String(u.year),
          formatEuros(u.allocatedCpCents),
          formatEuros(u.madeAvailableCpCents),
          formatEuros(u.paidCents),
          formatEuros(u.unconsumedOfAllocationCents),
          formatEuros(u.unconsumedOfMadeAvailableCents),
        ])}
      />

      <h2>Avancement des travaux</h2>
      {committees.length === 0 ? (
        <p>Aucun comité d&apos;investissement enregistré.</p>
      ) : (
        <Table
          caption="Décisions des comités d'investissement"
          headers={["Comité du", "Décision", "Orientation pour les six mois suivants"]}
          data={committees.map((c) => [formatDate(c.heldOn), c.decision, c.orientation])}
        />
      )}

      <h2>Comptes rendus transmis</h2>
      {reports.length === 0 ? (
        <p>Aucun compte rendu transmis.</p>
      ) : (
        reports.map((r) => (
          <section key={r.id} className={fr.cx("fr-mb-4w")} aria-label={`Compte rendu du ${formatDate(r.submittedOn)}`}>
            <h3>
              Compte rendu du {formatDate(r.submittedOn)} ({r.submittedByName})
            </h3>
            <p>
              <strong>
                {r.acceptedOn ? `Accepté le ${formatDate(r.acceptedOn)} par ${r.acceptedByName}.` : r === latest ? "En attente d'acceptation par la DINUM." : "Remplacé par un compte rendu plus récent."}
              </strong>
            </p>
            <h4 className={fr.cx("fr-h6")}>Avancement des travaux</h4>
            <p style={{ whiteSpace: "pre-line" }}>{r.progress}</p>
            <h4 className={fr.cx("fr-h6")}>Prévision de commandes</h4>
            <p style={{ whiteSpace: "pre-line" }}>{r.orderForecast}</p>
            <h4 className={fr.cx("fr-h6")}>Prévision de consommation des crédits</h4>
            <p style={{ whiteSpace: "pre-line" }}>{r.budgetForecast}</p>
          </section>
        ))
      )}

      {mayAccept && latest && (
        <section className={`${fr.cx("fr-p-3w", "fr-mb-4w")} suivi-no-print`} style={{ border: "1px solid var(--border-default-grey)" }} aria-labelledby="accept-title">
          <h3 id="accept-title">Accepter le compte rendu du {formatDate(latest.submittedOn)}</h3>
          <p className={fr.cx("fr-text--sm")}>L&apos;acceptation clôture la convention : plus aucune dépense ni aucun déblocage ne pourra y être enregistré.</p>
          <ActionForm action={acceptFinalReportAction} hidden={{ conventionId: access.conventionId, reportId: latest.id }} submitLabel="Accepter et clôturer la convention">
            {null}
          </ActionForm>
        </section>
      )}
      {can(access.actor, "report.submit", access.parties) && !submission.ok && !accepted && <p className="suivi-no-print">{messageOf(submission)}</p>}
      {maySubmit && (
        <section className={`${fr.cx("fr-p-3w", "fr-mb-4w")} suivi-no-print`} style={{ border: "1px solid var(--border-default-grey)" }} aria-labelledby="submit-title">
          <h3 id="submit-title">{latest ? "Transmettre un compte rendu corrigé" : "Transmettre le compte rendu final"}</h3>
          <ActionForm action={submitFinalReportAction} hidden={{ conventionId: access.conventionId }} submitLabel="Transmettre à la DINUM">
            <TextField name="progress" label="Avancement des travaux" hint="Ce qui a été livré, les résultats obtenus." textArea required />
            <TextField name="orderForecast" label="Prévision de commandes" textArea required />
            <TextField name="budgetForecast" label="Prévision de consommation des crédits" textArea required />
          </ActionForm>
        </section>
      )}
    </div>
  );
}
