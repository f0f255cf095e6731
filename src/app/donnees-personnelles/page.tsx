import type { Metadata } from "next";

export const metadata: Metadata = { title: "Données personnelles" };

export default function PersonalDataPage() {
  return (
    <>
      <h1>Données personnelles</h1>
      <h2>Responsable de traitement</h2>
      <p>La Direction interministérielle du numérique (DINUM).</p>
      <h2>Finalité</h2>
      <p>
        Suivre l&apos;exécution des conventions de délégation de gestion du FAST par les agents des administrations qui y
        sont parties (mission d&apos;intérêt public, article 6-1-e du RGPD).
      </p>
      <h2>Données traitées</h2>
      <ul>
        <li>Agents utilisateurs : nom, prénom, adresse électronique professionnelle, organisation, rôle.</li>
        <li>Traces de sécurité : connexions réussies et échouées, et toute modification du registre (journal d&apos;audit).</li>
        <li>Représentants des parties : nom et fonction, tels qu&apos;ils figurent dans les conventions publiées.</li>
      </ul>
      <h2>Durée de conservation</h2>
      <p>
        Les comptes sont conservés tant que l&apos;agent a besoin d&apos;accéder au service. Le journal d&apos;audit est conservé
        pour la durée des conventions augmentée des délais de contrôle budgétaire et comptable.
      </p>
      <h2>Cookies</h2>
      <p>
        Suivi FAST dépose uniquement un cookie de session, strictement nécessaire à la connexion : il ne requiert pas de
        consentement. Aucun outil de mesure d&apos;audience ni traceur tiers n&apos;est utilisé.
      </p>
      <h2>Vos droits</h2>
      <p>
        Vous disposez d&apos;un droit d&apos;accès, de rectification et de limitation de vos données. Pour l&apos;exercer,
        contactez le délégué à la protection des données des services du Premier ministre. Vous pouvez aussi saisir la
        CNIL.
      </p>
    </>
  );
}
