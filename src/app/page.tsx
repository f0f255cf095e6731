import Link from "next/link";
import { fr } from "@codegouvfr/react-dsfr";
import { CallOut } from "@codegouvfr/react-dsfr/CallOut";

export default function HomePage() {
  return (
    <>
      <h1>Suivi FAST</h1>
      <p className={fr.cx("fr-text--lead")}>
        Le registre partagé des conventions de délégation de gestion du Fonds d&apos;accélération des Startups
        d&apos;État (FAST), de la signature au compte rendu final.
      </p>
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters", "fr-mb-4w")}>
        <section className={fr.cx("fr-col-12", "fr-col-md-4")}>
          <h2 className={fr.cx("fr-h4")}>DINUM, délégant</h2>
          <p>Suit le portefeuille des conventions, examine le bilan de mi-parcours et débloque les tranches de crédits.</p>
        </section>
        <section className={fr.cx("fr-col-12", "fr-col-md-4")}>
          <h2 className={fr.cx("fr-h4")}>Administration partenaire</h2>
          <p>L&apos;intrapreneur consigne les comités d&apos;investissement et les indicateurs d&apos;impact de la startup.</p>
        </section>
        <section className={fr.cx("fr-col-12", "fr-col-md-4")}>
          <h2 className={fr.cx("fr-h4")}>Délégataire</h2>
          <p>Les services financiers enregistrent les dépenses CHORUS : engagements, service fait, paiements.</p>
        </section>
      </div>
      <CallOut title="Crédits en deux tranches" iconId="ri-information-line">
        Les autorisations d&apos;engagement (AE) et crédits de paiement (CP) sont mis à disposition pour moitié à la
        signature, pour moitié après le bilan de mi-parcours si l&apos;équipe est bien mobilisée. Le statut de chaque
        tranche est déduit des faits enregistrés, jamais saisi à la main.
      </CallOut>
      <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md")}>
        <li>
          <Link className={fr.cx("fr-btn")} href="/conventions">
            Accéder à mes conventions
          </Link>
        </li>
        <li>
          <Link className={fr.cx("fr-btn", "fr-btn--secondary")} href="/publiques/conventions">
            Consulter les conventions publiées
          </Link>
        </li>
      </ul>
    </>
  );
}
