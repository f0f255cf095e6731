import type { Metadata } from "next";

export const metadata: Metadata = { title: "Mentions légales" };

export default function LegalNoticePage() {
  return (
    <>
      <h1>Mentions légales</h1>
      <h2>Éditeur</h2>
      <p>
        Direction interministérielle du numérique (DINUM), 20 avenue de Ségur – TSA 30719, 75334 Paris Cedex 07.
      </p>
      <h2>Directrice de la publication</h2>
      <p>La directrice interministérielle du numérique.</p>
      <h2>Hébergement</h2>
      <p>
        L&apos;hébergeur est précisé pour chaque déploiement du service. Cette instance de démonstration fonctionne avec
        une base de données embarquée, sur la machine qui l&apos;exécute.
      </p>
      <h2>Code source</h2>
      <p>Suivi FAST est un logiciel libre ; son code source est publié sous licence MIT.</p>
      <h2>Données de démonstration</h2>
      <p>
        La convention FAST 14 « France Chaleur Urbaine » reprend le texte de la convention signée le 29 février 2024.
        Les comptes de démonstration, la convention « Signalement Démo » et leurs organisations sont fictifs.
      </p>
    </>
  );
}
