// The daily national extracts of Chorus: technical "|"-separated files whose header row holds SAP field
// names, one file of EJ lines and one of payment requests (DP).
//
// Accepted, explicitly:
// - header names in any case, with or without surrounding spaces (BBP_PO_ID, bbp_po_id); title rows before
//   the header are tolerated as in the Infocentre format;
// - amounts: a decimal point or a decimal comma (either is unambiguous here: at most two decimals and no
//   thousands separator at all), a leading minus or SAP's trailing minus ("1234.50-"); no spaces;
// - dates: YYYYMMDD (SAP's DATS), dd.mm.yyyy and YYYY-MM-DD; "00000000" is SAP's empty date;
// - item numbers padded with zeros ("00001", "0000000010").
import type { AmountSyntax } from "../money";
import {
  buildEjLine,
  cleanCode,
  cleanText,
  createTableParser,
  readAmount,
  readDate,
  readDpNumber,
  readEjLine,
  readEjNumber,
  type ColumnSpec,
  type DateFormat,
  type EjLineColumn,
} from "./cells";
import type { ChorusDpLine, ChorusEjLine, ChorusRowParser } from "./records";

export const NATIONAL_AMOUNT: AmountSyntax = { decimalMark: "either", spaces: "none", trailingMinus: true };

const NATIONAL_DATES: readonly DateFormat[] = ["yyyymmdd", "dd.mm.yyyy", "yyyy-mm-dd"];

/** Title rows tolerated before the header row. */
const MAX_TITLE_ROWS = 10;

/** SAP field names of the EJ file (SRM purchase order item with its funds-management imputation). */
export const NATIONAL_EJ_COLUMNS: Record<EjLineColumn, ColumnSpec> = {
  ejNumber: { label: "bbp_po_id", aliases: ["bbp_po_id", "ebeln"], required: true },
  lineNumber: { label: "bbp_poitem", aliases: ["bbp_poitem", "ebelp"], required: true },
  orderedOn: { label: "doc_date", aliases: ["doc_date", "bedat", "created_on"], required: true },
  amount: { label: "fm_amount1", aliases: ["fm_amount1", "amount"], required: true },
  supplierCode: { label: "vendor", aliases: ["vendor", "lifnr"], required: false },
  supplierName: { label: "vendor_name", aliases: ["vendor_name", "name1", "name_org1"], required: true },
  supplierSiret: { label: "tax_numb", aliases: ["tax_numb", "stcd1", "siret"], required: false },
  object: { label: "description", aliases: ["description", "txz01", "item_text"], required: false },
  programme: { label: "programme", aliases: ["programme", "prog"], required: false },
  domaineFonctionnel: { label: "func_area", aliases: ["func_area", "fkber"], required: true },
  centreFinancier: { label: "cfund_ctr", aliases: ["cfund_ctr", "funds_ctr", "fistl"], required: true },
  centreDeCout: { label: "costcenter", aliases: ["costcenter", "cost_center", "kostl"], required: true },
  activite: { label: "cfmrefprg", aliases: ["cfmrefprg"], required: true },
  compteGeneral: { label: "g_l_acct", aliases: ["g_l_acct", "gl_account", "hkont", "sakto"], required: false },
};

export function createNationalEjParser(): ChorusRowParser<ChorusEjLine> {
  return createTableParser<EjLineColumn, ChorusEjLine>({
    columns: NATIONAL_EJ_COLUMNS,
    identifying: ["ejNumber", "amount"],
    maxRowsBeforeHeader: MAX_TITLE_ROWS,
    formatName: "extrait national des EJ",
    skipTotalRows: false,
    build: (cells, problems) => buildEjLine(cells, problems, { dates: NATIONAL_DATES, amount: NATIONAL_AMOUNT }),
  });
}

type DpColumn = "dpNumber" | "ejNumber" | "lineNumber" | "paidOn" | "amount" | "vendor" | "supplierName" | "centreFinancier" | "activite";

/** SAP field names of the DP file (accounting document with the purchase order it pays). */
export const NATIONAL_DP_COLUMNS: Record<DpColumn, ColumnSpec> = {
  dpNumber: { label: "ac_doc_no", aliases: ["ac_doc_no", "belnr"], required: true },
  ejNumber: { label: "oi_ebeln", aliases: ["oi_ebeln"], required: true },
  lineNumber: { label: "oi_ebelp", aliases: ["oi_ebelp"], required: true },
  // The DP's posting date: when the CP are consumed (the clearing date, when present, is the bank's).
  paidOn: { label: "pstng_date", aliases: ["pstng_date", "budat", "doc_date", "bldat"], required: true },
  amount: { label: "fm_amount1", aliases: ["fm_amount1", "amount", "dmbtr", "wrbtr"], required: true },
  vendor: { label: "vendor", aliases: ["vendor", "lifnr"], required: false },
  supplierName: { label: "vendor_name", aliases: ["vendor_name", "name1", "name_org1"], required: false },
  centreFinancier: { label: "cfund_ctr", aliases: ["cfund_ctr", "funds_ctr", "fistl"], required: false },
  activite: { label: "cfmrefprg", aliases: ["cfmrefprg"], required: false },
};

export function createNationalDpParser(): ChorusRowParser<ChorusDpLine> {
  return createTableParser<DpColumn, ChorusDpLine>({
    columns: NATIONAL_DP_COLUMNS,
    identifying: ["dpNumber", "ejNumber"],
    maxRowsBeforeHeader: MAX_TITLE_ROWS,
    formatName: "extrait national des demandes de paiement",
    skipTotalRows: false,
    build(cells, problems) {
      const dpNumber = problems.take(readDpNumber(cells.get("dpNumber")));
      const ejNumber = problems.take(readEjNumber(cells.get("ejNumber")));
      const lineNumber = problems.take(readEjLine(cells.get("lineNumber")));
      const paidOn = problems.take(readDate(cells.get("paidOn"), NATIONAL_DATES));
      const amountCents = problems.take(readAmount(cells.get("amount"), NATIONAL_AMOUNT));
      if (problems.any) return undefined;
      const line: ChorusDpLine = { dpNumber: dpNumber!, ejNumber: ejNumber!, lineNumber: lineNumber!, paidOn: paidOn!, amountCents: amountCents! };
      const vendor = cells.get("vendor");
      if (vendor) line.vendor = vendor;
      const supplierName = cleanText(cells.raw("supplierName"));
      if (supplierName) line.supplierName = supplierName;
      const centreFinancier = cleanCode(cells.raw("centreFinancier"));
      if (centreFinancier) line.centreFinancier = centreFinancier;
      const activite = cleanCode(cells.raw("activite"));
      if (activite) line.activite = activite;
      return line;
    },
  });
}
