"use client";
// The convention's EJ list, rendered from strings the page has already written (as the portfolio's rows,
// docs/adr/0007): the RSC payload carries the rows' data instead of their element tree, which was 3.4 times
// the page's HTML (69 kB of scripts for 20 kB of <main>, 50 EJs). The same server-rendered DSFR table.
import { Table } from "@codegouvfr/react-dsfr/Table";

/** An EJ line: its page, its label "number (poste)", then the six cells as the page writes them. */
export interface EjRowView {
  href: string;
  label: string;
  cells: readonly string[];
}

export function EjTable({ rows }: { rows: readonly EjRowView[] }) {
  return (
    <Table
      caption="Engagements juridiques de la convention"
      headers={["EJ (poste)", "Date", "Fournisseur", "Objet", "AE engagés", "CP payés", "Reste à payer sur l'EJ"]}
      data={rows.map((row) => [
        // A plain link (same markup as next/link's): client-side navigation is not worth a router per row.
        <a key="l" href={row.href}>
          {row.label}
        </a>,
        ...row.cells,
      ])}
    />
  );
}
