import type { Metadata } from "next";

export const metadata: Metadata = { title: "Déclaration d'accessibilité" };

export default function AccessibilityPage() {
  return (
    <>
      <h1>Déclaration d&apos;accessibilité</h1>
      <p>
        La DINUM s&apos;engage à rendre ses services numériques accessibles, conformément à l&apos;article 47 de la loi
        n° 2005-102 du 11 février 2005. Cette déclaration s&apos;applique au service Suivi FAST.
      </p>
      <h2>État de conformité</h2>
      <p>
        Suivi FAST est <strong>non conforme</strong> avec le référentiel général d&apos;amélioration de l&apos;accessibilité
        (RGAA) version 4.1 : aucun audit n&apos;a encore été réalisé.
      </p>
      <h2>Ce que nous faisons déjà</h2>
      <ul>
        <li>Le service utilise le Système de design de l&apos;État (DSFR), conçu pour être accessible.</li>
        <li>
          Chaque page est analysée automatiquement (outil axe, critères WCAG 2.1 niveau AA) à chaque modification du
          code, en thème clair et en thème sombre. Ces tests automatiques ne remplacent pas un audit.
        </li>
        <li>Les graphiques sont accompagnés d&apos;un tableau présentant les mêmes données.</li>
      </ul>
      <h2>Retour d&apos;information et contact</h2>
      <p>
        Si vous n&apos;arrivez pas à accéder à un contenu ou à un service, contactez l&apos;équipe du FAST à la DINUM
        pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.
      </p>
      <h2>Voies de recours</h2>
      <p>
        Si vous constatez un défaut d&apos;accessibilité vous empêchant d&apos;accéder à un contenu ou à une fonctionnalité,
        que vous nous le signalez et que vous ne parvenez pas à obtenir une réponse de notre part, vous pouvez écrire au
        Défenseur des droits (https://formulaire.defenseurdesdroits.fr/), contacter le délégué du Défenseur des droits
        dans votre région, ou envoyer un courrier gratuit à : Défenseur des droits, Libre réponse 71120, 75342 Paris
        CEDEX 07.
      </p>
      <p>Déclaration établie le 28 novembre 2026.</p>
    </>
  );
}
