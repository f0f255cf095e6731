"use client";

import { usePathname } from "next/navigation";
import { SideMenu } from "@codegouvfr/react-dsfr/SideMenu";

/** The sections of a convention, relative to its address (the first is the convention itself). */
const SECTIONS = [
  { text: "Aperçu", path: "" },
  { text: "Rédaction et signatures", path: "/projet" },
  { text: "Tranches et crédits", path: "/tranches" },
  { text: "Dépenses", path: "/depenses" },
  { text: "Comités et indicateurs", path: "/comites" },
  { text: "Obligations", path: "/obligations" },
  { text: "Avenants, suspensions et résiliation", path: "/vie" },
  { text: "Compte rendu final", path: "/compte-rendu" },
  { text: "Documents", path: "/documents" },
  { text: "Historique", path: "/historique" },
] as const;

/**
 * The sections of one convention (`base`: its address); the current one is marked active. Only the address
 * crosses from the server: the list is the client module's own.
 */
export function ConventionMenu({ base }: { base: string }) {
  const pathname = usePathname();
  return (
    <SideMenu
      align="left"
      burgerMenuButtonText="Sections de la convention"
      title="Convention"
      // The first item is the convention itself; the others are also active on their sub-pages.
      items={SECTIONS.map(({ text, path }, index) => {
        const href = `${base}${path}`;
        return { text, isActive: pathname === href || (index > 0 && pathname.startsWith(`${href}/`)), linkProps: { href } };
      })}
    />
  );
}
