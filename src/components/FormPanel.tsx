// A bordered section holding one form of a page, named by its heading (the section is labelled by it).
import type { ReactNode } from "react";
import { fr } from "@codegouvfr/react-dsfr";

export function FormPanel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className={fr.cx("fr-p-3w", "fr-mb-4w")} style={{ border: "1px solid var(--border-default-grey)" }} aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}
