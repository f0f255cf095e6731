import type { Metadata } from "next";
import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import { requirePageConvention } from "@/server/page-guards";
import { conventionForRender } from "@/server/repositories/convention-render";
import { loadSteering } from "@/server/repositories/steering";
import { defineIndicatorAction, updateIndicatorAction } from "@/server/actions/steering";
import { can } from "@/domain/permissions";
import { ActionForm } from "@/components/ActionForm";
import { IndicatorPanel } from "@/components/IndicatorPanel";
import { IndicatorFields } from "../fields";

export const metadata: Metadata = { title: "Indicateurs d'impact" };

export default async function IndicatorsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await requirePageConvention("convention.read", id, `/conventions/${id}/comites/indicateurs`);
  const [{ view }, steering] = await Promise.all([conventionForRender(access.conventionId), loadSteering(access.conventionId)]);
  const mayRecord = can(access.actor, "committee.record", access.parties) && view.dates.signedOn !== null;
  const hidden = { conventionId: access.conventionId };
  return (
    <>
      <p className={fr.cx("fr-mb-2w")}>
        <Link href={`/conventions/${access.conventionId}/comites`} className={fr.cx("fr-link", "fr-icon-arrow-left-line", "fr-link--icon-left")}>
          Comités et indicateurs
        </Link>
      </p>
      <h1>Indicateurs d&apos;impact</h1>
      <p>
        À chaque comité, l&apos;équipe présente le résultat de la phase qui s&apos;achève et l&apos;objectif à six mois ; le comité suivant
        lit son résultat au regard de cet objectif.
      </p>
      {mayRecord && (
        <div className={fr.cx("fr-accordions-group", "fr-mb-4w")}>
          <Accordion label="Ajouter un indicateur" titleAs="h2">
            <ActionForm action={defineIndicatorAction} hidden={hidden} submitLabel="Ajouter l'indicateur">
              <IndicatorFields />
            </ActionForm>
          </Accordion>
          {steering.indicators.map((indicator) => (
            <Accordion key={indicator.id} label={`Modifier l'indicateur « ${indicator.name} »`} titleAs="h2">
              <ActionForm action={updateIndicatorAction} hidden={{ ...hidden, indicatorId: indicator.id }} submitLabel="Enregistrer l'indicateur">
                <IndicatorFields indicator={indicator} />
              </ActionForm>
            </Accordion>
          ))}
        </div>
      )}
      {steering.indicators.length === 0 ? (
        <p>Aucun indicateur défini pour le moment.</p>
      ) : (
        steering.indicators.map((indicator) => (
          <IndicatorPanel
            key={indicator.id}
            headingLevel="h2"
            name={indicator.name}
            unit={indicator.unit}
            definition={indicator.definition}
            impactLevel={indicator.impactLevel}
            visibility={indicator.isPublic ? "public" : "prive"}
            series={indicator.series}
          />
        ))
      )}
    </>
  );
}
