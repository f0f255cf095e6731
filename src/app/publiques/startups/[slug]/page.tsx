import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { loadPublicImpact } from "@/server/repositories/public-impact";
import { formatDate } from "@/components/format";
import { IndicatorPanel } from "@/components/IndicatorPanel";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const impact = await loadPublicImpact((await params).slug);
  return { title: impact ? `Impact de ${impact.startupName}` : "Startup introuvable" };
}

// The startup's public impact dashboard, as its FAST convention requires (no login): the indicators its
// partner marked public, from its published conventions only.
export default async function StartupImpactPage({ params }: Props) {
  const impact = await loadPublicImpact((await params).slug);
  if (!impact) notFound();
  const demo = impact.indicators.some((i) => i.demo);
  return (
    <>
      <h1>Impact de {impact.startupName}</h1>
      <p className={fr.cx("fr-text--lead")}>
        Tableau de bord public des indicateurs d&apos;impact présentés aux comités d&apos;investissement de la startup, au titre
        {impact.conventions.length > 1 ? " de ses conventions" : " de sa convention"} FAST (
        {impact.conventions.map((c) => `${c.fastCall}${c.signedOn ? `, signée le ${formatDate(c.signedOn)}` : ""}`).join(" ; ")}).
      </p>
      <p>
        À chaque comité, semestriel, l&apos;équipe présente le résultat de la phase qui s&apos;achève et son objectif à six mois ; le
        comité suivant lit le résultat au regard de cet objectif. Seuls les indicateurs que le partenaire a rendus publics figurent ici.
      </p>
      {demo && (
        <Alert
          severity="info"
          small
          description="Les valeurs affichées sont des données de démonstration : elles illustrent l'outil et ne mesurent pas l'impact réel du service."
          className={fr.cx("fr-mb-4w")}
        />
      )}
      {impact.indicators.length === 0 ? (
        <p>Aucun indicateur public pour le moment.</p>
      ) : (
        impact.indicators.map((i) => (
          <IndicatorPanel key={i.id} headingLevel="h2" name={i.name} unit={i.unit} definition={i.definition} impactLevel={i.impactLevel} series={i.series} />
        ))
      )}
      <h2>Données ouvertes</h2>
      <p>
        Les mêmes valeurs sont servies au format des pages de statistiques beta.gouv.fr :{" "}
        <a href={`/api/stats/${impact.slug}`} className={fr.cx("fr-link")}>
          statistiques de {impact.startupName} (JSON)
        </a>
        .
      </p>
    </>
  );
}
