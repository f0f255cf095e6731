import type { Metadata } from "next";
import type { ReactNode } from "react";
import { headers } from "next/headers";
import { Header } from "@codegouvfr/react-dsfr/Header";
import { Footer } from "@codegouvfr/react-dsfr/Footer";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks";
import { Display, headerFooterDisplayItem } from "@codegouvfr/react-dsfr/Display";
import { DsfrHead, getHtmlAttributes } from "@/dsfr-bootstrap/server-only-index";
import { DsfrProvider, StartDsfrOnHydration } from "@/dsfr-bootstrap";
import { auth } from "@/server/auth";
import { logoutAction } from "@/server/actions/auth";
import { ROLE_LABELS } from "@/components/labels";
import { ScrollableTables } from "@/components/ScrollableTables";
import { can } from "@/domain/permissions";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Suivi FAST", template: "%s — Suivi FAST" },
  description: "Suivi des conventions de délégation de gestion du Fonds d'accélération des Startups d'État (FAST).",
};

const lang = "fr";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await auth();
  const user = session?.user;
  const actor = user ? { userId: user.id, organisationId: user.organisationId, role: user.role } : null;
  // The administration's pages this user may open (each page checks again on the server).
  const administration = [
    ...(can(actor, "organisations.list") ? [{ text: "Organisations", linkProps: { href: "/administration/organisations" } }] : []),
    ...(can(actor, "users.manage") ? [{ text: "Comptes", linkProps: { href: "/administration/comptes" } }] : []),
  ];
  // The request's CSP nonce (src/proxy.ts): DSFR's inline colour-scheme script must carry it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html {...getHtmlAttributes({ lang })}>
      <head>
        <DsfrHead nonce={nonce} preloadFonts={["Marianne-Regular", "Marianne-Medium", "Marianne-Bold"]} />
      </head>
      <body>
        <DsfrProvider lang={lang} doCheckNonce>
          <StartDsfrOnHydration />
          <ScrollableTables />
          <SkipLinks
            links={[
              { anchor: "#contenu", label: "Contenu" },
              { anchor: "#fr-header-main-navigation", label: "Menu" },
              { anchor: "#fr-footer", label: "Pied de page" },
            ]}
          />
          <Header
            brandTop={
              <>
                RÉPUBLIQUE
                <br />
                FRANÇAISE
              </>
            }
            serviceTitle="Suivi FAST"
            serviceTagline="Conventions de délégation de gestion du FAST"
            homeLinkProps={{ href: "/", title: "Accueil — Suivi FAST" }}
            navigation={
              user
                ? [
                    { text: "Conventions", linkProps: { href: "/conventions" } },
                    ...(can(actor, "portfolio.read") ? [{ text: "Pilotage", linkProps: { href: "/pilotage" } }] : []),
                    ...(can(actor, "portfolio.read") ? [{ text: "Promotions", linkProps: { href: "/promotions" } }] : []),
                    { text: "Conventions publiées", linkProps: { href: "/publiques/conventions" } },
                    ...(can(actor, "colleagues.invite") ? [{ text: "Mon équipe", linkProps: { href: "/equipe" } }] : []),
                    ...(administration.length > 0 ? [{ text: "Administration", menuLinks: administration }] : []),
                  ]
                : [{ text: "Conventions publiées", linkProps: { href: "/publiques/conventions" } }]
            }
            quickAccessItems={[
              headerFooterDisplayItem,
              ...(user
                ? [
                    <span
                      key="user"
                      className="fr-btn fr-icon-account-circle-line"
                      data-testid="utilisateur-connecte"
                      title={`${user.name} — ${ROLE_LABELS[user.role]}`}
                    >
                      {user.name}
                    </span>,
                    <form key="logout" action={logoutAction}>
                      <button type="submit" className="fr-btn fr-icon-logout-box-r-line">
                        Se déconnecter
                      </button>
                    </form>,
                  ]
                : [{ iconId: "fr-icon-lock-line" as const, text: "Se connecter", linkProps: { href: "/connexion" } }]),
            ]}
          />
          <main id="contenu" tabIndex={-1} className="fr-container fr-py-6w">
            {children}
          </main>
          <Footer
            id="fr-footer"
            accessibility="non compliant"
            accessibilityLinkProps={{ href: "/accessibilite" }}
            termsLinkProps={{ href: "/mentions-legales" }}
            contentDescription="Suivi FAST permet à la DINUM, aux administrations partenaires et aux délégataires de suivre ensemble les conventions de délégation de gestion du FAST, de la signature au compte rendu final."
            bottomItems={[
              { text: "Données personnelles", linkProps: { href: "/donnees-personnelles" } },
              headerFooterDisplayItem,
            ]}
          />
          <Display />
        </DsfrProvider>
      </body>
    </html>
  );
}
