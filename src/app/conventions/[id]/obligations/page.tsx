import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { requirePageConvention } from "@/server/page-guards";
import { conventionForRender } from "@/server/repositories/convention-render";
import { loadObligations, type ObligationRecord } from "@/server/repositories/obligations";
import { updateObligationAction } from "@/server/actions/obligations";
import { clock } from "@/server/clock";
import { DECLARED_STATUSES, OBLIGATION_KIND_LABELS, OBLIGATION_STATUS_LABELS, type ObligationStatus } from "@/domain/obligations";
import { PARTY_ROLES, canUpdateObligation, type PartyRole } from "@/domain/permissions";
import { formatDate } from "@/components/format";
import { PARTY_LABELS } from "@/components/labels";
import { ActionForm, RadioField, TextField } from "@/components/ActionForm";

export const metadata: Metadata = { title: "Obligations" };

const SEVERITY: Record<ObligationStatus, "success" | "info" | "warning" | "error" | "new" | undefined> = {
  A_FAIRE: undefined,
  EN_COURS: "info",
  RESPECTEE: "success",
  EN_RETARD: "error",
  SANS_OBJET: undefined,
};

const PARTY_TITLES: Record<PartyRole, string> = {
  DELEGANT: "Obligations du délégant",
  PARTENAIRE: "Obligations du partenaire",
  DELEGATAIRE: "Obligations du délégataire",
};

function StatusBadge({ status }: { status: ObligationStatus }) {
  return (
    <Badge as="span" small severity={SEVERITY[status]} noIcon={SEVERITY[status] === undefined}>
      {OBLIGATION_STATUS_LABELS[status]}
    </Badge>
  );
}

function Evidence({ o }: { o: ObligationRecord }) {
  const last = o.updates[0];
  if (!last) return <span className={fr.cx("fr-text--sm")}>Aucune</span>;
  return (
    <span className={fr.cx("fr-text--sm")}>
      {last.evidenceUrl && (
        <>
          <a href={last.evidenceUrl} target="_blank" rel="noopener noreferrer" title={`Preuve : ${o.title} — nouvelle fenêtre`}>
            Voir la preuve
          </a>
          <br />
        </>
      )}
      {last.note && (
        <>
          {last.note}
          <br />
        </>
      )}
      {last.evidenceOn ? `Du ${formatDate(last.evidenceOn)}, déclaré par ` : "Déclaré par "}
      {last.authorName}
    </span>
  );
}

export default async function ObligationsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await requirePageConvention("convention.read", id, `/conventions/${id}/obligations`);
  const today = clock.today();
  const [obligations, { details: overview }] = await Promise.all([loadObligations(access.conventionId, today), conventionForRender(access.conventionId)]);
  const late = obligations.filter((o) => o.status === "EN_RETARD");
  const acronym = (role: PartyRole) => overview.parties.find((p) => p.role === role)?.organisation.acronym ?? "";

  return (
    <>
      <h1>Obligations</h1>
      <p>
        Les obligations des articles 2 à 4 de la convention, chacune due par une partie. Seule la partie qui doit une obligation en
        déclare le suivi, preuve à l&apos;appui ; toutes les parties le lisent. Une obligation dont l&apos;échéance est passée sans
        être déclarée respectée est <strong>en retard</strong> : ce statut est déduit, jamais saisi.
      </p>
      <p>
        <a className={fr.cx("fr-link", "fr-icon-calendar-line", "fr-link--icon-left")} href={`/conventions/${access.conventionId}/calendrier.ics`} download>
          Télécharger le calendrier des échéances de cette convention (ICS)
        </a>
        <br />
        <a className={fr.cx("fr-link", "fr-link--sm")} href="/conventions/calendrier.ics" download>
          ou celui de toutes vos conventions
        </a>
      </p>
      {late.length > 0 && (
        <Alert
          severity="warning"
          title={late.length === 1 ? "1 obligation en retard" : `${late.length} obligations en retard`}
          description={
            <ul className={fr.cx("fr-mb-0")}>
              {late.map((o) => (
                <li key={o.id}>
                  {o.title} ({PARTY_LABELS[o.owedBy].toLowerCase()}, échéance du {o.dueOn ? formatDate(o.dueOn) : "—"})
                </li>
              ))}
            </ul>
          }
          className={fr.cx("fr-mb-4w")}
        />
      )}

      {PARTY_ROLES.map((role) => {
        const owed = obligations.filter((o) => o.owedBy === role);
        if (owed.length === 0) return null;
        const mayUpdate = canUpdateObligation(access.actor, role, access.parties);
        return (
          <section key={role} aria-labelledby={`obligations-${role}`} className={fr.cx("fr-mb-6w")}>
            <h2 id={`obligations-${role}`}>
              {PARTY_TITLES[role]} ({acronym(role)})
            </h2>
            <Table
              caption={`${PARTY_TITLES[role]} : statut et dernière preuve`}
              headers={["Obligation", "Nature", "Échéance", "Statut", "Dernière preuve"]}
              data={owed.map((o) => [
                <span key="t">
                  {o.title}
                  <br />
                  <span className={fr.cx("fr-text--xs")}>{o.article}</span>
                </span>,
                OBLIGATION_KIND_LABELS[o.kind],
                o.dueOn ? formatDate(o.dueOn) : "—",
                <span key="s">
                  <StatusBadge status={o.status} />
                  <br />
                  <span className={fr.cx("fr-text--xs")}>{o.reason}</span>
                </span>,
                <Evidence key="e" o={o} />,
              ])}
            />
            {mayUpdate && (
              <div className={fr.cx("fr-accordions-group")}>
                {owed.map((o) => (
                  <Accordion key={o.id} label={`Déclarer le suivi : ${o.title}`} titleAs="h3">
                    <p className={fr.cx("fr-text--sm")}>{o.description}</p>
                    {o.updates.length > 0 && (
                      <Table
                        caption="Suivis déclarés (le plus récent fait foi)"
                        headers={["Déclaré le", "Statut", "Preuve", "Par"]}
                        data={o.updates.map((u) => [
                          u.createdAt.toLocaleString("fr-FR", { timeZone: "Europe/Paris", dateStyle: "short", timeStyle: "short" }),
                          OBLIGATION_STATUS_LABELS[u.status],
                          [u.evidenceUrl, u.note, u.evidenceOn ? `du ${formatDate(u.evidenceOn)}` : null].filter(Boolean).join(" — ") || "—",
                          u.authorName,
                        ])}
                      />
                    )}
                    <ActionForm action={updateObligationAction} hidden={{ conventionId: access.conventionId, obligationId: o.id }} submitLabel="Enregistrer le suivi">
                      <RadioField
                        name="status"
                        legend="Statut"
                        options={DECLARED_STATUSES.map((s) => ({
                          value: s,
                          label: OBLIGATION_STATUS_LABELS[s],
                          ...(s === "RESPECTEE" ? { hint: "Une preuve est attendue : un lien ou une note." } : {}),
                        }))}
                      />
                      <TextField name="evidenceUrl" label="Lien vers la preuve (facultatif)" hint="Adresse commençant par https://" />
                      <TextField name="evidenceOn" label="Date de la preuve (facultatif)" type="date" />
                      <TextField name="note" label="Note (facultatif)" textArea />
                    </ActionForm>
                  </Accordion>
                ))}
              </div>
            )}
          </section>
        );
      })}
    </>
  );
}
