import type { Metadata } from "next";
import { fr } from "@codegouvfr/react-dsfr";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { Select } from "@codegouvfr/react-dsfr/SelectNext";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { requirePageConvention } from "@/server/page-guards";
import { listConventionAudit } from "@/server/repositories/audit";
import { AUDIT_FAMILY_LABELS, auditKindLabel } from "@/components/audit-labels";
import { auditDetails, auditSentence } from "@/components/audit-sentences";
import { PARTY_LABELS } from "@/components/labels";
import { PARTY_ROLES, type PartyRole } from "@/domain/permissions";

export const metadata: Metadata = { title: "Historique de la convention" };

const dateTime = new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Paris" });

export default async function HistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const query = await searchParams;
  const access = await requirePageConvention("convention.read", id, `/conventions/${id}/historique`);
  const party = PARTY_ROLES.find((p) => p === query.partie) as PartyRole | undefined;
  const family = typeof query.type === "string" && /^[a-z]+$/.test(query.type) ? query.type : undefined;
  const { entries, families } = await listConventionAudit(access.conventionId, { party, family });
  return (
    <>
      <h1>Historique</h1>
      <p>Chaque modification du registre de cette convention, avec son auteur et sa date. Rien n&apos;y est jamais effacé.</p>
      <form method="get" className={fr.cx("fr-grid-row", "fr-grid-row--gutters", "fr-grid-row--bottom", "fr-mb-3w")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
          <Select
            label="Partie"
            nativeSelectProps={{ name: "partie", defaultValue: party ?? "" }}
            options={[{ value: "", label: "Toutes les parties" }, ...PARTY_ROLES.map((p) => ({ value: p, label: PARTY_LABELS[p] }))]}
          />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
          <Select
            label="Type d'événement"
            nativeSelectProps={{ name: "type", defaultValue: family ?? "" }}
            options={[{ value: "", label: "Tous les types" }, ...families.map((f) => ({ value: f, label: AUDIT_FAMILY_LABELS[f] ?? f }))]}
          />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
          <Button type="submit" priority="secondary">
            Filtrer
          </Button>
        </div>
      </form>
      {entries.length === 0 ? (
        <p>Aucun événement ne correspond à ces filtres.</p>
      ) : (
        <Table
          caption={`${entries.length} événement${entries.length > 1 ? "s" : ""}`}
          headers={["Date", "Événement", "Auteur", "Partie", "Détail"]}
          data={entries.map((e) => {
            const details = auditDetails(e);
            return [
              dateTime.format(e.at),
              <span key="s">
                <strong>{auditKindLabel(e.kind)}</strong>
                <br />
                {auditSentence(e)}
              </span>,
              e.author,
              e.party ? PARTY_LABELS[e.party] : "—",
              details.length === 0 ? (
                "—"
              ) : (
                <ul key="d" className={fr.cx("fr-text--xs", "fr-mb-0")}>
                  {details.map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              ),
            ];
          })}
        />
      )}
    </>
  );
}
