"use client";

import { usePathname } from "next/navigation";
import { SideMenu } from "@codegouvfr/react-dsfr/SideMenu";

export interface ConventionMenuItem {
  text: string;
  href: string;
}

/** The sections of one convention; the current one is marked active. */
export function ConventionMenu({ items }: { items: ConventionMenuItem[] }) {
  const pathname = usePathname();
  return (
    <SideMenu
      align="left"
      burgerMenuButtonText="Sections de la convention"
      title="Convention"
      // The first item is the convention itself; the others are also active on their sub-pages.
      items={items.map((item, index) => ({
        text: item.text,
        isActive: pathname === item.href || (index > 0 && pathname.startsWith(`${item.href}/`)),
        linkProps: { href: item.href },
      }))}
    />
  );
}
