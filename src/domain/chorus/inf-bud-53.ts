// The INF-BUD-53-style extract of Chorus Infocentre ("Pilotage de la gestion"), saved as CSV: ";"-separated,
// a few title rows (report name, perimeter, extraction date) before the header row, then one EJ movement
// per row. French number and date writing: "-1 234,50", "22500,12", "15.03.2024"; "#" means empty.
//
// Accepted, explicitly:
// - amounts: a decimal comma, at most two decimals, spaces (plain, no-break, narrow no-break) only between
//   groups of three digits, a leading minus for reductions, an optional "€"; a decimal point is refused
//   ("1.500" could be fifteen hundred euros or one and a half: we do not guess);
// - dates: dd.mm.yyyy (Chorus) and dd/mm/yyyy (the same file re-saved by a spreadsheet);
// - header names: case, accents, punctuation and extra spaces do not matter ("N° EJ", "n° ej", "No EJ");
//   a code column followed by an empty or identical header is read as code then label (Infocentre's
//   "Fournisseur;Fournisseur"); the header row may repeat (page breaks), "Total…" rows are skipped.
import type { AmountSyntax } from "../money";
import { buildEjLine, createTableParser, type ColumnSpec, type EjLineColumn } from "./cells";
import type { ChorusEjLine, ChorusRowParser } from "./records";

export const INF_BUD_53_AMOUNT: AmountSyntax = { decimalMark: ",", spaces: "thousands", trailingMinus: false };

export const INF_BUD_53_COLUMNS: Record<EjLineColumn, ColumnSpec> = {
  ejNumber: {
    label: "N° EJ",
    aliases: ["N° EJ", "No EJ", "Numéro EJ", "Numéro d'EJ", "Numéro de l'EJ", "N° engagement juridique", "Engagement juridique", "EJ"],
    required: true,
  },
  lineNumber: {
    label: "N° poste EJ",
    aliases: ["N° poste EJ", "No poste EJ", "Numéro poste EJ", "Numéro de poste EJ", "Poste EJ", "Poste"],
    required: true,
  },
  orderedOn: {
    label: "Date",
    aliases: ["Date de l'EJ", "Date EJ", "Date de création de l'EJ", "Date de création EJ", "Date de commande", "Date de création", "Date comptable", "Date du document", "Date"],
    required: true,
  },
  amount: {
    label: "Montant",
    aliases: ["Montant engagé", "Montant engagé (EUR)", "Montant engagé AE", "Montant AE", "Montant EJ", "Montant poste EJ", "Montant (EUR)", "Montant"],
    required: true,
  },
  programme: { label: "Programme", aliases: ["Programme", "Programme code"], required: false },
  domaineFonctionnel: { label: "Domaine fonctionnel", aliases: ["Domaine fonctionnel", "Domaine fonctionnel code"], required: true },
  centreFinancier: { label: "Centre financier", aliases: ["Centre financier", "Centre financier code"], required: true },
  centreDeCout: { label: "Centre de coûts", aliases: ["Centre de coûts", "Centre de coût", "Centre de coûts code", "Centre de coût code"], required: true },
  activite: {
    label: "Référentiel de programmation (activité)",
    aliases: ["Référentiel de programmation (activité)", "Référentiel de programmation", "Activité", "Code activité"],
    required: true,
  },
  supplierName: {
    label: "Fournisseur (libellé)",
    aliases: ["Fournisseur (libellé)", "Libellé fournisseur", "Fournisseur nom", "Nom du fournisseur", "Nom fournisseur", "Raison sociale"],
    required: true,
  },
  supplierCode: { label: "Fournisseur (code)", aliases: ["Fournisseur (code)", "Code fournisseur", "N° fournisseur", "Fournisseur"], required: false },
  supplierSiret: { label: "SIRET", aliases: ["SIRET", "N° SIRET", "Numéro SIRET", "Code SIRET", "SIRET fournisseur", "Fournisseur SIRET"], required: false },
  compteGeneral: { label: "Compte général", aliases: ["Compte général", "Compte général code"], required: false },
  object: {
    label: "Objet",
    aliases: ["Objet", "Objet de l'EJ", "Désignation", "Libellé poste EJ", "Libellé du poste", "Texte du poste", "Libellé EJ"],
    required: false,
  },
};

/** Title rows tolerated before the header row ("a few" in practice; generous for long report banners). */
export const MAX_TITLE_ROWS = 30;

/** A parser for one INF-BUD-53-style file: push its rows in order (fields already split on ";"). */
export function createInfBud53Parser(): ChorusRowParser<ChorusEjLine> {
  return createTableParser<EjLineColumn, ChorusEjLine>({
    columns: INF_BUD_53_COLUMNS,
    identifying: ["ejNumber", "amount"],
    maxRowsBeforeHeader: MAX_TITLE_ROWS,
    formatName: "extrait INF-BUD-53",
    skipTotalRows: true,
    adjustColumns({ columns, labelColumns }) {
      // "Fournisseur;Fournisseur" (or "Fournisseur;" ): code, then label. A lone "Fournisseur": its name.
      if (columns.supplierName !== undefined) return;
      if (labelColumns.supplierCode !== undefined) {
        columns.supplierName = labelColumns.supplierCode;
      } else if (columns.supplierCode !== undefined) {
        columns.supplierName = columns.supplierCode;
        delete columns.supplierCode;
      }
    },
    build: (cells, problems) => buildEjLine(cells, problems, { dates: ["dd.mm.yyyy", "dd/mm/yyyy"], amount: INF_BUD_53_AMOUNT }),
  });
}
