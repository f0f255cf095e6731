import { NOTICE_LABELS } from "@/domain/notice-mail";
import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { requirePageConvention } from "@/server/page-guards";
import { conventionForRender } from "@/server/repositories/convention-render";
import { liftSuspensionAction, recordAvenantAction, recordSuspensionAction, recordTerminationAction, withdrawTerminationAction } from "@/server/actions/convention-life";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { answerNoticeAction, sendNoticeAction } from "@/server/actions/notices";
import { listNotices } from "@/server/repositories/notices";
import { isRunning, terminationEffectiveOn } from "@/domain/convention-state";
import { can, PARTY_ROLES } from "@/domain/permissions";
import { clock } from "@/server/clock";
import { describeAvenantChanges } from "@/domain/terms";
import { formatDate, formatEuros } from "@/components/format";
import { PARTY_LABELS } from "@/components/labels";
import { ActionForm, RadioField, TextField } from "@/components/ActionForm";
import { FormPanel } from "@/components/FormPanel";

export const metadata: Metadata = { title: "Avenants, suspensions et résiliation" };



/** A text a link pre-fills a form with (a committee's arrêt leads here: issue 16), bounded; never required. */
const prefill = (value: string | string[] | undefined) => (typeof value === "string" && value.trim() ? value.trim().slice(0, 500) : undefined);

export default async function ConventionLifePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams?: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const query = (await searchParams) ?? {};
  const access = await requirePageConvention("convention.read", id, `/conventions/${id}/vie`);
  const today = clock.today();
  const [{ facts, view }, notices] = await Promise.all([conventionForRender(access.conventionId), listNotices(access.conventionId)]);
  const open = isRunning(view.situation.state);
  const may = {
    avenant: open && can(access.actor, "avenant.record", access.parties),
    suspend: open && can(access.actor, "suspension.record", access.parties),
    terminate: open && can(access.actor, "convention.terminate", access.parties),
    notify: open && can(access.actor, "notice.send", access.parties),
    answer: can(access.actor, "notice.answer", access.parties),
  };
  const years = view.terms.credits.map((c) => String(c.year));
  const hidden = { conventionId: access.conventionId };
  const actorParty = PARTY_ROLES.find((role) => access.parties[role] === access.actor.organisationId) ?? null;
  const nextNumber = String(Math.max(0, ...facts.avenants.map((a) => a.number)) + 1);
  const runningSuspension = facts.suspensions.find((s) => s.liftedOn === null);
  const avenantLines = new Map(view.avenants.map((a) => [a.number, describeAvenantChanges(a.changes)]));

  return (
    <>
      <h1>Avenants, suspensions et résiliation</h1>
      <p>
        Toute modification de la convention passe par un avenant signé des trois parties (article 5). Les conditions en
        vigueur ci-dessous en tiennent compte : échéance au {formatDate(view.terms.endsOn)}
        {view.dates.endsBy === "RESILIATION" ? `, résiliation effective le ${formatDate(view.dates.endsOn)}` : ""}.
      </p>

      <h2>Avis du délégataire</h2>
      <p className={fr.cx("fr-text--sm")}>
        Le délégataire informe le délégant lorsque les crédits ne suffisent pas à engager ou payer ce qui doit l&apos;être, ou
        qu&apos;ils ne seront pas entièrement consommés. La DINUM y répond : déblocage, avenant, ou suspension.
      </p>
      {notices.length === 0 ? (
        <p>Aucun avis transmis.</p>
      ) : (
        <Table
          caption="Avis transmis au délégant"
          headers={["Transmis le", "Nature", "Année", "Crédits", "Montant", "Message", "Auteur", "Réponse du délégant"]}
          data={notices.map((n) => [
            n.sentAt.toLocaleDateString("fr-FR", { timeZone: "Europe/Paris" }),
            NOTICE_LABELS[n.kind],
            n.year === null ? "—" : String(n.year),
            n.creditType ?? (n.kind === "CREDITS_NON_CONSOMMES" ? "CP" : "—"),
            n.amountCents === null ? "—" : formatEuros(n.amountCents),
            <span key="m" style={{ whiteSpace: "pre-line" }}>{n.message}</span>,
            n.authorName,
            n.answer ? (
              `${n.answer} (le ${n.answeredAt!.toLocaleDateString("fr-FR", { timeZone: "Europe/Paris" })}${n.answeredByName ? `, par ${n.answeredByName}` : ""})`
            ) : may.answer ? (
              <details key="a">
                <summary>Répondre…</summary>
                <ActionForm action={answerNoticeAction} hidden={{ ...hidden, noticeId: n.id }} submitLabel="Enregistrer la réponse">
                  <TextField name="answer" label="Réponse" textArea required />
                </ActionForm>
              </details>
            ) : (
              "En attente"
            ),
          ])}
        />
      )}
      {may.notify && (
        <>
          <FormPanel id="insufficient-form" title="Signaler des crédits insuffisants">
            <ActionForm action={sendNoticeAction} hidden={{ ...hidden, kind: "CREDITS_INSUFFISANTS" }} submitLabel="Transmettre l'avis">
              <TextField name="year" label="Année" defaultValue={years.at(-1)} inputMode="numeric" required />
              <RadioField
                name="creditType"
                legend="Crédits concernés"
                options={[
                  { value: "AE", label: "Autorisations d'engagement (AE)" },
                  { value: "CP", label: "Crédits de paiement (CP)" },
                ]}
              />
              <TextField name="neededAmount" label="Besoin total à engager ou payer sur l'année (en euros)" hint="Le manque est calculé d'après le reste disponible." inputMode="decimal" required />
              <TextField name="message" label="Motif" textArea required />
            </ActionForm>
          </FormPanel>
          <FormPanel id="unconsumed-form" title="Signaler des crédits non consommés">
            <ActionForm action={sendNoticeAction} hidden={{ ...hidden, kind: "CREDITS_NON_CONSOMMES" }} submitLabel="Transmettre l'avis">
              <TextField name="year" label="Année" defaultValue={years.at(-1)} inputMode="numeric" required />
              <TextField name="forecastAmount" label="Montant prévisionnel non consommé (en euros)" inputMode="decimal" required />
              <TextField name="message" label="Motif" textArea required />
            </ActionForm>
          </FormPanel>
        </>
      )}

      <h2>Avenants</h2>
      {facts.avenants.length === 0 ? (
        <p>Aucun avenant enregistré.</p>
      ) : (
        <Table
          caption="Avenants enregistrés"
          headers={["N°", "Signé le", "Objet", "Changements", "Copie au CBCM", "Enregistré par"]}
          data={facts.avenants.map((a) => [
            String(a.number),
            formatDate(a.signedOn),
            a.object,
            <ul key="c" className={fr.cx("fr-mb-0")}>
              {(avenantLines.get(a.number) ?? []).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>,
            a.cbcmCopySentOn ? `Envoyée le ${formatDate(a.cbcmCopySentOn)}` : "Non envoyée",
            a.recordedByName,
          ])}
        />
      )}
      {may.avenant && (
        <FormPanel id="avenant-form" title="Enregistrer un avenant">
          <p className={fr.cx("fr-text--sm")}>
            Ne renseignez que ce que l&apos;avenant modifie ; un champ laissé vide reste inchangé. Une année ajoutée suit la règle du
            FAST : 50 % à la signature, 50 % après le bilan de mi-parcours. Un avenant qui ferait passer une dotation sous ce qui
            est déjà mis à disposition, engagé ou payé est refusé. Si toutes les tranches d&apos;une année sont déjà débloquées,
            l&apos;augmentation de sa dotation forme une tranche supplémentaire, débloquable dès la signature de l&apos;avenant.
          </p>
          <ActionForm
            action={recordAvenantAction}
            hidden={{ ...hidden, creditYears: view.terms.credits.map((c) => c.year).join(",") }}
            submitLabel="Enregistrer l'avenant"
          >
            <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
              <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
                <TextField name="number" label="Numéro de l'avenant" defaultValue={nextNumber} inputMode="numeric" required />
              </div>
              <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
                <TextField name="signedOn" label="Signé par toutes les parties le" type="date" required />
              </div>
              <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
                <TextField name="cbcmCopySentOn" label="Copie envoyée au CBCM le (facultatif)" type="date" />
              </div>
            </div>
            <TextField name="object" label="Objet" textArea defaultValue={prefill(query.objet)} required />
            <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
              <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                <TextField name="endsOn" label="Nouvelle échéance (facultatif)" hint={`Actuellement le ${formatDate(view.terms.endsOn)}`} type="date" />
              </div>
              <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
                <TextField
                  name="midTermReviewDueOn"
                  label="Nouvelle date limite du bilan de mi-parcours (facultatif)"
                  hint={view.dates.midTermReviewDueOn ? `Actuellement le ${formatDate(view.dates.midTermReviewDueOn)}` : undefined}
                  type="date"
                />
              </div>
            </div>
            {view.terms.credits.map((c) => (
              <fieldset key={c.year} className={fr.cx("fr-fieldset")}>
                <legend className={fr.cx("fr-fieldset__legend")}>Dotation {c.year} (en euros, facultatif)</legend>
                <div className={fr.cx("fr-fieldset__element", "fr-fieldset__element--inline")}>
                  <TextField name={`ae-${c.year}`} label={`AE ${c.year}`} hint={`Actuellement ${formatEuros(c.aeCents)}`} inputMode="decimal" />
                </div>
                <div className={fr.cx("fr-fieldset__element", "fr-fieldset__element--inline")}>
                  <TextField name={`cp-${c.year}`} label={`CP ${c.year}`} hint={`Actuellement ${formatEuros(c.cpCents)}`} inputMode="decimal" />
                </div>
              </fieldset>
            ))}
            <fieldset className={fr.cx("fr-fieldset")}>
              <legend className={fr.cx("fr-fieldset__legend")}>Année ajoutée (facultatif)</legend>
              <div className={fr.cx("fr-fieldset__element", "fr-fieldset__element--inline")}>
                <TextField name="newYear" label="Année" inputMode="numeric" />
              </div>
              <div className={fr.cx("fr-fieldset__element", "fr-fieldset__element--inline")}>
                <TextField name="ae-new" label="AE (en euros)" inputMode="decimal" />
              </div>
              <div className={fr.cx("fr-fieldset__element", "fr-fieldset__element--inline")}>
                <TextField name="cp-new" label="CP (en euros)" inputMode="decimal" />
              </div>
            </fieldset>
          </ActionForm>
        </FormPanel>
      )}

      <h2>Suspensions</h2>
      <p className={fr.cx("fr-text--sm")}>
        La délégation peut être suspendue lorsque les crédits sont insuffisants sans ajustement par avenant : aucune tranche
        n&apos;est alors débloquée.
      </p>
      {facts.suspensions.length === 0 ? (
        <p>Aucune suspension enregistrée.</p>
      ) : (
        <Table
          caption="Suspensions de la délégation"
          headers={["Depuis le", "Levée le", "Motif", "Enregistrée par"]}
          data={facts.suspensions.map((s) => [formatDate(s.startsOn), s.liftedOn ? formatDate(s.liftedOn) : "En cours", s.reason, s.recordedByName])}
        />
      )}
      {may.suspend && runningSuspension && (
        <FormPanel id="lift-form" title="Lever la suspension en cours">
          <ActionForm action={liftSuspensionAction} hidden={{ ...hidden, suspensionId: runningSuspension.id }} submitLabel="Lever la suspension">
            <TextField name="liftedOn" label="Levée le" type="date" defaultValue={today} required />
          </ActionForm>
        </FormPanel>
      )}
      {may.suspend && !runningSuspension && (
        <FormPanel id="suspension-form" title="Suspendre la délégation">
          <ActionForm action={recordSuspensionAction} hidden={hidden} submitLabel="Enregistrer la suspension">
            <TextField name="startsOn" label="Suspendue à compter du" type="date" defaultValue={today} required />
            <TextField name="reason" label="Motif" textArea required />
          </ActionForm>
        </FormPanel>
      )}

      <h2>Résiliation</h2>
      <p className={fr.cx("fr-text--sm")}>
        Chaque partie peut résilier la convention à tout moment ; la résiliation prend effet {facts.terminationNoticeMonths} mois
        après la date du préavis.
      </p>
      {facts.terminations.length === 0 ? (
        <p>Aucun préavis de résiliation.</p>
      ) : (
        <Table
          caption="Préavis de résiliation"
          headers={["Date du préavis", "Partie", "Auteur", "Motif", "Prend effet le", "Suite"]}
          data={facts.terminations.map((t) => {
            const effectiveOn = terminationEffectiveOn(t.noticeOn, facts.terminationNoticeMonths);
            const mayWithdraw = !t.withdrawnOn && today < effectiveOn && actorParty === t.byParty && can(access.actor, "convention.terminate", access.parties);
            return [
              formatDate(t.noticeOn),
              PARTY_LABELS[t.byParty],
              t.authorName,
              <span key="r">
                {t.reason}
                {t.regularisationReason && (
                  <>
                    <br />
                    <Badge as="span" small severity="info">
                      Régularisation
                    </Badge>{" "}
                    {t.regularisationReason}
                  </>
                )}
              </span>,
              t.withdrawnOn ? "—" : formatDate(effectiveOn),
              t.withdrawnOn ? (
                `Retiré le ${formatDate(t.withdrawnOn)}${t.withdrawnByName ? ` par ${t.withdrawnByName}` : ""}`
              ) : mayWithdraw ? (
                <ActionForm key="w" action={withdrawTerminationAction} hidden={{ ...hidden, noticeId: t.id }} submitLabel="Retirer ce préavis">
                  {null}
                </ActionForm>
              ) : today < effectiveOn ? (
                "En cours de préavis"
              ) : (
                "A pris effet"
              ),
            ];
          })}
        />
      )}
      {may.terminate && (
        <FormPanel id="termination-form" title="Notifier un préavis de résiliation">
          <ActionForm action={recordTerminationAction} hidden={hidden} submitLabel="Enregistrer le préavis">
            <TextField name="noticeOn" label="Date du préavis" hint="Le jour où il est enregistré." type="date" defaultValue={today} required />
            <TextField name="reason" label="Motif" textArea defaultValue={prefill(query.motif)} required />
          </ActionForm>
        </FormPanel>
      )}
      {may.terminate && actorParty === "DELEGANT" && (
        <FormPanel id="regularisation-form" title="Régulariser un préavis donné antérieurement">
          <p className={fr.cx("fr-text--sm")}>
            Un préavis donné par courrier et enregistré après coup : la DINUM l&apos;enregistre à sa date, en indiquant pourquoi.
            Il est refusé si des enregistrements (EJ, paiements, avenants, déblocages…) sont datés de sa prise d&apos;effet ou après :
            ils sont alors listés, à corriger d&apos;abord.
          </p>
          <ActionForm action={recordTerminationAction} hidden={hidden} submitLabel="Enregistrer la régularisation">
            <RadioField
              name="byParty"
              legend="Partie qui a donné le préavis"
              options={[
                { value: "DELEGANT", label: PARTY_LABELS.DELEGANT },
                { value: "PARTENAIRE", label: PARTY_LABELS.PARTENAIRE },
                { value: "DELEGATAIRE", label: PARTY_LABELS.DELEGATAIRE },
              ]}
            />
            <TextField name="noticeOn" label="Date du préavis" type="date" required />
            <TextField name="reason" label="Motif du préavis" textArea required />
            <TextField name="regularisationReason" label="Motif de la régularisation" textArea required />
          </ActionForm>
        </FormPanel>
      )}
    </>
  );
}
